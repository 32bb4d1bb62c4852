import Foundation

/// Fees of one order as brokers state them: commissions, and exchange plus regulatory fees.
/// Dollars for the whole order, each ≥ 0; both reduce cash. JSON: `{"commissions": "1.3", "exchange": "0.52"}`.
public struct FeeSplit: Codable, Sendable, Hashable {
    @DecimalText public var commissions: Decimal
    @DecimalText public var exchange: Decimal

    public init(commissions: Decimal, exchange: Decimal) {
        self.commissions = commissions
        self.exchange = exchange
    }

    /// commissions + exchange.
    public var total: Decimal { commissions + exchange }
}
