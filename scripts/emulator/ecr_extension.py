"""What moto's ECR lacks, added inside the project so that one command starts the whole
stand-in (`scripts/ecr-emulator PORT`). Each addition follows ECR itself: botocore's ECR
service model (shapes, patterns, enums, errors) and the ECR User Guide, never our own client.

Added here:
- lifecycle rules with archive storage (the ECR User Guide's "Lifecycle policy properties":
  `action.type` `transition` with `targetStorageClass` `archive`, `selection.storageClass`
  `standard`/`archive`, count types `sinceImagePulled` and `sinceImageTransitioned`);
- registry policies with every action ECR's registry permissions accept (V1:
  `ecr:ReplicateImage`, `ecr:CreateRepository`, `ecr:BatchImportUpstreamImage`), where moto
  takes only the first two; and with statements sharing a Sid, as the ECR User Guide's own
  registry permissions example has (moto already allows it for repository policies).
"""
import json

from moto.ecr import models, policy_validation
from moto.ecr.exceptions import InvalidParameterException
from moto.iam.exceptions import MalformedPolicyDocument
from moto.iam.policy_validation import IAMPolicyDocumentValidator

# The ECR User Guide, "Lifecycle policy properties".
policy_validation.VALID_ACTION_TYPE_VALUES.update({"transition"})
policy_validation.VALID_ACTION_PROPERTIES = {"type", "targetStorageClass"}
policy_validation.VALID_SELECTION_PROPERTIES.update({"storageClass"})
policy_validation.VALID_SELECTION_COUNT_TYPE_VALUES.update({"sinceImagePulled", "sinceImageTransitioned"})

# The ECR User Guide, "Private registry permissions": the actions a registry policy may grant.
REGISTRY_POLICY_ACTIONS_V1 = {"ecr:ReplicateImage", "ecr:CreateRepository", "ecr:BatchImportUpstreamImage"}


def _validate_registry_policy_action(self, policy_text):
    policy = json.loads(policy_text)
    statements = policy["Statement"]
    for statement in statements if isinstance(statements, list) else [statements]:
        actions = statement.get("Action", [])
        if isinstance(actions, str):
            actions = [actions]
        if set(actions) - REGISTRY_POLICY_ACTIONS_V1:
            raise MalformedPolicyDocument()


models.ECRBackend._validate_registry_policy_action = _validate_registry_policy_action


def put_registry_policy(self, policy_text):
    try:
        validator = IAMPolicyDocumentValidator(policy_text)
        validator._validate_sid_uniqueness = lambda: None  # ECR has no uniqueness rule on Sids
        validator.validate()
        self._validate_registry_policy_action(policy_text)
    except MalformedPolicyDocument:
        raise InvalidParameterException(
            "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid registry policy provided'"
        )
    self.registry_policy = policy_text
    return {"registryId": self.account_id, "policyText": policy_text}


models.ECRBackend.put_registry_policy = put_registry_policy
