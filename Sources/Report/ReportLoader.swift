import Ledger
import EventStore
import Foundation
import Projections

/// Reads what a report needs from the database: catches the projections up (not on a hot standby), then loads the book,
/// the decision report and the marks. `preferredFeed`: see `ReportBuilder.preferredFeed`.
public enum ReportLoader {
    /// `checkPortfolios` is called with the ledger's portfolios (those holding a condor or a layer, sorted)
    /// as soon as the book is loaded, before the report is built: it throws to refuse the scope.
    public static func load(store: EventStore, scope: ReportScope = .all, rule: FixedRule? = nil, preferredFeed: String? = nil,
                            now: Date = Date(), checkPortfolios: ([String]) throws -> Void = { _ in }) throws -> ReportData {
        // A hot standby takes no writes: there the report shows the projections as replicated.
        if store.connection.isInHotStandby != true { _ = try Projector.catchUp(store: store) }
        let rule = rule ?? .standard
        let book = try ProjectionBook.load(store.connection)
        try checkPortfolios(book.portfolios)
        let marks = try MarkStore(connection: store.connection).marks(from: .distantPast, to: .distantFuture)
        let decisions = try DecisionReport.build(store: store, book: book, condors: book.condors, marks: marks, rule: rule)
        var data = ReportBuilder(scope: scope, rule: rule, preferredFeed: preferredFeed)
            .build(book: book, decisionLines: decisions.lines, marks: marks, models: decisions.models, generatedAt: now)
        let portfolios = scope.portfolio.map { [$0] } ?? book.portfolios
        data.performance = PerformanceViewBuilder.views(try portfolios.filter(book.portfolios.contains).map {
            PortfolioPerformance(facts: try PerformanceLoader(connection: store.connection).facts(portfolio: $0, book: book), rule: rule)
        }, scope: scope)
        return data
    }
}
