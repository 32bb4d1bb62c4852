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

    /// Both paths from a portfolio's facts (the fixed one only with a `rule`). They are independent
    /// folds of the same facts, so they run on two threads.
    public init(facts: PortfolioFacts, rule: FixedRule?) {
        guard let rule else {
            self.init(portfolio: facts.portfolio, alvh: .recorded(facts), fixed: nil)
            return
        }
        let box = Parallel.Box<PerformanceSeries>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            box.set(index, .success(index == 0 ? .recorded(facts) : .fixed(facts, rule: rule)))
        }
        guard case .success(let alvh)? = box.take(0), case .success(let fixed)? = box.take(1) else { preconditionFailure("both paths were computed") }
        self.init(portfolio: facts.portfolio, alvh: alvh, fixed: fixed)
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
