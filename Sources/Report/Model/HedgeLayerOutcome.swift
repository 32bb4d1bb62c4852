import Foundation
import Ledger

/// What one hedge layer cost against what it paid, in dollars (both ≥ 0).
///
/// Cost: premium and fees paid. Paid: proceeds received plus, while open, its value at the last
/// mark. For a VIX future the margin committed and returned is left out of both, so cost is its
/// fees and any loss, paid its gain. `paid − cost` is the layer's realized plus unrealized P&L.
public struct HedgeLayerOutcome: Sendable, Hashable {
    public var layerID: UUID
    public var instrument: String
    public var openedOn: CalendarDate
    public var status: String
    public var cost: Decimal
    public var paid: Decimal
    /// False when the layer is open and has no value at the last mark (its paid figure is realized only).
    public var valued: Bool

    public init(layerID: UUID, instrument: String, openedOn: CalendarDate, status: String, cost: Decimal, paid: Decimal, valued: Bool) {
        self.layerID = layerID
        self.instrument = instrument
        self.openedOn = openedOn
        self.status = status
        self.cost = cost
        self.paid = paid
        self.valued = valued
    }

    public var net: Decimal { paid - cost }
}
