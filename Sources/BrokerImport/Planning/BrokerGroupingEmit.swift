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

        commands.append(PlannedCommand(command: .addPortfolio(AddPortfolio(name: grouping.portfolio)), lines: [],
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

    /// One step of a condor's life (open, close, roll, expiry) as one command per lot it concerns.
    mutating func emitCondorStep(_ s: Int, lots: inout [Lot], lotOfUnit: [Int: Int], lotContent: [Int: String], wholeContent: [Int: String]) {
        let (step, stepUnits, stepAt, _) = steps[s]
        var lotIDs: [Int] = []
        for unit in stepUnits { if let lot = lotOfUnit[unit], !lotIDs.contains(lot) { lotIDs.append(lot) } }
        let k = Decimal(stepUnits.count)
        let at = Self.wholeSeconds(stepAt)
        switch step {
        case .open(let g, let legs):
            emitOpen(groups[g], legs: legs, lotIDs: lotIDs, lots: lots, at: at, lotContent: lotContent, wholeContent: wholeContent)
        case .close(let g):
            emitClose(groups[g], lotIDs: lotIDs, lots: &lots, contracts: k, at: at)
        case .roll(let gs, let side, let closing, let opening, let after):
            emitRoll(gs, side: side, closing: closing, opening: opening, after: after, lotIDs: lotIDs, lots: lots, contracts: k, at: at)
        case .expire(let g):
            emitExpiry(groups[g], lotIDs: lotIDs, lots: &lots, at: at)
        }
    }

    /// `condor open` per lot: credit per unit = Σ value ÷ (multiplier × contracts), fees split by contracts.
    private mutating func emitOpen(_ group: RowGroup, legs: UnitLegs, lotIDs: [Int], lots: [Lot], at: Date,
                                   lotContent: [Int: String], wholeContent: [Int: String]) {
        let position = positions[lots[lotIDs[0]].position]
        let credit = MoneySplit.perUnit(Self.sum(group.fills, \.value), position.underlying.multiplier * Decimal(position.contracts))
        let fees = MoneySplit.split(Self.sum(group.fills, \.fees), weights: lotIDs.map { lots[$0].contracts })
        for (n, lot) in lotIDs.enumerated() {
            let open = OpenCondor(portfolio: grouping.portfolio, underlying: legs.underlying, strikes: legs.strikes, contracts: lots[lot].contracts,
                                  credit: credit, fees: fees[n], at: at, condorID: lots[lot].condorID,
                                  note: "\(grouping.broker) order \(group.fills[0].orderID ?? "?")")
            commands.append(PlannedCommand(command: .openCondor(open), lines: group.lines, content: lotContent[lot]!, conflictsWith: wholeContent[lot]))
        }
    }

    /// `condor close` per lot: debit per unit from the order's value; commissions and exchange fees apart.
    private mutating func emitClose(_ group: RowGroup, lotIDs: [Int], lots: inout [Lot], contracts k: Decimal, at: Date) {
        let multiplier = positions[lots[lotIDs[0]].position].underlying.multiplier
        let price = MoneySplit.perUnit(-Self.sum(group.fills, \.value), multiplier * k)
        // Commissions and exchange fees apart (CondorClosed keeps both), each split by contracts.
        let exchangeTotal = Self.sum(group.fills, \.exchangeFees)
        let commissions = MoneySplit.split(Self.sum(group.fills, \.fees) - exchangeTotal, weights: lotIDs.map { lots[$0].contracts })
        let exchange = MoneySplit.split(exchangeTotal, weights: lotIDs.map { lots[$0].contracts })
        for (n, lot) in lotIDs.enumerated() {
            let close = CloseCondor(condorID: lots[lot].condorID, price: price, fees: commissions[n], exchangeFees: exchange[n], at: at,
                                    note: "\(grouping.broker) order \(group.fills[0].orderID ?? "?")")
            commands.append(PlannedCommand(command: .closeCondor(close), lines: group.lines,
                                           content: "tastytrade condor close|\(group.rowIDs)|condor \(lots[lot].condorID.lowercasedString)"))
            lots[lot].open = false
        }
    }

    /// `condor roll` per lot: close debit and open credit per unit from the closing and opening fills.
    private mutating func emitRoll(_ gs: [Int], side: RollSide, closing: [BrokerFill], opening: [BrokerFill], after: IronCondorLegs,
                                   lotIDs: [Int], lots: [Lot], contracts k: Decimal, at: Date) {
        let multiplier = positions[lots[lotIDs[0]].position].underlying.multiplier
        let closePrice = MoneySplit.perUnit(-Self.sum(closing, \.value), multiplier * k)
        let openPrice = MoneySplit.perUnit(Self.sum(opening, \.value), multiplier * k)
        let all = closing + opening
        let fees = MoneySplit.split(Self.sum(all, \.fees), weights: lotIDs.map { lots[$0].contracts })
        let lines = all.map(\.line).sorted()
        let rowIDs = gs.map { groups[$0].rowIDs }.joined(separator: ";")
        for (n, lot) in lotIDs.enumerated() {
            let roll = RollCondor(condorID: lots[lot].condorID, side: side, expiry: side == .both ? after.expiry : nil,
                                  longPut: side != .call ? after.longPut : nil, shortPut: side != .call ? after.shortPut : nil,
                                  shortCall: side != .put ? after.shortCall : nil, longCall: side != .put ? after.longCall : nil,
                                  closePrice: closePrice, openPrice: openPrice, fees: fees[n], at: at,
                                  reason: "\(grouping.broker) order" + (gs.count > 1 ? "s " : " ") + gs.map { groups[$0].fills[0].orderID ?? "?" }.joined(separator: " + "))
            commands.append(PlannedCommand(command: .rollCondor(roll), lines: lines,
                                           content: "tastytrade condor roll|\(rowIDs)|condor \(lots[lot].condorID.lowercasedString)"))
        }
    }

    /// `condor expire` per lot, at the settlement level the settlement rows' cash implies.
    private mutating func emitExpiry(_ group: RowGroup, lotIDs: [Int], lots: inout [Lot], at: Date) {
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
            guard let level = settlementLevel(legs, cash: cash, count: count, lines: group.lines) else { continue }
            let expire = ExpireCondor(condorID: lots[lot].condorID, settlement: level, fees: fees[n], at: at)
            commands.append(PlannedCommand(command: .expireCondor(expire), lines: group.lines,
                                           content: "tastytrade condor expire|\(group.rowIDs)|condor \(lots[lot].condorID.lowercasedString)"))
            lots[lot].open = false
        }
    }

    /// The index level that gives the put-side and call-side values per unit the settlement cash
    /// shows (both 0: between the shorts); nil, with an issue, when no level gives them.
    private mutating func settlementLevel(_ legs: UnitLegs, cash: [IndexOptionContract: Decimal], count: [IndexOptionContract: Int],
                                          lines: [Int]) -> Decimal? {
        let s = legs.strikes
        func perContract(_ right: OptionRight, _ strike: Decimal) -> Decimal {
            let c = IndexOptionContract(underlying: legs.underlying, expiry: s.expiry, right: right, strike: strike)
            guard let total = cash[c], let q = count[c], q > 0 else { return 0 }
            return total / Decimal(q)
        }
        let multiplier = legs.underlying.multiplier
        let putValue = -(perContract(.put, s.longPut) + perContract(.put, s.shortPut)) / multiplier
        let callValue = -(perContract(.call, s.shortCall) + perContract(.call, s.longCall)) / multiplier
        if putValue == 0, callValue == 0 { return (s.shortPut + s.shortCall) / 2 }
        if putValue > 0, callValue == 0, putValue <= s.putWingWidth { return putValue == s.putWingWidth ? s.longPut : s.shortPut - putValue }
        if callValue > 0, putValue == 0, callValue <= s.callWingWidth { return callValue == s.callWingWidth ? s.longCall : s.shortCall + callValue }
        issue(lines, "settlement rows for \(legs.underlying.rawValue) \(s.expiry) give a put-side value of \(MoneySplit.text(putValue)) and a call-side value of \(MoneySplit.text(callValue)) per unit, which no settlement level gives")
        return nil
    }

    /// A hedge order: a purchase opens a layer; a sale, an expiry or a settlement reduces or closes
    /// the oldest layers of the instrument first.
    mutating func emitHedge(_ g: Int, pool: inout [LayerSlot], lots: [Lot]) {
        let group = groups[g]
        guard case .hedge(let instrument) = group.fills[0].instrument else { return }
        let quantity = group.fills.reduce(0) { $0 + $1.quantity }
        let value = Self.sum(group.fills, \.value)
        let price: Decimal
        if value != 0 {
            price = MoneySplit.perUnit(value < 0 ? -value : value, instrument.multiplier * Decimal(quantity))
        } else if group.fills.first!.kind == .expiration {
            price = 0
        } else {
            let weighted = group.fills.reduce(Decimal(0)) { $0 + ($1.unitPrice ?? 0) * Decimal($1.quantity) }
            price = MoneySplit.perUnit(weighted, Decimal(quantity))
        }
        if group.fills[0].kind == .trade, group.fills[0].opens {
            let layerID = emitLayerAdd(group, instrument: instrument, quantity: quantity, price: price, lots: lots)
            pool.append(LayerSlot(layerID: layerID, instrument: instrument, remaining: quantity))
        } else {
            emitLayerSales(group, instrument: instrument, quantity: quantity, price: price, pool: &pool)
        }
    }

    /// `hedge add` protecting the condors the order's `--link`s name (or the portfolio); returns the layer id.
    private mutating func emitLayerAdd(_ group: RowGroup, instrument: HedgeInstrument, quantity: Int, price: Decimal, lots: [Lot]) -> UUID {
        let order = group.fills[0].orderID
        let content = "tastytrade hedge add|\(group.rowIDs)"
        let layerID = EventIdentity.entityID(command: EventIdentity.commandID(content: content), kind: "layer")
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
        let add = AddHedgeLayer(protects: protects, portfolio: protects.isEmpty ? grouping.portfolio : nil, instrument: instrument, quantity: quantity,
                                price: price, fees: Self.sum(group.fills, \.fees), at: Self.wholeSeconds(group.at), layerID: layerID,
                                reason: "\(grouping.broker) order \(order ?? "?")")
        commands.append(PlannedCommand(command: .addHedgeLayer(add), lines: group.lines, content: content))
        return layerID
    }

    /// `hedge reduce` or `hedge close` for each layer a sale, expiry or settlement takes from, oldest first.
    private mutating func emitLayerSales(_ group: RowGroup, instrument: HedgeInstrument, quantity: Int, price: Decimal, pool: inout [LayerSlot]) {
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
        let shares = MoneySplit.split(Self.sum(group.fills, \.fees), weights: takes.map(\.quantity))
        let at = Self.wholeSeconds(group.at)
        let kind = group.fills[0].kind
        let reason = kind == .trade ? "\(grouping.broker) order \(group.fills[0].orderID ?? "?")" : "\(grouping.broker) \(kind == .expiration ? "expiration" : "settlement")"
        for (n, take) in takes.enumerated() {
            let slot = pool[take.slot]
            let closes = take.quantity == slot.remaining
            let command: LedgerCommand = closes
                ? .closeHedgeLayer(CloseHedgeLayer(layerID: slot.layerID, price: price, fees: shares[n], at: at, reason: reason))
                : .reduceHedgeLayer(ReduceHedgeLayer(layerID: slot.layerID, quantity: take.quantity, price: price, fees: shares[n], at: at, reason: reason))
            commands.append(PlannedCommand(command: command, lines: group.lines,
                                           content: "tastytrade hedge \(closes ? "close" : "reduce")|\(group.rowIDs)|layer \(slot.layerID.lowercasedString)"))
            pool[take.slot].remaining -= take.quantity
        }
    }

    /// The instant as the ledger records a broker row's time: to the whole second, as its ISO 8601
    /// text without fractions reads (what these imports have always recorded).
    static func wholeSeconds(_ date: Date) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: formatter.string(from: date)) ?? date
    }
}
