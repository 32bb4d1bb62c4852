import Foundation

/// An order (or a group of expiry rows) an import left out because the ledger does not model what
/// it trades — an SPX butterfly, a lone short VIX call — or because it closes what such an order
/// opened. Printed as `skipped order 123456 (lines 40-43): SPX put butterfly, not a condor or spread`.
public struct SkippedOrder: Sendable, Hashable, CustomStringConvertible {
    /// The broker's order number; nil for expiry and settlement rows.
    public var order: String?
    /// File lines, ascending.
    public var lines: [Int]
    public var reason: String
    /// Dollars of commissions and fees on its rows (> 0 paid).
    public var fees: Decimal

    public init(order: String?, lines: [Int], reason: String, fees: Decimal) {
        self.order = order
        self.lines = lines.sorted()
        self.reason = reason
        self.fees = fees
    }

    /// `40-43` for consecutive lines, else `40, 42`.
    public var lineText: String {
        guard let first = lines.first, let last = lines.last else { return "" }
        if lines.count > 1, last - first == lines.count - 1 { return "\(first)-\(last)" }
        return lines.map(String.init).joined(separator: ", ")
    }

    public var description: String {
        "skipped \(order.map { "order \($0)" } ?? "expiry rows") (line\(lines.count == 1 ? "" : "s") \(lineText)): \(reason)"
    }
}
