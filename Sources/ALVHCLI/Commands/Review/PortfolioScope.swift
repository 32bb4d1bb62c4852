import EventStore
import Foundation
import Ledger
import Projections

/// `--portfolio NAME` on the review commands: the name must be a portfolio of the ledger (one that
/// holds a condor or a layer, or has its own stream, e.g. an account size), else exit 2 naming the
/// known ones.
enum PortfolioScope {
    /// The book limited to `portfolio`'s condors and layers (the whole book when nil), after checking the name.
    static func apply(_ portfolio: String?, to book: ProjectionBook, store: EventStore) throws -> ProjectionBook {
        guard let portfolio else { return book }
        try check(portfolio, book: book, store: store)
        return book.scoped { name, _ in name == portfolio }
    }

    static func check(_ portfolio: String, book: ProjectionBook, store: EventStore) throws {
        try check(portfolio, known: book.portfolios, store: store)
    }

    /// `known`: the portfolios holding a condor or a layer, sorted.
    static func check(_ portfolio: String, known portfolios: [String], store: EventStore) throws {
        if portfolios.contains(portfolio) { return }
        if try store.streamVersion(StreamName.portfolio(portfolio)) > 0 { return }
        let known = portfolios.map { "'\($0)'" }.joined(separator: ", ")
        throw CLIFailure.invalid("--portfolio", "no portfolio named \(Echo.quoted(portfolio)) in the ledger (portfolios: \(known.isEmpty ? "none" : known))")
    }
}
