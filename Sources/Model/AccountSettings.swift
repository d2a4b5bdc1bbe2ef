/// The account settings the API reference documents (PutAccountSetting, GetAccountSetting):
/// their values, and the value a new registry has. Other names and values are ECR's to judge.
public enum AccountSettings {
    public static let documented: [String: (values: [String], newRegistry: String)] = [
        "BASIC_SCAN_TYPE_VERSION": (["AWS_NATIVE", "CLAIR"], "AWS_NATIVE"),
        "REGISTRY_POLICY_SCOPE": (["V1", "V2"], "V2"),
        "BLOB_MOUNTING": (["ENABLED", "DISABLED"], "DISABLED"),
    ]

    public static var names: Set<String> { Set(documented.keys) }
}
