/// The spec as a JSON Schema (draft 2020-12), for editors (`# yaml-language-server: $schema=…`)
/// and other tools. It checks shape only; `ecr-apply validate` checks everything. The copy
/// in docs/registry.schema.json is this text (a test keeps them equal).
public enum SpecSchema {
    public static let json = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://ecr-apply.dev/schema/registry-v1.json",
  "title": "ecr-apply registry spec, version 1",
  "description": "A declared Amazon ECR registry. See docs/spec.md. Checked fully (names, policies, limits, file:line:col) by `ecr-apply validate`.",
  "type": "object",
  "required": [
    "version"
  ],
  "additionalProperties": false,
  "properties": {
    "version": {
      "const": 1
    },
    "registry": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "region": {
          "type": "string",
          "pattern": "^[0-9a-z-]{2,25}$",
          "description": "botocore's Region pattern; an unusual shape is a warning from validate."
        },
        "account_id": {
          "type": "string",
          "pattern": "^[0-9]{12}$",
          "description": "Quote it: apply refuses to touch another account."
        },
        "max_expire": {
          "type": "integer",
          "minimum": 0,
          "description": "Refuse a lifecycle policy change that would expire more images than this in a repository."
        }
      }
    },
    "defaults": {
      "$ref": "#/$defs/settings"
    },
    "lifecycle_policies": {
      "type": "object",
      "propertyNames": {
        "not": {
          "enum": [
            "none",
            "null"
          ]
        }
      },
      "additionalProperties": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "$ref": "#/$defs/file"
          },
          {
            "$ref": "#/$defs/lifecyclePolicy"
          }
        ]
      }
    },
    "repositories": {
      "$ref": "#/$defs/repositories"
    },
    "replication": {
      "$ref": "#/$defs/replication"
    },
    "registry_scanning": {
      "$ref": "#/$defs/registry_scanning"
    },
    "registry_policy": {
      "$ref": "#/$defs/resourcePolicy"
    },
    "prune": {
      "$ref": "#/$defs/prune"
    },
    "pull_through_cache_rules": {
      "$ref": "#/$defs/pull_through_cache_rules"
    },
    "repository_creation_templates": {
      "$ref": "#/$defs/repository_creation_templates"
    },
    "account_settings": {
      "$ref": "#/$defs/account_settings"
    },
    "registry_signing": {
      "$ref": "#/$defs/registry_signing"
    },
    "pull_time_update_exclusions": {
      "$ref": "#/$defs/pull_time_update_exclusions"
    },
    "registries": {
      "description": "Several registries by name, each with where it is and how to reach it; top-level defaults, lifecycle_policies, repositories and sections apply to all, a registry's own sections replace them.",
      "type": "object",
      "propertyNames": {
        "pattern": "^[A-Za-z0-9._-]{1,64}$"
      },
      "additionalProperties": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "account_id",
          "region"
        ],
        "properties": {
          "account_id": {
            "type": "string",
            "pattern": "^[0-9]{12}$",
            "description": "Quote it: apply refuses to touch another account."
          },
          "region": {
            "type": "string",
            "pattern": "^[0-9a-z-]{2,25}$",
            "description": "botocore's Region pattern; an unusual shape is a warning from validate."
          },
          "max_expire": {
            "type": "integer",
            "minimum": 0,
            "description": "Refuse a lifecycle policy change that would expire more images than this in a repository."
          },
          "role_arn": {
            "type": "string",
            "minLength": 20,
            "maxLength": 2048,
            "description": "A role assumed from the base credentials; it must land in account_id."
          },
          "external_id": {
            "type": "string",
            "minLength": 2,
            "maxLength": 1224,
            "pattern": "^[\\w+=,.@:\\/-]*$"
          },
          "session_name": {
            "type": "string",
            "minLength": 2,
            "maxLength": 64,
            "pattern": "^[\\w+=,.@-]*$"
          },
          "profile": {
            "type": "string",
            "description": "A profile of the shared config files: the base credentials for this registry."
          },
          "repositories": {
            "$ref": "#/$defs/repositories"
          },
          "replication": {
            "$ref": "#/$defs/replication"
          },
          "registry_scanning": {
            "$ref": "#/$defs/registry_scanning"
          },
          "prune": {
            "$ref": "#/$defs/prune"
          },
          "pull_through_cache_rules": {
            "$ref": "#/$defs/pull_through_cache_rules"
          },
          "repository_creation_templates": {
            "$ref": "#/$defs/repository_creation_templates"
          },
          "account_settings": {
            "$ref": "#/$defs/account_settings"
          },
          "registry_signing": {
            "$ref": "#/$defs/registry_signing"
          },
          "pull_time_update_exclusions": {
            "$ref": "#/$defs/pull_time_update_exclusions"
          },
          "registry_policy": {
            "$ref": "#/$defs/resourcePolicy"
          }
        }
      }
    }
  },
  "$defs": {
    "settings": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "image_tag_mutability": {
          "$ref": "#/$defs/tagMutability"
        },
        "scan_on_push": {
          "type": "boolean"
        },
        "encryption": {
          "$ref": "#/$defs/encryption"
        },
        "tags": {
          "description": "The complete set of tags (at most 50). `null` means no tags; a `null` value removes a tag from defaults.",
          "anyOf": [
            {
              "type": "null"
            },
            {
              "type": "object",
              "maxProperties": 50,
              "propertyNames": {
                "minLength": 1,
                "maxLength": 128,
                "not": {
                  "pattern": "^aws:"
                }
              },
              "additionalProperties": {
                "anyOf": [
                  {
                    "type": "string",
                    "maxLength": 256
                  },
                  {
                    "type": "null"
                  }
                ]
              }
            }
          ]
        },
        "lifecycle_policy": {
          "$ref": "#/$defs/lifecyclePolicySetting"
        },
        "repository_policy": {
          "$ref": "#/$defs/resourcePolicy"
        },
        "pull_accounts": {
          "$ref": "#/$defs/pullAccounts"
        }
      }
    },
    "file": {
      "type": "object",
      "properties": {
        "file": {
          "type": "string",
          "description": "A JSON file, relative to the spec."
        }
      },
      "required": [
        "file"
      ],
      "additionalProperties": false
    },
    "nonEmptyStrings": {
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "string",
        "minLength": 1
      }
    },
    "lifecyclePolicy": {
      "type": "object",
      "required": [
        "rules"
      ],
      "additionalProperties": false,
      "properties": {
        "rules": {
          "type": "array",
          "minItems": 1,
          "items": {
            "type": "object",
            "required": [
              "rulePriority",
              "selection",
              "action"
            ],
            "additionalProperties": false,
            "properties": {
              "rulePriority": {
                "type": "integer",
                "minimum": 1
              },
              "description": {
                "type": "string"
              },
              "selection": {
                "type": "object",
                "required": [
                  "tagStatus",
                  "countType",
                  "countNumber"
                ],
                "additionalProperties": false,
                "properties": {
                  "tagStatus": {
                    "enum": [
                      "tagged",
                      "untagged",
                      "any"
                    ]
                  },
                  "tagPrefixList": {
                    "$ref": "#/$defs/nonEmptyStrings"
                  },
                  "tagPatternList": {
                    "$ref": "#/$defs/nonEmptyStrings"
                  },
                  "storageClass": {
                    "enum": [
                      "standard",
                      "archive"
                    ]
                  },
                  "countType": {
                    "enum": [
                      "imageCountMoreThan",
                      "sinceImagePushed",
                      "sinceImagePulled",
                      "sinceImageTransitioned"
                    ]
                  },
                  "countUnit": {
                    "enum": [
                      "days"
                    ]
                  },
                  "countNumber": {
                    "type": "integer",
                    "minimum": 1
                  }
                }
              },
              "action": {
                "type": "object",
                "required": [
                  "type"
                ],
                "additionalProperties": false,
                "properties": {
                  "type": {
                    "enum": [
                      "expire",
                      "transition"
                    ]
                  },
                  "targetStorageClass": {
                    "enum": [
                      "archive"
                    ]
                  }
                }
              }
            }
          }
        }
      }
    },
    "iamPolicy": {
      "type": "object",
      "required": [
        "Statement"
      ],
      "properties": {
        "Version": {
          "enum": [
            "2012-10-17",
            "2008-10-17"
          ]
        },
        "Id": {
          "type": "string"
        },
        "Statement": {
          "anyOf": [
            {
              "$ref": "#/$defs/iamStatement"
            },
            {
              "type": "array",
              "minItems": 1,
              "items": {
                "$ref": "#/$defs/iamStatement"
              }
            }
          ]
        }
      },
      "additionalProperties": false
    },
    "iamStatement": {
      "type": "object",
      "required": [
        "Effect"
      ],
      "properties": {
        "Sid": {
          "type": "string"
        },
        "Effect": {
          "enum": [
            "Allow",
            "Deny"
          ]
        }
      }
    },
    "resourcePolicy": {
      "anyOf": [
        {
          "type": "null"
        },
        {
          "type": "string",
          "description": "The policy as JSON text."
        },
        {
          "$ref": "#/$defs/file"
        },
        {
          "$ref": "#/$defs/iamPolicy"
        }
      ]
    },
    "filter": {
      "anyOf": [
        {
          "type": "string"
        },
        {
          "type": "object",
          "required": [
            "filter"
          ],
          "additionalProperties": false,
          "properties": {
            "filter": {
              "type": "string"
            },
            "filter_type": {
              "enum": [
                "PREFIX_MATCH",
                "WILDCARD"
              ]
            }
          }
        }
      ]
    },
    "tagMutability": {
      "description": "Whether image tags can be overwritten; exclusions behave the other way round.",
      "anyOf": [
        {
          "enum": [
            "MUTABLE",
            "IMMUTABLE"
          ]
        },
        {
          "type": "object",
          "required": [
            "mode"
          ],
          "additionalProperties": false,
          "properties": {
            "mode": {
              "enum": [
                "MUTABLE",
                "IMMUTABLE"
              ]
            },
            "exclusions": {
              "type": "array",
              "minItems": 1,
              "maxItems": 5,
              "items": {
                "type": "string",
                "pattern": "^[A-Za-z0-9._*-]+$"
              }
            }
          }
        }
      ]
    },
    "encryption": {
      "description": "Fixed at creation: changing it replaces the repository.",
      "anyOf": [
        {
          "enum": [
            "AES256",
            "KMS",
            "KMS_DSSE"
          ]
        },
        {
          "type": "object",
          "required": [
            "type"
          ],
          "additionalProperties": false,
          "properties": {
            "type": {
              "enum": [
                "AES256",
                "KMS",
                "KMS_DSSE"
              ]
            },
            "kms_key": {
              "type": "string"
            }
          }
        }
      ]
    },
    "repositories": {
      "anyOf": [
        {
          "type": "null"
        },
        {
          "type": "object",
          "propertyNames": {
            "pattern": "^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$",
            "minLength": 2,
            "maxLength": 256
          },
          "additionalProperties": {
            "anyOf": [
              {
                "type": "null"
              },
              {
                "$ref": "#/$defs/settings"
              }
            ]
          }
        }
      ]
    },
    "replication": {
      "anyOf": [
        {
          "type": "null"
        },
        {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "rules": {
              "type": "array",
              "maxItems": 10,
              "items": {
                "type": "object",
                "required": [
                  "destinations"
                ],
                "additionalProperties": false,
                "properties": {
                  "destinations": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 100,
                    "items": {
                      "type": "object",
                      "required": [
                        "region"
                      ],
                      "additionalProperties": false,
                      "properties": {
                        "region": {
                          "type": "string",
                          "pattern": "^[0-9a-z-]{2,25}$"
                        },
                        "registry_id": {
                          "type": "string",
                          "pattern": "^[0-9]{12}$"
                        }
                      }
                    }
                  },
                  "repository_filters": {
                    "type": "array",
                    "maxItems": 100,
                    "items": {
                      "$ref": "#/$defs/filter"
                    }
                  }
                }
              }
            }
          },
          "required": [
            "rules"
          ]
        }
      ]
    },
    "registry_scanning": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "scan_type": {
          "enum": [
            "BASIC",
            "ENHANCED"
          ]
        },
        "rules": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "scan_frequency",
              "repository_filters"
            ],
            "additionalProperties": false,
            "properties": {
              "scan_frequency": {
                "enum": [
                  "SCAN_ON_PUSH",
                  "CONTINUOUS_SCAN",
                  "MANUAL"
                ]
              },
              "repository_filters": {
                "type": "array",
                "items": {
                  "$ref": "#/$defs/filter"
                },
                "maxItems": 100
              }
            }
          }
        }
      },
      "required": [
        "scan_type"
      ]
    },
    "prune": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "tags": {
          "type": "object",
          "additionalProperties": {
            "type": "string"
          }
        },
        "prefix": {
          "type": "string"
        },
        "allow_delete_images": {
          "type": "boolean"
        }
      }
    },
    "pull_through_cache_rules": {
      "description": "Pull-through cache rules by ECR repository prefix. Declared, the set is owned: a rule the spec lacks is destroyed.",
      "anyOf": [
        {
          "type": "null"
        },
        {
          "type": "object",
          "propertyNames": {
            "pattern": "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$",
            "minLength": 2,
            "maxLength": 30
          },
          "additionalProperties": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "upstream_registry_url"
            ],
            "properties": {
              "upstream_registry_url": {
                "type": "string"
              },
              "upstream_registry": {
                "enum": [
                  "ecr",
                  "ecr-public",
                  "quay",
                  "k8s",
                  "docker-hub",
                  "github-container-registry",
                  "azure-container-registry",
                  "gitlab-container-registry",
                  "chainguard"
                ]
              },
              "upstream_repository_prefix": {
                "type": "string",
                "pattern": "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$",
                "minLength": 2,
                "maxLength": 30
              },
              "credential_arn": {
                "type": "string",
                "minLength": 50,
                "maxLength": 612,
                "pattern": "^arn:aws(-\\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\\-pullthroughcache\\/[a-zA-Z0-9\\/_+=.@-]+$"
              },
              "custom_role_arn": {
                "type": "string",
                "maxLength": 2048
              }
            }
          }
        }
      ]
    },
    "repository_creation_templates": {
      "description": "Repository creation templates by prefix or ROOT. Declared, the set is owned.",
      "anyOf": [
        {
          "type": "null"
        },
        {
          "type": "object",
          "propertyNames": {
            "pattern": "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$",
            "minLength": 1,
            "maxLength": 256
          },
          "additionalProperties": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "applied_for"
            ],
            "properties": {
              "applied_for": {
                "type": "array",
                "items": {
                  "enum": [
                    "REPLICATION",
                    "PULL_THROUGH_CACHE",
                    "CREATE_ON_PUSH"
                  ]
                }
              },
              "description": {
                "type": "string",
                "maxLength": 256
              },
              "image_tag_mutability": {
                "$ref": "#/$defs/tagMutability"
              },
              "encryption": {
                "$ref": "#/$defs/encryption"
              },
              "resource_tags": {
                "type": "object",
                "additionalProperties": {
                  "type": "string"
                }
              },
              "lifecycle_policy": {
                "$ref": "#/$defs/lifecyclePolicySetting"
              },
              "repository_policy": {
                "$ref": "#/$defs/resourcePolicy"
              },
              "pull_accounts": {
                "$ref": "#/$defs/pullAccounts"
              },
              "custom_role_arn": {
                "type": "string",
                "maxLength": 2048
              }
            }
          }
        }
      ]
    },
    "account_settings": {
      "description": "Account settings by name (BASIC_SCAN_TYPE_VERSION, REGISTRY_POLICY_SCOPE, BLOB_MOUNTING, …); only those written are managed.",
      "type": "object",
      "propertyNames": {
        "minLength": 1,
        "maxLength": 64
      },
      "additionalProperties": {
        "type": "string"
      }
    },
    "registry_signing": {
      "description": "Managed signing, owned whole; null for none.",
      "anyOf": [
        {
          "type": "null"
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "rules"
          ],
          "properties": {
            "rules": {
              "type": "array",
              "maxItems": 10,
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "signing_profile_arn"
                ],
                "properties": {
                  "signing_profile_arn": {
                    "type": "string",
                    "maxLength": 200,
                    "pattern": "^arn:aws(-[a-z]+)*:signer:[a-z0-9-]+:[0-9]{12}:\\/signing-profiles\\/[a-zA-Z0-9_]{2,}$"
                  },
                  "repository_filters": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 100,
                    "items": {
                      "type": "string",
                      "minLength": 1,
                      "maxLength": 256,
                      "pattern": "^(?:[a-z0-9*]+(?:[._-][a-z0-9*]+)*/)*[a-z0-9*]+(?:[._-][a-z0-9*]+)*$"
                    }
                  }
                }
              }
            }
          }
        }
      ]
    },
    "pull_time_update_exclusions": {
      "description": "IAM principals whose pulls do not update an image's last-pulled time; owned whole.",
      "anyOf": [
        {
          "type": "null"
        },
        {
          "type": "array",
          "items": {
            "type": "string",
            "maxLength": 200,
            "pattern": "^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role|user)/[\\w+=,.@-]+(/[\\w+=,.@-]+)*$"
          }
        }
      ]
    },
    "lifecyclePolicySetting": {
      "anyOf": [
        {
          "type": "null"
        },
        {
          "type": "string",
          "description": "A name from lifecycle_policies, or the policy as JSON text."
        },
        {
          "$ref": "#/$defs/file"
        },
        {
          "$ref": "#/$defs/lifecyclePolicy"
        }
      ]
    },
    "pullAccounts": {
      "type": "array",
      "items": {
        "type": "string",
        "pattern": "^([0-9]{12}|\\*)$"
      },
      "description": "Accounts allowed to pull (the standard cross-account pull statement)."
    }
  }
}
"""#
}
