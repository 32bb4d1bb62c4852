import Foundation
import Ledger

/// An SPX, SPXW or XSP option contract as a broker row names it.
public struct IndexOptionContract: Sendable, Hashable, CustomStringConvertible {
    public var underlying: Underlying
    public var expiry: CalendarDate
    public var right: OptionRight
    /// Strike in index points.
    public var strike: Decimal

    public init(underlying: Underlying, expiry: CalendarDate, right: OptionRight, strike: Decimal) {
        self.underlying = underlying
        self.expiry = expiry
        self.right = right
        self.strike = strike
    }

    /// SPX and SPXW options are written on the same index; XSP on a tenth of it.
    public var index: String { underlying == .xsp ? "XSP" : "SPX" }

    public var description: String { "\(underlying.rawValue) \(expiry) \(right.rawValue) \(DecimalParser.format(strike))" }
}

/// What a broker row trades, as far as the ledger cares.
public enum BrokerInstrument: Sendable, Hashable {
    /// A leg an iron condor can be built from.
    case indexOption(IndexOptionContract)
    /// Something a hedge layer can hold (VIX option, VIX future, VIX ETP).
    case hedge(HedgeInstrument)
}

/// How a broker row changes a position.
public enum BrokerRowKind: Sendable, Hashable {
    /// A fill of an order (`Order #` given).
    case trade
    /// An option removed at expiry (worthless; no cash).
    case expiration
    /// An option or future cash settled at expiry (assignment or exercise).
    case cashSettlement
}

/// One broker row the ledger imports, normalized from the broker's own format.
///
/// Signs follow the ledger: `value` is the cash of the row (> 0 into the account: a sale),
/// `fees` are commissions plus fees as a positive number of dollars (a rebate is negative).
public struct BrokerFill: Sendable, Hashable {
    /// 1-based line of the row in the file.
    public var line: Int
    /// Stable id of the row, derived from its contents (see `BrokerRowIdentity`).
    public var rowID: String
    public var at: Date
    public var kind: BrokerRowKind
    /// True when the row buys (a long position grows or a short one shrinks).
    public var isBuy: Bool
    /// True when the row opens a position, false when it closes one.
    public var opens: Bool
    public var instrument: BrokerInstrument
    /// Contracts or shares, ≥ 1.
    public var quantity: Int
    /// Dollars, signed (> 0 received).
    public var value: Decimal
    /// Dollars of commissions and fees, > 0 paid.
    public var fees: Decimal
    /// Of `fees`, the exchange and regulatory fees (≥ 0 paid) when the broker states them apart;
    /// the rest are commissions.
    public var exchangeFees: Decimal
    /// The broker's price per unit (index points, dollars per share), ≥ 0, when the row gives one.
    public var unitPrice: Decimal?
    /// The broker's order number; nil for expiry and settlement rows.
    public var orderID: String?

    public init(line: Int, rowID: String, at: Date, kind: BrokerRowKind, isBuy: Bool, opens: Bool, instrument: BrokerInstrument,
                quantity: Int, value: Decimal, fees: Decimal, exchangeFees: Decimal = 0, unitPrice: Decimal? = nil, orderID: String?) {
        self.line = line
        self.rowID = rowID
        self.at = at
        self.kind = kind
        self.isBuy = isBuy
        self.opens = opens
        self.instrument = instrument
        self.quantity = quantity
        self.value = value
        self.fees = fees
        self.exchangeFees = exchangeFees
        self.unitPrice = unitPrice
        self.orderID = orderID
    }

    /// Signed quantity of the position the row opens or closes: > 0 long, < 0 short.
    public var positionQuantity: Int {
        // Buying to open or selling to close concern a long position.
        (isBuy == opens) ? quantity : -quantity
    }
}

/// A row the ledger does not import, with the reason it was left out.
public struct SkippedRow: Sendable, Hashable {
    public var line: Int
    /// What kind of row it is, in the broker's words (`Money Movement: Deposit`, `Equity`, …).
    public var category: String
    /// Dollars of commissions and fees on the row (> 0 paid), so a summary can reconcile the file.
    public var fees: Decimal

    public init(line: Int, category: String, fees: Decimal) {
        self.line = line
        self.category = category
        self.fees = fees
    }
}

/// A broker file read into rows the ledger imports and rows it skips.
public struct BrokerStatement: Sendable {
    public var fills: [BrokerFill]
    public var skipped: [SkippedRow]
    /// The broker the file comes from, as notes and reasons name it (`tastytrade`, `IBKR`).
    public var broker: String

    public init(fills: [BrokerFill], skipped: [SkippedRow], broker: String = "tastytrade") {
        self.fills = fills
        self.skipped = skipped
        self.broker = broker
    }
}
