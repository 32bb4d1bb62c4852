import Foundation
import Ledger

/// The second pass of `BrokerGrouping`: condor units become lots (condors), steps become commands,
/// hedge rows become layer commands, all in time order.
extension GroupingRun {
    struct Lot {
        var position: Int
        var units: [Int]
        var condorID: UUID
        var contracts: Int { units.count }
        var open = true
    }

    struct LayerSlot {
        var layerID: UUID
        var instrument: HedgeInstrument
        var remaining: Int
    }

    mutating func emit() {
        // Lots: the units of one position that share their whole history.
        var lots: [Lot] = []
        var lotOfUnit: [Int: Int] = [:]
        var lotContent: [Int: String] = [:]
        var wholeContent: [Int: String] = [:]
        for (p, position) in positions.enumerated() {
            let ids = units.indices.filter { units[$0].position == p }
            var byHistory: [[Int]: [Int]] = [:]
            var order: [[Int]] = []
            for id in ids {
                if byHistory[units[id].history] == nil { order.append(units[id].history) }
                byHistory[units[id].history, default: []].append(id)
            }
            if let existing = position.existing {
                if order.count > 1 {
                    issue([], "condor \(existing.condorID.lowercasedString), recorded earlier with \(existing.contracts) contracts, is closed or rolled in part by this file; the ledger has no partial close: record it by hand")
                    continue
                }
                lots.append(Lot(position: p, units: ids, condorID: existing.condorID))
                for id in ids { lotOfUnit[id] = lots.count - 1 }
                continue
            }
            let group = groups[position.openGroup!]
            for history in order {
                let members = byHistory[history]!
                let label = members.map { String(units[$0].index) }.joined(separator: ",")
                let content = "tastytrade condor open|\(group.rowIDs)|units \(label) of \(position.contracts)"
                let condorID = EventIdentity.entityID(command: EventIdentity.commandID(content: content), kind: "condor")
                lots.append(Lot(position: p, units: members, condorID: condorID))
                lotContent[lots.count - 1] = content
                if order.count > 1 {
                    let all = (0..<position.contracts).map(String.init).joined(separator: ",")
                    wholeContent[lots.count - 1] = "tastytrade condor open|\(group.rowIDs)|units \(all) of \(position.contracts)"
                }
                for id in members { lotOfUnit[id] = lots.count - 1 }
            }
        }
        guard issues.isEmpty else { return }

        commands.append(PlannedCommand(name: "portfolio add", arguments: CommandArguments(positional: grouping.portfolio), lines: [],
                                       content: "tastytrade portfolio add|\(grouping.portfolio)"))

        var pool = grouping.existingLayers.filter { $0.status == .open }
            .map { LayerSlot(layerID: $0.layerID, instrument: $0.instrument, remaining: $0.quantity) }
        // Condor steps and hedge groups, in group order.
        var agenda: [(order: Int, step: Int?, group: Int?)] = steps.enumerated().map { ($0.element.order, $0.offset, nil) }
        for index in groups.indices where !groups[index].fills.allSatisfy(\.isCondorLeg) {
            agenda.append((index, nil, index))
        }
        agenda.sort { ($0.order, $0.step ?? Int.max) < ($1.order, $1.step ?? Int.max) }

        for item in agenda {
            if let s = item.step {
                emitCondorStep(s, lots: &lots, lotOfUnit: lotOfUnit, lotContent: lotContent, wholeContent: wholeContent)
            } else if let g = item.group {
                emitHedge(g, pool: &pool, lots: lots)
            }
        }
    }

    static func sum(_ fills: [BrokerFill], _ key: KeyPath<BrokerFill, Decimal>) -> Decimal {
        fills.reduce(Decimal(0)) { $0 + $1[keyPath: key] }
    }

