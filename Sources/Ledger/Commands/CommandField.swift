import Foundation

/// One field of a recording command: its name — the flag (`--credit`) or the argument (`ID`), and
/// without its dashes the CSV column of `alvh import` — and how its text becomes a typed value. The
/// command line, CSV rows and command-line-like tokens all read a field through here, so a value
/// parses once, by one rule, with one message (`LedgerValidationError` naming the field).
public struct CommandField<Value: Sendable>: Sendable {
    /// `--credit`, or `ID` for an argument.
    public let name: String
    private let read: @Sendable (_ text: String, _ field: String) throws -> Value

    public init(_ name: String, _ read: @escaping @Sendable (_ text: String, _ field: String) throws -> Value) {
        self.name = name
        self.read = read
    }

    /// The typed value of `text`; the error names this field and the rule.
    public func parse(_ text: String) throws -> Value { try read(text, name) }

    /// The value of `text`, or the reason it is not one (kept for the command to report in its
    /// field order: see `ALVHCLI`'s trade commands).
    public func checked(_ text: String) -> Result<Value, LedgerValidationError> {
        Result { try parse(text) }.mapError { $0 as? LedgerValidationError ?? LedgerValidationError(field: name, rule: "\($0)") }
    }

    /// The same field (same name) read by another rule, e.g. a level that must be > 0 where
    /// elsewhere ≥ 0 will do.
    public func reading<Other>(_ read: @escaping @Sendable (_ text: String, _ field: String) throws -> Other) -> CommandField<Other> {
        CommandField<Other>(name, read)
    }

    /// The CSV column of `alvh import`: the flag without its dashes.
    public var column: String { name.hasPrefix("--") ? String(name.dropFirst(2)) : name }
}

extension CommandArguments {
    /// The field's value, or nil when absent.
    public func optional<V>(_ field: CommandField<V>) throws -> V? {
        try optional(field.name).map(field.parse)
    }

    /// The field's value; "is required" when absent.
    public func required<V>(_ field: CommandField<V>) throws -> V {
        try field.parse(try required(field.name))
    }

    /// Every value given for a repeatable field, in order.
    public func all<V>(_ field: CommandField<V>) throws -> [V] {
        try all(field.name).map(field.parse)
    }

    /// The positional argument read as `field` (`ID`, `LAYER`, `EVENT-ID`, `NAME`).
    public func positional<V>(_ field: CommandField<V>) throws -> V {
        try field.parse(try requiredPositional(field.name))
    }
}
