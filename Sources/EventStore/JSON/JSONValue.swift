/// A parsed JSON value (RFC 8259). Numbers keep their text, so decimals lose nothing. An object
/// keeps its members in order: payloads have a dozen keys at most, and a linear search beats
/// hashing every key.
public enum JSONValue: Sendable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// The members, when this is an object.
    public var object: [(key: String, value: JSONValue)]? { if case .object(let o) = self { return o } else { return nil } }
}
