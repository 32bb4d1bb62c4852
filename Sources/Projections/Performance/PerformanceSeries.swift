import Foundation
import Ledger
import Market

/// A portfolio's daily performance series on one path (docs/design.md, "Performance"): one
/// `PerformanceSession` per New York date with a mark of its market, and each condor's result.
/// Pure: computed from `PortfolioFacts`, whether they come from an in-memory ledger or the store.
public struct PerformanceSeries: Sendable {
    public var portfolio: String
    public var path: PerformancePath
    /// Dollars; nil when the portfolio has no declared account size (returns on capital at risk).
    public var accountSize: Decimal?
    public var sessions: [PerformanceSession]
    public var condors: [CondorResult]

    public init(portfolio: String, path: PerformancePath, accountSize: Decimal?, sessions: [PerformanceSession], condors: [CondorResult]) {
        self.portfolio = portfolio
        self.path = path
        self.accountSize = accountSize
        self.sessions = sessions
        self.condors = condors
    }

    /// The recorded (ALVH) path: every condor and hedge layer of the portfolio as its fold left it
    /// at each session, open positions valued at the session's mark.
    public static func recorded(_ facts: PortfolioFacts) -> PerformanceSeries {
        let valuation = PerformanceValuation()
        var exposures: [any PositionExposure] = facts.condorStreams.compactMap { RecordedCondorExposure(stream: $0, valuation: valuation) }
        exposures += facts.layerStreams.compactMap { RecordedLayerExposure(stream: $0, valuation: valuation) } as [any PositionExposure]
        var builder = SeriesBuilder(exposures: exposures, accountSize: facts.accountSize)
        let (sessions, condors) = builder.build(marks: facts.marks)
        return PerformanceSeries(portfolio: facts.portfolio, path: .alvh, accountSize: facts.accountSize, sessions: sessions, condors: condors)
    }

    /// The fixed rule's path of the same condors (`FixedRuleExposure`): each condor managed by
    /// `rule` from its opening, no hedge layers; the same sessions and account size.
    public static func fixed(_ facts: PortfolioFacts, rule: FixedRule) -> PerformanceSeries {
        var settlements: [CalendarDate: Decimal] = [:]
        for stream in facts.condorStreams {
            for item in EffectiveStream(stream).effective {
                if case .condorExpired(let expired) = item.event { settlements[expired.expiry] = expired.settlementLevel }
            }
        }
        let engine = FixedRuleEngine(rule: rule)
        let exposures: [any PositionExposure] = facts.condorStreams.compactMap { FixedRuleExposure(stream: $0, engine: engine, settlements: settlements) }
        var builder = SeriesBuilder(exposures: exposures, accountSize: facts.accountSize)
        let (sessions, condors) = builder.build(marks: facts.marks)
        return PerformanceSeries(portfolio: facts.portfolio, path: .fixed, accountSize: facts.accountSize, sessions: sessions, condors: condors)
    }

    /// The recorded path from a ledger's events in global order (e.g. `InMemoryLedger.appended`).
    /// - Throws: `LedgerValidationError` for a recorded market model this build cannot use.
    public static func recorded(events: [LedgerStreamEvent], portfolio: String) throws -> PerformanceSeries {
        recorded(try PortfolioFacts(events: events, portfolio: portfolio))
    }
}
