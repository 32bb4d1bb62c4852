import Foundation
import Ledger

/// A hedge instrument held long (+1) or short (−1).
struct HedgeKey: Hashable {
    var instrument: HedgeInstrument
    var sign: Int
}

/// The hedge rows of `BrokerGrouping`: one order's VIX legs make one layer (a call or put
/// vertical: a long and a short leg), sales and expiries reduce or close the layers holding what
/// they remove, multi-leg layers first, then single ones oldest first.
extension GroupingRun {
    struct LayerSlot {
        var layerID: UUID
        var legs: HedgeLegs
        var remaining: Int
    }

    /// One instrument's rows in a hedge group: signed position (+1 long, −1 short), contracts or
    /// shares, cash (> 0 received) and the rows.
    struct HedgeTotal {
        var key: HedgeKey
        var quantity: Int
        var value: Decimal
        var fills: [BrokerFill]

        /// The fill per unit of the instrument: |value| ÷ (multiplier × quantity), or the broker's
        /// average price when the value is 0 (futures), or 0 at an expiration.
        var price: Decimal {
            if value != 0 { return MoneySplit.perUnit(value < 0 ? -value : value, key.instrument.multiplier * Decimal(quantity)) }
            if fills.first?.kind == .expiration { return 0 }
            let weighted = fills.reduce(Decimal(0)) { $0 + ($1.unitPrice ?? 0) * Decimal($1.quantity) }
            return MoneySplit.perUnit(weighted, Decimal(quantity))
        }
    }

    static func hedgeTotals(_ fills: [BrokerFill]) -> [HedgeTotal] {
        var totals: [HedgeTotal] = []
        for fill in fills {
            guard case .hedge(let instrument) = fill.instrument else { continue }
            let key = HedgeKey(instrument: instrument, sign: fill.positionQuantity > 0 ? 1 : -1)
            if let index = totals.firstIndex(where: { $0.key == key }) {
                totals[index].quantity += fill.quantity
                totals[index].value += fill.value
                totals[index].fills.append(fill)
            } else {
                totals.append(HedgeTotal(key: key, quantity: fill.quantity, value: fill.value, fills: [fill]))
            }
        }
        return totals
    }

    /// A hedge group: what it closes first (sales, expiries), then what it opens (a layer).
    mutating func emitHedge(_ g: Int, pool: inout [LayerSlot], book: CondorBook) {
        let group = groups[g]
        let closing = group.fills.filter { !$0.opens }
        let opening = group.fills.filter(\.opens)
        if !closing.isEmpty { emitLayerSales(group, totals: Self.hedgeTotals(closing), pool: &pool) }
        if !opening.isEmpty { emitLayerAdd(group, totals: Self.hedgeTotals(opening), pool: &pool, book: book) }
    }

    static let shortVIX = "short VIX positions (hedge layers are long only)"

    /// `hedge add` of the order's legs, protecting the condors its `--link`s name (or the portfolio).
    /// Short legs alone (selling VIX to open) are skipped rows; legs that make no layer (a net
    /// credit, two underlyings) a skipped order.
    private mutating func emitLayerAdd(_ group: RowGroup, totals: [HedgeTotal], pool: inout [LayerSlot], book: CondorBook) {
        guard totals.contains(where: { $0.key.sign > 0 }) else {
            for total in totals {
                skippedHedges[total.key, default: 0] += total.quantity
                skipped += total.fills.map { SkippedRow(line: $0.line, category: Self.shortVIX, fees: $0.fees) }
            }
            return
        }
        let order = group.fills[0].orderID
        // Long legs first, then by instrument: the same legs in the same order whatever the file's row order.
        let fills = totals.map { HedgeLegFill(instrument: $0.key.instrument, quantity: $0.key.sign * $0.quantity, price: $0.price) }
            .sorted { ($0.quantity < 0 ? 1 : 0, $0.instrument.spec) < ($1.quantity < 0 ? 1 : 0, $1.instrument.spec) }
        let layer: (legs: HedgeLegs, units: Int)
        do {
            layer = try HedgeLegFill.layer(fills)
        } catch let error as LedgerValidationError {
            for total in totals { skippedHedges[total.key, default: 0] += total.quantity }
            return skip(SkippedOrder(order: order, lines: totals.flatMap(\.fills).map(\.line), reason: "VIX legs that make no hedge layer: \(error.rule)",
                                     fees: totals.flatMap(\.fills).reduce(Decimal(0)) { $0 + $1.fees }))
        } catch {
            return
        }
        let lines = totals.flatMap(\.fills).map(\.line).sorted()
        let rowIDs = totals.flatMap(\.fills).map(\.rowID).sorted().joined(separator: ",")
        let content = "tastytrade hedge add|\(rowIDs)"
        let layerID = EventIdentity.entityID(command: EventIdentity.commandID(content: content), kind: "layer")
        let protects = linkedCondors(order: order, lines: lines, book: book)
        let add = AddHedgeLayer(protects: protects, portfolio: protects.isEmpty ? grouping.portfolio : nil, legs: layer.legs, quantity: layer.units,
                                fees: totals.flatMap(\.fills).reduce(Decimal(0)) { $0 + $1.fees }, at: Self.wholeSeconds(group.at), layerID: layerID,
                                reason: "\(grouping.broker) order \(order ?? "?")")
        commands.append(PlannedCommand(command: .addHedgeLayer(add), lines: lines, content: content))
        pool.append(LayerSlot(layerID: layerID, legs: layer.legs, remaining: layer.units))
    }

