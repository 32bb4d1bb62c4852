import Foundation
import Ledger

/// Which part of the ledger a report covers. Condors and hedge layers are in scope when they belong
/// to `portfolio` (any, when nil) and were opened on a New York date in `from … to` (both inclusive,
/// open-ended when nil); marks are in scope when their New York date is in the range.
public struct ReportScope: Sendable, Hashable {
    public var portfolio: String?
    public var from: CalendarDate?
    public var to: CalendarDate?

    public init(portfolio: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.portfolio = portfolio
        self.from = from
        self.to = to
    }

    /// The whole ledger.
    public static let all = ReportScope()

    public func contains(date: CalendarDate) -> Bool {
        if let from, date < from { return false }
        if let to, to < date { return false }
        return true
    }

    public func contains(portfolio name: String, openedAt: Date) -> Bool {
        (portfolio == nil || portfolio == name) && contains(date: CalendarDate(newYorkDateOf: openedAt))
    }

    /// A one-line description: `portfolio demo, 2024-01-01 … 2024-12-31`.
    public var description: String {
        var parts = [portfolio.map { "portfolio \($0)" } ?? "all portfolios"]
        if from != nil || to != nil {
            parts.append("\(from?.description ?? "start") … \(to?.description ?? "now")")
        }
        return parts.joined(separator: ", ")
    }
}
