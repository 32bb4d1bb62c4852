import Finance
import Foundation
import Ledger

/// One dated flow behind an IRR figure. Dollars; positive into the account.
public struct IRRFlow: Sendable, Hashable {
    public var date: CalendarDate
    public var amount: Decimal
    /// commit, roll, close, expiry, premium, proceeds, margin, or `mark` for the value of an open
    /// position at its last mark (unrealized figures only).
    public var what: String
    /// `condor <id>` or `layer <id>` (with its share when a layer protects several condors).
    public var source: String
}

/// One line of `alvh irr`: XIRR (act/365) of a set of flows.
public struct IRRLine: Sendable {
    /// The condor id, the month (YYYY-MM) or the year (YYYY).
    public var key: String
    /// The portfolio of a month's or a year's line (nil for a condor, a layer, or flows pooled
    /// across portfolios).
    public var portfolio: String?
    public var flows: [IRRFlow]
    /// Dollars paid out (the sum of outflows, as a positive number).
    public var invested: Decimal
    /// Dollars received.
    public var returned: Decimal
    /// returned − invested.
    public var pnl: Decimal
    /// The annual rate, or why there is none.
    public var outcome: XIRR.Outcome
    /// Open positions left out because they have no mark (unrealized figures only).
    public var unmarked: Int
}

/// How `alvh irr` groups flows. There is deliberately no whole-history portfolio grouping: over
/// years of recycled capital one XIRR discounts later flows by factors above 1,000 and describes the
/// first year or two only, so a portfolio's XIRR is given per calendar month or year.
public enum IRRGrouping: String, Sendable, CaseIterable {
    case condor, month, year
}

/// Realized (and, on request, unrealized) XIRR from the projected capital-at-risk flows.
///
/// Realized figures use closed positions only: condors closed or expired, and hedge layers
/// closed. With `unrealized`, open positions join with one more flow at their last mark: a condor
/// returns its commitment less the debit to close there ((W − mark) × m), a VIX option or ETP layer
/// its value, a VIX future layer its margin plus (mark − entry) × 1000 per contract. Per condor, a
/// layer's flows count by its share (1/n of the condors it protects); per month and per year, layers
/// count in full (a portfolio-wide layer only there). Months and years group each portfolio's
/// positions by the New York date they ended (or were marked, for open ones): one line per
/// portfolio and period.
public struct IRRReport {
    public let book: ProjectionBook
    public let unrealized: Bool

    public init(book: ProjectionBook, unrealized: Bool = false) {
        self.book = book
        self.unrealized = unrealized
    }

    private var flowsByOwner: [UUID: [CashFlowRow]] { Dictionary(grouping: book.flows, by: \.ownerID) }

    /// A position's flows as they count here, or nil when it does not count (open without
    /// `unrealized`), and whether it was left out for lack of a mark.
    func flows(ofCondor condor: CondorRow, owned: [UUID: [CashFlowRow]]) -> (flows: [IRRFlow], unmarked: Bool)? {
        let source = "condor \(condor.condorID.lowercasedString)"
        var flows = (owned[condor.condorID] ?? []).map { IRRFlow(date: $0.date, amount: $0.amount, what: $0.what, source: source) }
        if condor.status == .open {
            guard unrealized else { return nil }
            guard let value = condor.markValue, let at = condor.markAt else { return ([], true) }
            flows.append(IRRFlow(date: CalendarDate(newYorkDateOf: at),
                                 amount: (condor.strikes.widestWing - value) * condor.multiplier * Decimal(condor.contracts), what: "mark", source: source))
        }
        return (flows, false)
    }

    func flows(ofLayer layer: HedgeLayerRow, owned: [UUID: [CashFlowRow]], share: Decimal = 1) -> (flows: [IRRFlow], unmarked: Bool)? {
        let source = "layer \(layer.layerID.lowercasedString)" + (share == 1 ? "" : " × \(DecimalParser.format(Money.rounded(share, scale: 4)))")
        var flows = (owned[layer.layerID] ?? []).map { IRRFlow(date: $0.date, amount: $0.amount * share, what: $0.what, source: source) }
        if layer.status == .open {
            guard unrealized else { return nil }
            guard let value = layer.markValue, let at = layer.markAt else { return ([], true) }
            let quantity = Decimal(layer.quantity)
            let amount: Decimal
            if case .vixFuture = layer.instrument {
                amount = CapitalAtRisk.vixFutureMargin * quantity + (value - layer.entryPrice) * layer.multiplier * quantity
            } else {
                amount = value * layer.multiplier * quantity
            }
            flows.append(IRRFlow(date: CalendarDate(newYorkDateOf: at), amount: amount * share, what: "mark", source: source))
        }
        return (flows, false)
    }

