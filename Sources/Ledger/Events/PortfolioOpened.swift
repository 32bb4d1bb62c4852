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