    mutating func emitCondorStep(_ s: Int, lots: inout [Lot], lotOfUnit: [Int: Int], lotContent: [Int: String], wholeContent: [Int: String]) {
        let (step, stepUnits, at, _) = steps[s]
        var lotIDs: [Int] = []
        for unit in stepUnits { if let lot = lotOfUnit[unit], !lotIDs.contains(lot) { lotIDs.append(lot) } }
        let k = Decimal(stepUnits.count)
        let atText = Self.iso(at)
        switch step {
        case .open(let g, let legs):
            let group = groups[g]
            let position = positions[lots[lotIDs[0]].position]
            let credit = MoneySplit.perUnit(Self.sum(group.fills, \.value), position.underlying.multiplier * Decimal(position.contracts))
            let fees = MoneySplit.split(Self.sum(group.fills, \.fees), weights: lotIDs.map { lots[$0].contracts })
            for (n, lot) in lotIDs.enumerated() {
                var a = CommandArguments()
                a.set("--id", lots[lot].condorID.lowercasedString)
                a.set("--portfolio", grouping.portfolio)
                a.set("--underlying", legs.underlying.rawValue)
                a.set("--expiry", legs.strikes.expiry.description)
                a.set("--long-put", MoneySplit.text(legs.strikes.longPut))
                a.set("--short-put", MoneySplit.text(legs.strikes.shortPut))
                a.set("--short-call", MoneySplit.text(legs.strikes.shortCall))
                a.set("--long-call", MoneySplit.text(legs.strikes.longCall))
                a.set("--contracts", String(lots[lot].contracts))
                a.set("--credit", MoneySplit.text(credit))
                a.set("--fees", MoneySplit.text(fees[n]))
                a.set("--at", atText)
                a.set("--note", "\(grouping.broker) order \(group.fills[0].orderID ?? "?")")
                commands.append(PlannedCommand(name: "condor open", arguments: a, lines: group.lines, content: lotContent[lot]!,
                                               conflictsWith: wholeContent[lot]))
            }
        case .close(let g):
            let group = groups[g]
            let multiplier = positions[lots[lotIDs[0]].position].underlying.multiplier
            let price = MoneySplit.perUnit(-Self.sum(group.fills, \.value), multiplier * k)
            // Commissions and exchange fees apart (CondorClosed keeps both), each split by contracts.
            let exchangeTotal = Self.sum(group.fills, \.exchangeFees)
            let commissions = MoneySplit.split(Self.sum(group.fills, \.fees) - exchangeTotal, weights: lotIDs.map { lots[$0].contracts })
            let exchange = MoneySplit.split(exchangeTotal, weights: lotIDs.map { lots[$0].contracts })
            for (n, lot) in lotIDs.enumerated() {
                var a = CommandArguments(positional: lots[lot].condorID.lowercasedString)
                a.set("--price", MoneySplit.text(price))
                a.set("--fees", MoneySplit.text(commissions[n]))
                a.set("--exchange-fees", MoneySplit.text(exchange[n]))
                a.set("--at", atText)
                a.set("--note", "\(grouping.broker) order \(group.fills[0].orderID ?? "?")")
                commands.append(PlannedCommand(name: "condor close", arguments: a, lines: group.lines,
                                               content: "tastytrade condor close|\(group.rowIDs)|condor \(lots[lot].condorID.lowercasedString)"))
                lots[lot].open = false
            }
        case .roll(let gs, let side, let closing, let opening, let after):
            let multiplier = positions[lots[lotIDs[0]].position].underlying.multiplier
            let closePrice = MoneySplit.perUnit(-Self.sum(closing, \.value), multiplier * k)
            let openPrice = MoneySplit.perUnit(Self.sum(opening, \.value), multiplier * k)
            let all = closing + opening
            let fees = MoneySplit.split(Self.sum(all, \.fees), weights: lotIDs.map { lots[$0].contracts })
            let lines = all.map(\.line).sorted()
            let rowIDs = gs.map { groups[$0].rowIDs }.joined(separator: ";")
            for (n, lot) in lotIDs.enumerated() {
                var a = CommandArguments(positional: lots[lot].condorID.lowercasedString)
                a.set("--side", side.rawValue)
                if side == .both { a.set("--expiry", after.expiry.description) }
                if side != .call {
                    a.set("--long-put", MoneySplit.text(after.longPut))
                    a.set("--short-put", MoneySplit.text(after.shortPut))
                }
                if side != .put {
                    a.set("--short-call", MoneySplit.text(after.shortCall))
                    a.set("--long-call", MoneySplit.text(after.longCall))
                }
                a.set("--close-price", MoneySplit.text(closePrice))
                a.set("--open-price", MoneySplit.text(openPrice))
                a.set("--fees", MoneySplit.text(fees[n]))
                a.set("--at", atText)
                a.set("--reason", "\(grouping.broker) order" + (gs.count > 1 ? "s " : " ") + gs.map { groups[$0].fills[0].orderID ?? "?" }.joined(separator: " + "))
                commands.append(PlannedCommand(name: "condor roll", arguments: a, lines: lines,
                                               content: "tastytrade condor roll|\(rowIDs)|condor \(lots[lot].condorID.lowercasedString)"))
            }
        case .expire(let g):
            let group = groups[g]
            // Cash per contract of each leg, from the settlement rows.
            var cash: [IndexOptionContract: Decimal] = [:]
            var count: [IndexOptionContract: Int] = [:]
            for fill in group.fills {
                guard case .indexOption(let c) = fill.instrument else { continue }
                cash[c, default: 0] += fill.value
                count[c, default: 0] += fill.quantity
            }
            let fees = MoneySplit.split(Self.sum(group.fills, \.fees), weights: lotIDs.map { lots[$0].contracts })
            for (n, lot) in lotIDs.enumerated() {
                let legs = units[lots[lot].units[0]].legs
                let s = legs.strikes
                func perContract(_ right: OptionRight, _ strike: Decimal) -> Decimal {
                    let c = IndexOptionContract(underlying: legs.underlying, expiry: s.expiry, right: right, strike: strike)
                    guard let total = cash[c], let q = count[c], q > 0 else { return 0 }
                    return total / Decimal(q)
                }
                let multiplier = legs.underlying.multiplier
                let putValue = -(perContract(.put, s.longPut) + perContract(.put, s.shortPut)) / multiplier
                let callValue = -(perContract(.call, s.shortCall) + perContract(.call, s.longCall)) / multiplier
                let level: Decimal
                if putValue == 0, callValue == 0 {
                    level = (s.shortPut + s.shortCall) / 2
                } else if putValue > 0, callValue == 0, putValue <= s.putWingWidth {
                    level = putValue == s.putWingWidth ? s.longPut : s.shortPut - putValue
                } else if callValue > 0, putValue == 0, callValue <= s.callWingWidth {
                    level = callValue == s.callWingWidth ? s.longCall : s.shortCall + callValue
                } else {
                    issue(group.lines, "settlement rows for \(legs.underlying.rawValue) \(s.expiry) give a put-side value of \(MoneySplit.text(putValue)) and a call-side value of \(MoneySplit.text(callValue)) per unit, which no settlement level gives")
                    continue
                }
                var a = CommandArguments(positional: lots[lot].condorID.lowercasedString)
                a.set("--settlement", MoneySplit.text(level))
                a.set("--fees", MoneySplit.text(fees[n]))
                a.set("--at", atText)
                commands.append(PlannedCommand(name: "condor expire", arguments: a, lines: group.lines,
                                               content: "tastytrade condor expire|\(group.rowIDs)|condor \(lots[lot].condorID.lowercasedString)"))
                lots[lot].open = false
            }
        }
    }

