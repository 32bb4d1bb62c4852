/// A command's raw values keyed by flag (`--credit`), as typed on the command line or read from
/// a CSV row, before parsing. Parsing them (`LedgerCommand.parse`) gives the same messages for both.
public struct CommandArguments: Sendable, Equatable {
    /// The positional argument (an id), when the command takes one.
    public var positional: String?
    /// Flag (with its dashes) → values in order; a flag given once has one value.
    public var values: [String: [String]]

    public init(positional: String? = nil, values: [String: [String]] = [:]) {
        self.positional = positional
        self.values = values
    }

    /// From command-line-like tokens (as `RandomTradingSession` generates them): `--flag value`
    /// pairs; any other token is the positional argument.
    public init(tokens: [String]) {
        self.init()
        var index = 0
        while index < tokens.count {
            if tokens[index].hasPrefix("--"), index + 1 < tokens.count {
                set(tokens[index], tokens[index + 1])
                index += 2
            } else {
                positional = tokens[index]
                index += 1
            }
        }
    }

    /// Sets `flag` to `value` when not nil.
    public mutating func set(_ flag: String, _ value: String?) {
        if let value { values[flag, default: []].append(value) }
    }

    /// Sets `flag` to every value in `list`.
    public mutating func set(_ flag: String, all list: [String]) {
        if !list.isEmpty { values[flag, default: []].append(contentsOf: list) }
    }

    public func optional(_ flag: String) -> String? { values[flag]?.last }

    public func all(_ flag: String) -> [String] { values[flag] ?? [] }

    public func required(_ flag: String) throws -> String {
        guard let value = optional(flag) else { throw LedgerValidationError(field: flag, rule: "is required") }
        return value
    }

    public func requiredPositional(_ name: String) throws -> String {
        guard let value = positional, !value.isEmpty else { throw LedgerValidationError(field: name, rule: "is required") }
        return value
    }
}
