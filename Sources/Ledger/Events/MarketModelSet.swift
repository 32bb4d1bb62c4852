import EventStore
import Foundation

/// The market model a feed's marks are valued with, from this event's instant on (ties included: a
/// mark at the same instant uses it), until the next `MarketModelSet` of the feed. Stream
/// `market-<feed>`, schema version 1; every parameter is in the payload (`MarketModelParameters`),
/// so a replay values exactly as when it was recorded, whatever the code's defaults are by then.
///
/// Recorded by `alvh market model --feed NAME …` (a change), by a feed's first `alvh mark` (the
/// documented defaults, `MarketModelParameters.standard`) and by `alvh backtest` as the first event
/// of its feed. A feed that has none (ledgers written before models were recorded) is valued with
/// `MarketModelParameters.unrecorded`.
public struct MarketModelSet: LedgerEventPayload {
    public static let eventType = "MarketModelSet"

    public var feed: String
    public var model: MarketModelParameters
    /// Why, verbatim (optional).
    public var note: String?

    public init(feed: String, model: MarketModelParameters, note: String? = nil) {
        self.feed = feed
        self.model = model
        self.note = note
    }
}

extension MarketModelSet {
    public static let stream = EventStreamKind.market
    public static let example = MarketModelSet(feed: "spx", model: .standard, note: "new broker")

    public var event: LedgerEvent { .marketModelSet(self) }

    public var summary: String {
        let f = EventSummary.text
        let m = model, x = m.execution
        return "market model of feed \(feed): rate \(f(m.rate)), dividend yield \(f(m.dividendYield)), skew \(m.skew.model), "
            + "VIX options \(f(m.vixOptionVolatility)) vol; fills at mid ∓ \(f(x.slippagePerLeg)) per leg, fees \(f(x.feePerLegContract)) per leg and contract"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let feed = o.string("feed"), let model = o.object("model", MarketModelParameters.init(fields:)),
              let note = o.optionalString("note") else { return nil }
        self.init(feed: feed, model: model, note: note)
    }
}

extension MarketModelParameters {
    /// The replay's fast decoding of a recorded model; nil for any other shape (then `Codable`).
    init?(fields o: PayloadFields) {
        guard let rate = o.decimal("rate"), let dividendYield = o.decimal("dividendYield"), let time = o.string("timeConvention"),
              let skew = o.object("skew", SkewParameters.init(fields:)), let vol = o.decimal("vixOptionVolatility"),
              let days = o.int("vixFuturesCurveDays"), let execution = o.object("execution", ExecutionParameters.init(fields:)) else { return nil }
        self.init(rate: rate, dividendYield: dividendYield, timeConvention: time, skew: skew, vixOptionVolatility: vol,
                  vixFuturesCurveDays: days, execution: execution)
    }
}

extension SkewParameters {
    init?(fields o: PayloadFields) {
        guard let model = o.string("model"), let members = o.value("parameters")?.object else { return nil }
        var parameters = NamedDecimals()
        for (name, item) in members {
            // A fitted parameter can carry more digits than the fast parser's 18; those read as `Codable` would.
            guard case .string(let text) = item, let value = PayloadFields.plainDecimal(text) ?? DecimalParser.parse(text) else { return nil }
            parameters[name] = value
        }
        self.init(model: model, parameters: parameters)
    }
}

extension ExecutionParameters {
    init?(fields o: PayloadFields) {
        guard let slippage = o.decimal("slippagePerLeg"), let fee = o.decimal("feePerLegContract"),
              let halfSpread = o.decimal("vixOptionHalfSpread"), let vixFee = o.decimal("vixOptionFeePerContract") else { return nil }
        self.init(slippagePerLeg: slippage, feePerLegContract: fee, vixOptionHalfSpread: halfSpread, vixOptionFeePerContract: vixFee)
    }
}
