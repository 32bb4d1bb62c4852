import Finance
import Foundation
import Ledger

/// The one market model: how a mark values SPX/SPXW/XSP condor legs and VIX options, and what
/// trading at it costs. Built from the parameters a feed recorded (`MarketModelSet`); the formulas
/// are in `MarketModelParameters`' documentation and in the extensions of this type (condor legs,
/// VIX options, execution). Every valuation in the product — backtest fills and strike selection,
/// the advisor's snapshots, the fixed-rule paths, unrealized P&L, `alvh advise`, `alvh decisions`,
/// `alvh summary` and the report — goes through it.
public struct MarketModel: Sendable, Hashable {
    public let parameters: MarketModelParameters
    /// The `MarketModelSet` that recorded it; nil for a model not (yet) in the ledger: the
    /// built-in `unrecorded` one, or a backtest's before it is recorded.
    public let eventID: UUID?
    /// The feed it was recorded on, and from when it counts.
    public let feed: String?
    public let effectiveFrom: Date?

    /// The parameters as the formulas use them.
    public let rate: Double
    public let dividendYield: Double
    public let skew: VolatilitySkew
    public let vixOptionVolatility: Double
    public let vixFuturesCurveDays: Double

    /// - Throws: `LedgerValidationError` when a parameter is out of range (see
    ///   `MarketModelParameters.validate()`), e.g. a skew model this build does not know.
    public init(parameters: MarketModelParameters, eventID: UUID? = nil, feed: String? = nil, effectiveFrom: Date? = nil) throws {
        try parameters.validate()
        self.parameters = parameters
        self.eventID = eventID
        self.feed = feed
        self.effectiveFrom = effectiveFrom
        rate = Self.double(parameters.rate)
        dividendYield = Self.double(parameters.dividendYield)
        skew = try parameters.skew.volatilitySkew()
        vixOptionVolatility = Self.double(parameters.vixOptionVolatility)
        vixFuturesCurveDays = Double(parameters.vixFuturesCurveDays)
    }

    /// The model of a recorded `MarketModelSet`.
    public init(recorded event: MarketModelSet, eventID: UUID, at: Date) throws {
        try self.init(parameters: event.model, eventID: eventID, feed: event.feed, effectiveFrom: at)
    }

    /// What values a feed with no `MarketModelSet` (`MarketModelParameters.unrecorded`).
    public static let unrecorded = try! MarketModel(parameters: .unrecorded)

    /// The documented defaults (`MarketModelParameters.standard`), not tied to any feed.
    public static let standard = try! MarketModel(parameters: .standard)

    /// The execution model: fills and fees.
    public var execution: ExecutionParameters { parameters.execution }

    /// `model 1a2b3c4d (feed spx from 2026-01-02)`, or `built-in model (no MarketModelSet)`.
    public var label: String {
        guard let eventID else { return parameters == .unrecorded ? "built-in model (no MarketModelSet)" : "model not recorded" }
        let from = effectiveFrom.map { " from \(CalendarDate(newYorkDateOf: $0))" } ?? ""
        return "model \(eventID.lowercasedString.prefix(8)) (feed \(feed ?? "?")\(from))"
    }

    /// The model's identity in outputs: its event id, or `built-in`.
    public var id: String { eventID?.lowercasedString ?? "built-in" }

    /// One line with every assumption, in the trader's words.
    public var assumptions: String {
        let p = parameters, x = p.execution
        func pct(_ d: Decimal) -> String { DecimalParser.format(d * 100) + " %" }
        let skewText = p.skew.parameters.entries.map { "\($0.name) \(DecimalParser.format($0.value))" }.joined(separator: ", ")
        return "rate \(pct(p.rate)), dividend yield \(pct(p.dividendYield)), time \(p.timeConvention), skew \(p.skew.model) (\(skewText)); "
            + "VIX options Black-76 at \(pct(p.vixOptionVolatility)) vol on the recorded future, else a \(p.vixFuturesCurveDays)-day VIX→VIX3M curve; "
            + "fills at mid ∓ \(DecimalParser.format(x.slippagePerLeg)) per leg, fees $\(DecimalParser.format(x.feePerLegContract)) per leg and contract; "
            + "VIX options at mid ∓ \(DecimalParser.format(x.vixOptionHalfSpread)), $\(DecimalParser.format(x.vixOptionFeePerContract)) per contract"
    }

    /// Years from `instant` to the settlement instant of `expiry` (the time convention: seconds /
    /// (365 × 86,400)); ≤ 0 at or after settlement.
    public func timeYears(to expiry: CalendarDate, style: SettlementStyle, from instant: Date) -> Double {
        MarketCalendar.settlementInstant(expiry, style: style).timeIntervalSince(instant) / (365 * 86_400)
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
