/// What prompted a roll or a deferral, in the trader's words, stored verbatim: what the fixed
/// risk:reward rule said at that moment and what the ALVH reading said.
public struct RollTrigger: Codable, Sendable, Hashable {
    public var fixedRule: String?
    public var alvh: String?

    public init(fixedRule: String? = nil, alvh: String? = nil) {
        self.fixedRule = fixedRule
        self.alvh = alvh
    }

    public var isEmpty: Bool { fixedRule == nil && alvh == nil }
}
