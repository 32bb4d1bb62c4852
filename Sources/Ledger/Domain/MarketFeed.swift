/// Market feeds: each `MarketObserved` names the feed it belongs to (its stream is `market-<feed>`).
/// Backtests record their synthetic or historical marks under feeds named `bt-…`, one per portfolio.
public enum MarketFeed {
    /// The prefix of every backtest feed.
    public static let backtestPrefix = "bt-"

    /// Whether `feed` is a backtest's feed (its marks value only that backtest's portfolio).
    public static func isBacktest(_ feed: String) -> Bool { feed.hasPrefix(backtestPrefix) }

    /// The backtest feed of `portfolio`: `bt-<portfolio>` when the name fits a feed name (a–z, 0–9,
    /// `-`, `_`, ≤ 40), else `bt-` and 16 hex digits of a digest (FNV-1a) of the name.
    public static func backtest(portfolio: String) -> String {
        let lower = portfolio.lowercased()
        if lower == portfolio, lower.count <= 37, !lower.isEmpty,
           lower.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }) {
            return backtestPrefix + lower
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in portfolio.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let hex = String(hash, radix: 16)
        return backtestPrefix + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
