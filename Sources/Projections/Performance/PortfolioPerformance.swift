import Foundation
import Ledger
import Market
import PostgresClient

/// A portfolio's series on both paths: recorded (ALVH) and, when computed, the fixed rule's on the
/// same condors. What `alvh stats`, `alvh summary` and the HTML report show.
public struct PortfolioPerformance: Sendable {
    public var portfolio: String
    public var alvh: PerformanceSeries
    /// The fixed rule's path of the same condors; nil when not asked for.
    public var fixed: PerformanceSeries?

    public init(portfolio: String, alvh: PerformanceSeries, fixed: PerformanceSeries?) {
        self.portfolio = portfolio
        self.alvh = alvh
        self.fixed = fixed
    }

    /// Both paths from a portfolio's facts (the fixed one only with a `rule`). (Folding the two on
    /// two threads gained nothing measurable on the 2-core machine under load: see README.)
    public init(facts: PortfolioFacts, rule: FixedRule?) {
        self.init(portfolio: facts.portfolio, alvh: .recorded(facts), fixed: rule.map { .fixed(facts, rule: $0) })
    }

    /// Every portfolio of `book` (or just `only`), loaded from the store.
    public static func load(connection: PostgresConnection, book: ProjectionBook, only: String? = nil,
                            rule: FixedRule? = .standard) throws -> [PortfolioPerformance] {
        let names = only.map { [$0] } ?? book.portfolios
        return try load(connection: connection, positions: names.map { PortfolioPositions(portfolio: $0, book: book) }, rule: rule)
    }

    /// The portfolios `positions` lists, loaded from the store.
    public static func load(connection: PostgresConnection, positions: [PortfolioPositions], rule: FixedRule?) throws -> [PortfolioPerformance] {
        let loader = PerformanceLoader(connection: connection)
        return try positions.map { PortfolioPerformance(facts: try loader.facts($0), rule: rule) }
    }

    /// The series of each path there is, ALVH first.
    public var paths: [PerformanceSeries] { [alvh] + (fixed.map { [$0] } ?? []) }
}
