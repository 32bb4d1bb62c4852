import Foundation

/// `alvh condor expire ID --settlement LEVEL`: cash settle at the index settlement level.
/// Without `--at`, the event is dated at the settlement instant (09:30 ET for AM, 16:00 ET for PM).
public struct ExpireCondor: Sendable, Hashable {
    public var condorID: UUID
    /// The index settlement level (index points, > 0).
    public var settlement: Decimal
    public var fees: Decimal
    public var at: Date?

    public init(condorID: UUID, settlement: Decimal, fees: Decimal = 0, at: Date? = nil) {
        self.condorID = condorID
        self.settlement = settlement
        self.fees = fees
        self.at = at
    }

    public static func parse(_ a: CommandArguments) throws -> ExpireCondor {
        ExpireCondor(condorID: try FieldParser.uuid(try a.requiredPositional("ID"), field: "ID"),
                     settlement: try FieldParser.positive(try a.required("--settlement"), field: "--settlement"),
                     fees: try a.optional("--fees").map { try FieldParser.price($0, field: "--fees") } ?? 0,
                     at: try a.optional("--at").map { try FieldParser.instant($0, field: "--at") })
    }
}
