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

    /// The command as typed after `alvh`.
    public static let name = "condor expire"

    public static func parse(_ a: CommandArguments) throws -> ExpireCondor {
        ExpireCondor(condorID: try a.positional(Field.condor), settlement: try a.required(Field.settlement), fees: try a.optional(Field.fees) ?? 0,
                     at: try a.optional(Field.at))
    }
}
