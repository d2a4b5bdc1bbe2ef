"""What moto's ECR lacks, added inside the project so that one command starts the whole
stand-in (`scripts/ecr-emulator PORT`). Each addition follows ECR itself: botocore's ECR
service model (shapes, patterns, enums, errors) and the ECR User Guide, never our own client.

Added here:
- lifecycle rules with archive storage (the ECR User Guide's "Lifecycle policy properties":
  `action.type` `transition` with `targetStorageClass` `archive`, `selection.storageClass`
  `standard`/`archive`, count types `sinceImagePulled` and `sinceImageTransitioned`);
- registry policies with every action ECR's registry permissions accept (V1:
  `ecr:ReplicateImage`, `ecr:CreateRepository`, `ecr:BatchImportUpstreamImage`; V2, the
  default scope: every `ecr:` action), where moto takes only the first two; and with statements sharing a Sid, as the ECR User Guide's own
  registry permissions example has (moto already allows it for repository policies);
- the operations moto does not serve: pull-through cache rules, repository creation
  templates, account settings, managed signing and pull-time update exclusions (requests
  checked against botocore's model; see the second half of this file).
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
    # With REGISTRY_POLICY_SCOPE V2 (the default for a new registry), a registry policy may
    # grant every ECR action; with V1, only the three above.
    scope = getattr(self, "ecr_apply_state", {}).get("settings", {}).get("REGISTRY_POLICY_SCOPE", "V2")
    policy = json.loads(policy_text)
    statements = policy["Statement"]
    for statement in statements if isinstance(statements, list) else [statements]:
        actions = statement.get("Action", [])
        if isinstance(actions, str):
            actions = [actions]
        allowed = (lambda action: action.startswith("ecr:")) if scope == "V2" else (lambda action: action in REGISTRY_POLICY_ACTIONS_V1)
        if not all(allowed(action) for action in actions):
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


# ---------------------------------------------------------------------------------------------
# Operations moto does not serve: pull-through cache rules, repository creation templates,
# account settings, managed signing and pull-time update exclusions. Requests are checked
# against botocore's ECR service model (required members, lengths, patterns, enums), as ECR's
# front end does, and answered with the model's output shapes and error codes.
# ---------------------------------------------------------------------------------------------
import re  # noqa: E402
import time  # noqa: E402

import botocore.session  # noqa: E402
from moto.core.exceptions import JsonRESTError  # noqa: E402
from moto.ecr.responses import ECRResponse  # noqa: E402

MODEL = botocore.session.get_session().get_service_model("ecr")


class ECRError(JsonRESTError):
    code = 400

    def __init__(self, error_type, message):
        super().__init__(error_type, message)


def _violations(shape, value, path):
    """The constraints `value` breaks, in the words of AWS's ValidationException."""
    found = []
    if shape.type_name == "structure":
        for name in shape.required_members:
            if value.get(name) is None:
                found.append(f"Value null at '{path}{name}' failed to satisfy constraint: Member must not be null")
        for name, member in shape.members.items():
            if value.get(name) is not None:
                found += _violations(member, value[name], f"{path}{name}.")
        return found
    where = path.rstrip(".")
    meta = shape.metadata
    if shape.type_name == "list":
        if "min" in meta and len(value) < meta["min"] or "max" in meta and len(value) > meta["max"]:
            found.append(f"Value at '{where}' failed to satisfy constraint: Member must have length between {meta.get('min', 0)} and {meta.get('max')}")
        for index, item in enumerate(value):
            found += _violations(shape.member, item, f"{where}.{index + 1}.")
    elif shape.type_name == "string":
        if "min" in meta and len(value) < meta["min"] or "max" in meta and len(value) > meta["max"]:
            found.append(f"Value '{value}' at '{where}' failed to satisfy constraint: Member must have length between {meta.get('min', 0)} and {meta.get('max')}")
        if "pattern" in meta and not re.fullmatch(meta["pattern"], value):
            found.append(f"Value '{value}' at '{where}' failed to satisfy constraint: Member must satisfy regular expression pattern: {meta['pattern']}")
        if shape.enum and value not in shape.enum:
            found.append(f"Value '{value}' at '{where}' failed to satisfy constraint: Member must satisfy enum value set: [{', '.join(shape.enum)}]")
    return found