    mutating func emitHedge(_ g: Int, pool: inout [LayerSlot], lots: [Lot]) {
        let group = groups[g]
        guard case .hedge(let instrument) = group.fills[0].instrument else { return }
        let quantity = group.fills.reduce(0) { $0 + $1.quantity }
        let value = Self.sum(group.fills, \.value)
        let multiplier = instrument.multiplier
        let price: Decimal
        if value != 0 {
            price = MoneySplit.perUnit(value < 0 ? -value : value, multiplier * Decimal(quantity))
        } else if group.fills.first!.kind == .expiration {
            price = 0
        } else {
            let weighted = group.fills.reduce(Decimal(0)) { $0 + ($1.unitPrice ?? 0) * Decimal($1.quantity) }
            price = MoneySplit.perUnit(weighted, Decimal(quantity))
        }
        let fees = Self.sum(group.fills, \.fees)
        let atText = Self.iso(group.at)
        let order = group.fills[0].orderID

        if group.fills[0].kind == .trade, group.fills[0].opens {
            var a = CommandArguments()
            let content = "tastytrade hedge add|\(group.rowIDs)"
            let layerID = EventIdentity.entityID(command: EventIdentity.commandID(content: content), kind: "layer")
            a.set("--id", layerID.lowercasedString)
            var protects: [UUID] = []
            for target in grouping.links[order ?? ""] ?? [] {
                if let id = UUID(uuidString: target), target.count == 36 {
                    protects.append(id)
                    continue
                }
                let opened = positions.indices.filter { p in positions[p].openGroup.map { groups[$0].fills[0].orderID == target } ?? false }
                guard !opened.isEmpty else {
                    issue(group.lines, "--link \(order ?? "?")=\(target): order \(target) opens no condor in this file")
                    continue
                }
                protects += lots.filter { opened.contains($0.position) && $0.open }.map(\.condorID)
            }
            if protects.isEmpty {
                a.set("--portfolio", grouping.portfolio)
            } else {
                a.set("--protects", protects.map(\.lowercasedString).joined(separator: ","))
            }
            a.set("--instrument", instrument.spec)
            a.set("--quantity", String(quantity))
            a.set("--price", MoneySplit.text(price))
            a.set("--fees", MoneySplit.text(fees))
            a.set("--at", atText)
            a.set("--reason", "\(grouping.broker) order \(order ?? "?")")
            commands.append(PlannedCommand(name: "hedge add", arguments: a, lines: group.lines, content: content))
            pool.append(LayerSlot(layerID: layerID, instrument: instrument, remaining: quantity))
            return
        }
        // A sale, an expiry or a settlement: the oldest layers of this instrument first.
        var left = quantity
        var takes: [(slot: Int, quantity: Int)] = []
        for index in pool.indices where pool[index].instrument == instrument && pool[index].remaining > 0 && left > 0 {
            let take = min(left, pool[index].remaining)
            takes.append((index, take))
            left -= take
        }
        guard left == 0 else {
            return issue(group.lines, "\(instrument.spec): \(group.fills[0].kind == .trade ? "sells" : "settles") \(quantity) but open hedge layers hold \(quantity - left) (the purchase must be in this file, or in the ledger before the file's first row)")
        }
        let shares = MoneySplit.split(fees, weights: takes.map(\.quantity))
        for (n, take) in takes.enumerated() {
            let slot = pool[take.slot]
            let closes = take.quantity == slot.remaining
            var a = CommandArguments(positional: slot.layerID.lowercasedString)
            if !closes { a.set("--quantity", String(take.quantity)) }
            a.set("--price", MoneySplit.text(price))
            a.set("--fees", MoneySplit.text(shares[n]))
            a.set("--at", atText)
            a.set("--reason", group.fills[0].kind == .trade ? "\(grouping.broker) order \(order ?? "?")" : "\(grouping.broker) \(group.fills[0].kind == .expiration ? "expiration" : "settlement")")
            commands.append(PlannedCommand(name: closes ? "hedge close" : "hedge reduce", arguments: a, lines: group.lines,
                                           content: "tastytrade hedge \(closes ? "close" : "reduce")|\(group.rowIDs)|layer \(slot.layerID.lowercasedString)"))
            pool[take.slot].remaining -= take.quantity
        }
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
