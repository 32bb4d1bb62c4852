/// Put or call. Coded as `"P"` / `"C"`, as in the quote and instrument specs.
public enum OptionRight: String, Codable, Sendable, Hashable, CaseIterable {
    case put = "P"
    case call = "C"

    /// Parses `P`, `C`, `put` or `call` (any case).
    public init?(spec: String) {
        switch spec.lowercased() {
        case "p", "put": self = .put
        case "c", "call": self = .call
        default: return nil
        }
    }
}