def _checked(response, operation):
    """The request's parameters, refused as ECR refuses what its model does not allow."""
    params = json.loads(response.body or "{}")
    problems = _violations(MODEL.operation_model(operation).input_shape, params, "")
    if problems:
        raise ECRError("ValidationException", f"{len(problems)} validation error{'s' if len(problems) > 1 else ''} detected: " + "; ".join(problems))
    return params


def _state(response):
    backend = response.ecr_backend
    if not hasattr(backend, "ecr_apply_state"):
        backend.ecr_apply_state = {"cache_rules": {}, "templates": {}, "settings": {}, "signing": None, "exclusions": {}}
    return backend.ecr_apply_state


def _operation(name):
    def register(function):
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()

        def handler(self):
            return json.dumps(function(self, _checked(self, name), _state(self)), default=str)

        setattr(ECRResponse, snake, handler)
        return function
    return register


# Pull-through cache rules (API reference: CreatePullThroughCacheRule and its siblings).

_CACHE_FIELDS = ("upstreamRegistryUrl", "upstreamRegistry", "credentialArn", "customRoleArn", "upstreamRepositoryPrefix")


def _cache_rule(self, state, prefix):
    rule = state["cache_rules"].get(prefix)
    if rule is None:
        raise ECRError("PullThroughCacheRuleNotFoundException",
                       f"The pull through cache rule with prefix '{prefix}' does not exist in the registry with id '{self.current_account}'")
    return rule


@_operation("CreatePullThroughCacheRule")
def _create_cache_rule(self, params, state):
    prefix = params["ecrRepositoryPrefix"]
    if prefix in state["cache_rules"]:
        raise ECRError("PullThroughCacheRuleAlreadyExistsException",
                       f"The pull through cache rule with prefix '{prefix}' already exists in the registry with id '{self.current_account}'")
    rule = {"ecrRepositoryPrefix": prefix, "registryId": self.current_account, "createdAt": time.time(), "updatedAt": time.time()}
    rule.update({key: params[key] for key in _CACHE_FIELDS if params.get(key) is not None})
    state["cache_rules"][prefix] = rule
    return {key: value for key, value in rule.items() if key != "updatedAt"}


@_operation("DescribePullThroughCacheRules")
def _describe_cache_rules(self, params, state):
    prefixes = params.get("ecrRepositoryPrefixes")
    rules = [_cache_rule(self, state, prefix) for prefix in prefixes] if prefixes else list(state["cache_rules"].values())
    return {"pullThroughCacheRules": rules}


@_operation("UpdatePullThroughCacheRule")
def _update_cache_rule(self, params, state):
    rule = _cache_rule(self, state, params["ecrRepositoryPrefix"])
    for key in ("credentialArn", "customRoleArn"):
        if params.get(key) is not None:
            rule[key] = params[key]
    rule["updatedAt"] = time.time()
    return {key: rule.get(key) for key in ("ecrRepositoryPrefix", "registryId", "updatedAt", "credentialArn", "customRoleArn", "upstreamRepositoryPrefix")}


@_operation("DeletePullThroughCacheRule")
def _delete_cache_rule(self, params, state):
    rule = _cache_rule(self, state, params["ecrRepositoryPrefix"])
    del state["cache_rules"][params["ecrRepositoryPrefix"]]
    return rule


@_operation("ValidatePullThroughCacheRule")
def _validate_cache_rule(self, params, state):
    # The stand-in reaches no upstream registry: a rule is valid when it exists.
    rule = _cache_rule(self, state, params["ecrRepositoryPrefix"])
    return dict(rule, isValid=True)


# Repository creation templates (API reference: CreateRepositoryCreationTemplate and its siblings).

_TEMPLATE_FIELDS = ("description", "encryptionConfiguration", "resourceTags", "imageTagMutability", "imageTagMutabilityExclusionFilters",
                    "repositoryPolicy", "lifecyclePolicy", "appliedFor", "customRoleArn")


def _template(self, state, prefix):
    template = state["templates"].get(prefix)
    if template is None:
        raise ECRError("TemplateNotFoundException", f"The specified repository creation template with prefix '{prefix}' could not be found")
    return template