    /// The lines for a grouping, in key order (condors in opening order).
    public func lines(by grouping: IRRGrouping) -> [IRRLine] {
        let owned = flowsByOwner
        switch grouping {
        case .condor:
            let layersByID = Dictionary(uniqueKeysWithValues: book.layers.map { ($0.layerID, $0) })
            let allocations = Dictionary(grouping: book.allocations, by: \.condorID)
            return book.condors.compactMap { condor in
                guard let own = flows(ofCondor: condor, owned: owned) else { return nil }
                var all = own.flows
                var unmarked = own.unmarked ? 1 : 0
                for allocation in allocations[condor.condorID] ?? [] {
                    guard let layer = layersByID[allocation.layerID], let part = flows(ofLayer: layer, owned: owned, share: allocation.share) else { continue }
                    all += part.flows
                    if part.unmarked { unmarked += 1 }
                }
                if own.unmarked { return IRRReport.line(condor.condorID.lowercasedString, [], unmarked: unmarked) }
                return IRRReport.line(condor.condorID.lowercasedString, all, unmarked: unmarked)
            }
        case .month, .year:
            return periodLines(by: grouping, pooled: false)
        }
    }

    /// Month or year lines: per portfolio and period (sorted by portfolio, then period), or with
    /// `pooled` one line per period over every portfolio in the book.
    public func periodLines(by grouping: IRRGrouping, pooled: Bool) -> [IRRLine] {
        let owned = flowsByOwner
        struct Key: Hashable, Comparable {
            var portfolio: String?
            var period: String
            static func < (a: Key, b: Key) -> Bool { (a.portfolio ?? "", a.period) < (b.portfolio ?? "", b.period) }
        }
        var groups: [Key: (flows: [IRRFlow], unmarked: Int)] = [:]
        func add(_ portfolio: String, _ end: Date?, _ mark: Date?, _ part: (flows: [IRRFlow], unmarked: Bool)) {
            let period = (end ?? mark).map { String(CalendarDate(newYorkDateOf: $0).description.prefix(grouping == .year ? 4 : 7)) } ?? "unmarked"
            let key = Key(portfolio: pooled ? nil : portfolio, period: period)
            groups[key, default: ([], 0)].flows += part.flows
            if part.unmarked { groups[key, default: ([], 0)].unmarked += 1 }
        }
        for condor in book.condors {
            guard let part = flows(ofCondor: condor, owned: owned) else { continue }
            add(condor.portfolio, condor.endedAt, condor.markAt, part)
        }
        for layer in book.layers {
            guard let part = flows(ofLayer: layer, owned: owned) else { continue }
            add(layer.portfolio, layer.endedAt, layer.markAt, part)
        }
        return groups.keys.sorted().map { key in
            var line = IRRReport.line(key.period, groups[key]!.flows, unmarked: groups[key]!.unmarked)
            line.portfolio = key.portfolio
            return line
        }
    }

    /// The flows behind one key: a condor id (with its layers' shares), a layer id, a month (YYYY-MM)
    /// or a year (YYYY) — the period pooled over every portfolio in the book (scope the book to one
    /// portfolio for its own). Ids may be abbreviated to a unique prefix of at least 8 characters.
    public func flows(for key: String) -> IRRLine? {
        let wanted = key.lowercased()
        let owned = flowsByOwner
        func layerLine(_ layer: HedgeLayerRow) -> IRRLine? {
            guard let part = flows(ofLayer: layer, owned: owned) else { return nil }
            return IRRReport.line(layer.layerID.lowercasedString, part.flows, unmarked: part.unmarked ? 1 : 0)
        }
        if let line = lines(by: .condor).first(where: { $0.key == wanted }) { return line }
        if let layer = book.layers.first(where: { $0.layerID.lowercasedString == wanted }) { return layerLine(layer) }
        for grouping in [IRRGrouping.month, .year] {
            if let line = periodLines(by: grouping, pooled: true).first(where: { $0.key == key }) { return line }
        }
        guard wanted.count >= 8 else { return nil }
        let condors = book.condors.filter { $0.condorID.lowercasedString.hasPrefix(wanted) }
        let layers = book.layers.filter { $0.layerID.lowercasedString.hasPrefix(wanted) }
        if condors.count == 1, layers.isEmpty {
            return lines(by: .condor).first { $0.key == condors[0].condorID.lowercasedString }
        }
        if layers.count == 1, condors.isEmpty { return layerLine(layers[0]) }
        return nil
    }

    static func line(_ key: String, _ flows: [IRRFlow], unmarked: Int) -> IRRLine {
        let sorted = flows.sorted { ($0.date, $0.source, $0.what) < ($1.date, $1.source, $1.what) }
        let invested = -sorted.filter { $0.amount < 0 }.reduce(Decimal(0)) { $0 + $1.amount }
        let returned = sorted.filter { $0.amount > 0 }.reduce(Decimal(0)) { $0 + $1.amount }
        let cash = sorted.map { CashFlow(date: CalendarDay(year: $0.date.year, month: $0.date.month, day: $0.date.day)!,
                                         amount: NSDecimalNumber(decimal: $0.amount).doubleValue) }
        return IRRLine(key: key, portfolio: nil, flows: sorted, invested: Money.rounded(invested), returned: Money.rounded(returned),
                       pnl: Money.rounded(returned - invested), outcome: XIRR.solve(cash), unmarked: unmarked)
    }
}
