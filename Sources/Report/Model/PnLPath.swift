import Foundation
import Ledger

/// One condor's whole trade on the cumulative P&L chart: the ALVH result (layers included, by share)
/// and the fixed rule's from the same opening, both counted on the day the condor ended (or its last
/// mark while open). Dollars.
public struct TradeOutcome: Sendable, Hashable {
    public var condorID: UUID
    public var date: CalendarDate
    public var alvhPnL: Decimal
    public var fixedPnL: Decimal

    public init(condorID: UUID, date: CalendarDate, alvhPnL: Decimal, fixedPnL: Decimal) {
        self.condorID = condorID
        self.date = date
        self.alvhPnL = alvhPnL
        self.fixedPnL = fixedPnL
    }
}

/// A decision marked on the cumulative P&L chart.
public struct DecisionMark: Sendable, Hashable {
    public var date: CalendarDate
    public var kind: String

    public init(date: CalendarDate, kind: String) {
        self.date = date
        self.kind = kind
    }
}

/// Cumulative P&L of the ALVH path against the fixed-rule counterfactual, trade by trade.
public struct PnLPath: Sendable, Hashable {
    /// In date order.
    public var trades: [TradeOutcome]
    public var decisions: [DecisionMark]

    public init(trades: [TradeOutcome], decisions: [DecisionMark]) {
        self.trades = trades.sorted { ($0.date, $0.condorID.uuidString) < ($1.date, $1.condorID.uuidString) }
        self.decisions = decisions.sorted { $0.date < $1.date }
    }

    public var alvhTotal: Decimal { trades.reduce(0) { $0 + $1.alvhPnL } }
    public var fixedTotal: Decimal { trades.reduce(0) { $0 + $1.fixedPnL } }

    /// (date, cumulative ALVH, cumulative fixed) after each trade.
    public var cumulative: [(date: CalendarDate, alvh: Decimal, fixed: Decimal)] {
        var alvh = Decimal(0), fixed = Decimal(0)
        return trades.map { trade in
            alvh += trade.alvhPnL
            fixed += trade.fixedPnL
            return (trade.date, alvh, fixed)
        }
    }
}