@_operation("CreateRepositoryCreationTemplate")
def _create_template(self, params, state):
    prefix = params["prefix"]
    if prefix in state["templates"]:
        raise ECRError("TemplateAlreadyExistsException", f"The repository creation template with prefix '{prefix}' already exists")
    template = {"prefix": prefix, "createdAt": time.time(), "updatedAt": time.time(),
                "imageTagMutability": "MUTABLE", "encryptionConfiguration": {"encryptionType": "AES256"}}
    template.update({key: params[key] for key in _TEMPLATE_FIELDS if params.get(key) is not None})
    state["templates"][prefix] = template
    return {"registryId": self.current_account, "repositoryCreationTemplate": template}


@_operation("DescribeRepositoryCreationTemplates")
def _describe_templates(self, params, state):
    prefixes = params.get("prefixes")
    templates = [state["templates"][p] for p in prefixes if p in state["templates"]] if prefixes else list(state["templates"].values())
    return {"registryId": self.current_account, "repositoryCreationTemplates": templates}


@_operation("UpdateRepositoryCreationTemplate")
def _update_template(self, params, state):
    template = _template(self, state, params["prefix"])
    template.update({key: params[key] for key in _TEMPLATE_FIELDS if params.get(key) is not None})
    template["updatedAt"] = time.time()
    return {"registryId": self.current_account, "repositoryCreationTemplate": template}


@_operation("DeleteRepositoryCreationTemplate")
def _delete_template(self, params, state):
    template = _template(self, state, params["prefix"])
    del state["templates"][params["prefix"]]
    return {"registryId": self.current_account, "repositoryCreationTemplate": template}


# Account settings (API reference: GetAccountSetting, PutAccountSetting). The names and values
# ECR documents; an unknown name is refused as ECR refuses it.
ACCOUNT_SETTINGS = {
    "BASIC_SCAN_TYPE_VERSION": ("AWS_NATIVE", ["AWS_NATIVE", "CLAIR"]),
    "REGISTRY_POLICY_SCOPE": ("V2", ["V1", "V2"]),
    "BLOB_MOUNTING": ("DISABLED", ["ENABLED", "DISABLED"]),
}


def _setting(name):
    if name not in ACCOUNT_SETTINGS:
        raise ECRError("ValidationException", f"Account setting name '{name}' is not valid")
    return ACCOUNT_SETTINGS[name]


@_operation("GetAccountSetting")
def _get_setting(self, params, state):
    default, _ = _setting(params["name"])
    return {"name": params["name"], "value": state["settings"].get(params["name"], default)}


@_operation("PutAccountSetting")
def _put_setting(self, params, state):
    _, values = _setting(params["name"])
    if params["value"] not in values:
        raise ECRError("ValidationException", f"Account setting value '{params['value']}' is not valid for '{params['name']}'")
    state["settings"][params["name"]] = params["value"]
    return {"name": params["name"], "value": params["value"]}


# Managed signing (API reference: PutSigningConfiguration and its siblings).

@_operation("PutSigningConfiguration")
def _put_signing(self, params, state):
    state["signing"] = params["signingConfiguration"]
    return {"signingConfiguration": state["signing"]}


@_operation("GetSigningConfiguration")
def _get_signing(self, params, state):
    if state["signing"] is None:
        raise ECRError("SigningConfigurationNotFoundException", "The signing configuration for the registry does not exist")
    return {"registryId": self.current_account, "signingConfiguration": state["signing"]}


@_operation("DeleteSigningConfiguration")
def _delete_signing(self, params, state):
    configuration = _get_signing(self, params, state)
    state["signing"] = None
    return configuration


# Pull-time update exclusions (API reference: RegisterPullTimeUpdateExclusion and its siblings).

@_operation("RegisterPullTimeUpdateExclusion")
def _register_exclusion(self, params, state):
    arn = params["principalArn"]
    if arn in state["exclusions"]:
        raise ECRError("ExclusionAlreadyExistsException", f"The exclusion for principal '{arn}' already exists")
    state["exclusions"][arn] = time.time()
    return {"principalArn": arn, "createdAt": state["exclusions"][arn]}


@_operation("DeregisterPullTimeUpdateExclusion")
def _deregister_exclusion(self, params, state):
    arn = params["principalArn"]
    if arn not in state["exclusions"]:
        raise ECRError("ExclusionNotFoundException", f"The exclusion for principal '{arn}' does not exist")
    del state["exclusions"][arn]
    return {"principalArn": arn}


@_operation("ListPullTimeUpdateExclusions")
def _list_exclusions(self, params, state):
    return {"pullTimeUpdateExclusions": sorted(state["exclusions"])}