    /// The open condors of the positions the orders `--link ORDER=…` names opened (or the ids given).
    private mutating func linkedCondors(order: String?, lines: [Int], book: CondorBook) -> [UUID] {
        var protects: [UUID] = []
        for target in grouping.links[order ?? ""] ?? [] {
            if let id = UUID(uuidString: target), target.count == 36 {
                protects.append(id)
                continue
            }
            let opened = positions.indices.filter { p in positions[p].openGroup.map { groups[$0].fills[0].orderID == target } ?? false }
            guard !opened.isEmpty else {
                issue(lines, "--link \(order ?? "?")=\(target): order \(target) opens no condor in this file")
                continue
            }
            protects += opened.flatMap { book.condorsOfPosition[$0] ?? [] }.filter { (book.open[$0] ?? 0) > 0 }
        }
        return protects
    }

    /// `hedge reduce` or `hedge close` for each layer the rows take from; rows closing what a
    /// skipped order opened are skipped with it.
    private mutating func emitLayerSales(_ group: RowGroup, totals: [HedgeTotal], pool: inout [LayerSlot]) {
        var need: [HedgeKey: Int] = [:]
        var valuePerContract: [HedgeKey: Decimal] = [:]
        for total in totals {
            if let held = skippedHedges[total.key], held >= total.quantity {
                skippedHedges[total.key] = held - total.quantity
                if total.key.sign < 0 {
                    skipped += total.fills.map { SkippedRow(line: $0.line, category: Self.shortVIX, fees: $0.fees) }
                } else {
                    skip(SkippedOrder(order: total.fills[0].orderID, lines: total.fills.map(\.line), reason: "closes what a skipped VIX order opened",
                                      fees: Self.sum(total.fills, \.fees)))
                }
                continue
            }
            need[total.key, default: 0] += total.quantity
            valuePerContract[total.key] = total.value / Decimal(total.quantity)
        }
        guard !need.isEmpty else { return }
        let takes = layerTakes(&need, pool: pool)
        guard need.values.allSatisfy({ $0 == 0 }) else {
            let missing = need.filter { $0.value > 0 }.map { "\($0.value) \($0.key.sign < 0 ? "short " : "")\($0.key.instrument.spec)" }.sorted()
            return issue(group.lines, "\(group.fills[0].kind == .trade ? "sells" : "settles") \(missing.joined(separator: ", ")) more than open hedge layers hold (the purchase must be in this file, or in the ledger before the file's first row)")
        }
        let singles = Dictionary(grouping: totals, by: \.key).compactMapValues(\.first)
        let shares = MoneySplit.split(Self.sum(totals.flatMap(\.fills), \.fees), weights: takes.map(\.units))
        let at = Self.wholeSeconds(group.at)
        let kind = group.fills[0].kind
        let reason = kind == .trade ? "\(grouping.broker) order \(group.fills[0].orderID ?? "?")" : "\(grouping.broker) \(kind == .expiration ? "expiration" : "settlement")"
        for (n, take) in takes.enumerated() {
            let slot = pool[take.slot]
            let price: Decimal
            if let single = slot.legs.single {
                price = singles[HedgeKey(instrument: single, sign: 1)]?.price ?? 0
            } else {
                let net = slot.legs.legs.reduce(Decimal(0)) { $0 + Decimal(abs($1.ratio)) * (valuePerContract[HedgeKey(instrument: $1.instrument, sign: $1.ratio > 0 ? 1 : -1)] ?? 0) }
                price = max(0, MoneySplit.perUnit(net, slot.legs.multiplier))
            }
            let closes = take.units == slot.remaining
            let command: LedgerCommand = closes
                ? .closeHedgeLayer(CloseHedgeLayer(layerID: slot.layerID, price: price, fees: shares[n], at: at, reason: reason))
                : .reduceHedgeLayer(ReduceHedgeLayer(layerID: slot.layerID, quantity: take.units, price: price, fees: shares[n], at: at, reason: reason))
            commands.append(PlannedCommand(command: command, lines: group.lines,
                                           content: "tastytrade hedge \(closes ? "close" : "reduce")|\(group.rowIDs)|layer \(slot.layerID.lowercasedString)"))
            pool[take.slot].remaining -= take.units
        }
    }

    /// Which layers the needed contracts come from: multi-leg layers holding every leg first, then
    /// single-instrument layers, oldest first. Takes what it can from `need`.
    private func layerTakes(_ need: inout [HedgeKey: Int], pool: [LayerSlot]) -> [(slot: Int, units: Int)] {
        var takes: [(slot: Int, units: Int)] = []
        for multi in [true, false] {
            for index in pool.indices where (pool[index].legs.legs.count > 1) == multi && pool[index].remaining > 0 {
                let legs = pool[index].legs.legs
                let keys = legs.map { HedgeKey(instrument: $0.instrument, sign: $0.ratio > 0 ? 1 : -1) }
                let units = zip(legs, keys).map { (need[$1] ?? 0) / abs($0.ratio) }.min() ?? 0
                let take = min(units, pool[index].remaining)
                guard take > 0 else { continue }
                for (leg, key) in zip(legs, keys) { need[key]! -= take * abs(leg.ratio) }
                takes.append((index, take))
            }
        }
        return takes
    }
}
