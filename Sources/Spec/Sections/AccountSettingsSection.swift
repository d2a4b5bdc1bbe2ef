import Yams

/// `account_settings:`: name → value. Only the settings written are managed.
enum AccountSettingsSection: SpecSection {
    static let kind = ResourceKind.accountSetting
    static let key = "account_settings"

    static func decode(_ top: Fields, with decoder: SpecDecoder, into registry: inout DesiredRegistry) {
        guard let node = top[key], let fields = decoder.reader.fields(node, "'\(key)'", allowed: [], nullIsEmpty: true) else { return }
        for entry in fields.entries {
            guard decoder.modelString(entry.key, "the account setting name", shape: "AccountSettingName", lengths: 1...64) != nil,
                let value = decoder.reader.string(entry.value, "the value of '\(entry.name)'")
            else { continue }
            // A name or value the API reference does not document is a warning: ECR decides.
            if let values = AccountSettings.documented[entry.name]?.values {
                if !values.contains(value) {
                    decoder.reader.warning(entry.value, "\(entry.name) '\(value)': the API reference documents \(values.joined(separator: " or "))")
                }
            } else {
                decoder.reader.warning(entry.key, "account setting '\(entry.name)' is not one the API reference names (\(AccountSettings.names.sorted().joined(separator: ", "))); ECR decides")
            }
            registry.accountSettings[entry.name] = value
        }
    }

    /// What a new registry has is left out, as unmanaged, so an untouched registry exports as
    /// compactly as before.
    static func export(_ exporter: SpecExporter) -> [String] {
        let settings = exporter.live.accountSettings.filter { AccountSettings.documented[$0.key]?.newRegistry != $0.value }
        guard !settings.isEmpty else { return [] }
        return ["", "\(key):"] + settings.sorted { $0.key < $1.key }.map { "  \($0.key): \(YAMLText.scalar($0.value))" }
    }
}
