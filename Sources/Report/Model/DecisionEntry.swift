import Foundation
import Ledger

/// One line of the decision table: a decision (or a condor's whole trade) with what each path
/// chose and earned, in dollars; the edge is ALVH − fixed.
public struct DecisionEntry: Sendable, Hashable {
    public var condorID: UUID
    /// The decision's New York date; nil for the whole-trade line.
    public var date: CalendarDate?
    /// roll, defer, close, layer-add, layer-reduce, layer-close, or `trade`.
    public var kind: String
    public var alvhChoice: String
    public var fixedChoice: String
    public var fixedExit: String
    public var alvhPnL: Decimal?
    public var fixedPnL: Decimal?
    /// quotes / model / mixed / fills, for each path.
    public var valuation: String
    /// Why figures are missing, when they are.
    public var note: String?

    public init(condorID: UUID, date: CalendarDate?, kind: String, alvhChoice: String, fixedChoice: String, fixedExit: String,
                alvhPnL: Decimal?, fixedPnL: Decimal?, valuation: String = "", note: String? = nil) {
        self.condorID = condorID
        self.date = date
        self.kind = kind
        self.alvhChoice = alvhChoice
        self.fixedChoice = fixedChoice
        self.fixedExit = fixedExit
        self.alvhPnL = alvhPnL
        self.fixedPnL = fixedPnL
        self.valuation = valuation
        self.note = note
    }

    public var isTrade: Bool { kind == "trade" }

    /// ALVH − fixed, when both have figures.
    public var edge: Decimal? {
        guard let alvhPnL, let fixedPnL else { return nil }
        return alvhPnL - fixedPnL
    }
}
