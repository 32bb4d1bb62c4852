import Foundation

/// A portfolio came to exist. Stream `portfolio-<name>`, its only event.
///
/// How portfolios come to exist: `alvh portfolio add NAME` records this event, and `alvh condor
/// open --portfolio NAME` records it too (in the same atomic append) when the portfolio is new.
/// `alvh hedge add --portfolio NAME` requires the portfolio to exist.
public struct PortfolioOpened: LedgerEventPayload {
    public static let eventType = "PortfolioOpened"

    /// The name, verbatim.
    public var name: String

    public init(name: String) { self.name = name }
}

extension PortfolioOpened {
    public static let stream = EventStreamKind.portfolio
    public static let voiding = Voiding.never("a portfolio cannot be voided")
    public static let example = PortfolioOpened(name: "income")

    public var event: LedgerEvent { .portfolioOpened(self) }

    public var summary: String { "portfolio \(name) added" }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let name = o.string("name") else { return nil }
        self.init(name: name)
    }
}
