/// Where a run acts, and why. A declarative file says where it acts: a region written in it
/// (`registry.region`, or a saved plan's region) is the region, whatever `AWS_REGION`,
/// `AWS_DEFAULT_REGION` or the profile say; those are used only when it names none. An explicit
/// `--region` that contradicts it is refused, as Terraform's provider `region` beats the
/// environment and a flag cannot quietly move a reviewed change elsewhere.
public struct RegionChoice: Sendable, Equatable {
    /// The region the run acts in.
    public var region: String
    /// Where it came from: `registry.region`, `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, `profile default`.
    public var source: String
    /// One line when the environment names another region than the one used; `nil` otherwise.
    public var note: String?

    public init(region: String, source: String, note: String? = nil) {
        self.region = region
        self.source = source
        self.note = note
    }

    /// A `--region` that contradicts the declared region.
    public struct Conflict: Error, Sendable, Equatable, CustomStringConvertible {
        public var declared: String
        public var declaredBy: String
        public var flag: String

        public init(declared: String, declaredBy: String, flag: String) {
            self.declared = declared
            self.declaredBy = declaredBy
            self.flag = flag
        }

        public var description: String {
            "\(declaredBy) says \(declared), but --region says \(flag); nothing was read or changed. Drop --region to act in \(declared)"
                + (declaredBy.hasPrefix("registry")
                    ? ", or set \(declaredBy) to \(flag) if the spec belongs there." : ", or make a new plan for \(flag).")
        }
    }
}

extension AWSEnvironment {
    /// The environment's region, in the AWS CLI's order, with the name of its source.
    public var environmentRegion: (region: String, source: String)? {
        if let value = variable("AWS_REGION") { return (value, "AWS_REGION") }
        if let value = variable("AWS_DEFAULT_REGION") { return (value, "AWS_DEFAULT_REGION") }
        if let value = profile(profileName)?["region"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
            return (value, "profile \(profileName)")
        }
        return nil
    }

    /// The region of a run: `declared` (by `declaredBy`, e.g. `registry.region`) when there is
    /// one, else `--region`, else the environment's. Throws `RegionChoice.Conflict` when
    /// `--region` names another region than the declared one; `nil` when nothing names one.
    public func chooseRegion(flag: String?, declared: String?, declaredBy: String = "registry.region") throws -> RegionChoice? {
        let flag = flag?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        guard let declared else {
            if let flag { return RegionChoice(region: flag, source: "--region") }
            return environmentRegion.map { RegionChoice(region: $0.region, source: $0.source) }
        }
        if let flag, flag != declared { throw RegionChoice.Conflict(declared: declared, declaredBy: declaredBy, flag: flag) }
        var choice = RegionChoice(region: declared, source: declaredBy)
        if flag == nil, let other = environmentRegion, other.region != declared {
            choice.note = "note: acting in \(declared) as \(declaredBy) says; \(other.source) (\(other.region)) applies only to specs that name no region"
        }
        return choice
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
