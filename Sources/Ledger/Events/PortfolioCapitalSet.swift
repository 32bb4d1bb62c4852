import Foundation

/// A portfolio's account size was declared. Stream `portfolio-<name>`, after its `PortfolioOpened`.
///
/// `capital` is dollars (> 0): the account the portfolio trades in. With one declared, daily
/// returns in `alvh stats` are the day's P&L ÷ account equity at the start of the day (capital +
/// P&L so far) instead of ÷ capital at risk. The latest declaration that still counts applies to
/// the whole history; `alvh void` takes back the latest one.
public struct PortfolioCapitalSet: LedgerEventPayload {
    public static let eventType = "PortfolioCapitalSet"

    /// The portfolio's name, verbatim.
    public var name: String
    /// Dollars, > 0.
    @DecimalText public var capital: Decimal

    public init(name: String, capital: Decimal) {
        self.name = name
        self.capital = capital
    }
}

extension PortfolioCapitalSet {
    public static let stream = EventStreamKind.portfolio
    public static let example = PortfolioCapitalSet(name: "income", capital: 250_000)

    public var event: LedgerEvent { .portfolioCapitalSet(self) }

    public var summary: String { "portfolio \(name) account size set to \(EventSummary.text(capital))" }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let name = o.string("name"), let capital = o.decimal("capital") else { return nil }
        self.init(name: name, capital: capital)
    }
}
