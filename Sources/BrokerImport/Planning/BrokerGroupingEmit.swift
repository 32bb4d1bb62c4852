import Foundation
import Ledger

/// The second pass of `BrokerGrouping`: condor steps become commands on the condors that hold the
/// units (a step on some of a condor's open contracts is a partial close or roll), hedge rows
/// become layer commands, all in time order.
extension GroupingRun {
    /// Which condor holds each unit, and how many contracts each condor has open.
    struct CondorBook {
        var condorOfUnit: [Int: UUID] = [:]
        var open: [UUID: Int] = [:]
        /// The condors of each position (the opening one first, then those split off it).
        var condorsOfPosition: [Int: [UUID]] = [:]

        mutating func start(_ condorID: UUID, position: Int, units: [Int]) {
            for unit in units { condorOfUnit[unit] = condorID }
            open[condorID] = units.count
            condorsOfPosition[position, default: []].append(condorID)
        }

        /// The condors `units` belong to, with how many of them each holds, in first-seen order.
        func parts(_ units: [Int]) -> [(condorID: UUID, units: [Int])] {
            var order: [UUID] = []
            var members: [UUID: [Int]] = [:]
            for unit in units {
                guard let id = condorOfUnit[unit] else { continue }
                if members[id] == nil { order.append(id) }
                members[id, default: []].append(unit)
            }
            return order.map { ($0, members[$0]!) }
        }
    }

    mutating func emit() {
        var book = CondorBook()
        var openContent: [Int: String] = [:]
        for (p, position) in positions.enumerated() {
            let ids = units.indices.filter { units[$0].position == p }
            if let existing = position.existing {
                book.start(existing.condorID, position: p, units: ids)
                continue
            }
            let group = groups[position.openGroup!]
            let all = (0..<position.contracts).map(String.init).joined(separator: ",")
            let content = "tastytrade condor open|\(group.rowIDs)|units \(all) of \(position.contracts)"
            openContent[p] = content
            book.start(EventIdentity.entityID(command: EventIdentity.commandID(content: content), kind: "condor"), position: p, units: ids)
        }
        commands.append(PlannedCommand(command: .addPortfolio(AddPortfolio(name: grouping.portfolio)), lines: [],
                                       content: "tastytrade portfolio add|\(grouping.portfolio)"))

        var pool = grouping.existingLayers.filter { $0.status == .open }.map { LayerSlot(layerID: $0.layerID, legs: $0.legs, remaining: $0.quantity) }
        // Condor steps and hedge groups, in group order.
        var agenda: [(order: Int, step: Int?, group: Int?)] = steps.enumerated().map { ($0.element.order, $0.offset, nil) }
        for index in groups.indices where !groups[index].fills.allSatisfy(\.isCondorLeg) {
            agenda.append((index, nil, index))
        }
        agenda.sort { ($0.order, $0.step ?? Int.max) < ($1.order, $1.step ?? Int.max) }

        for item in agenda {
            if let s = item.step {
                emitCondorStep(s, book: &book, openContent: openContent)
            } else if let g = item.group {
                emitHedge(g, pool: &pool, book: book)
            }
        }
    }

    static func sum(_ fills: [BrokerFill], _ key: KeyPath<BrokerFill, Decimal>) -> Decimal {
        fills.reduce(Decimal(0)) { $0 + $1[keyPath: key] }
    }

    /// One step of a condor's life as one command per condor holding its units: whole when it
    /// acts on every contract the condor has open, else on `--contracts k` of them.
    mutating func emitCondorStep(_ s: Int, book: inout CondorBook, openContent: [Int: String]) {
        let (step, stepUnits, stepAt, _) = steps[s]
        let parts = book.parts(stepUnits)
        let k = Decimal(stepUnits.count)
        let at = Self.wholeSeconds(stepAt)
        let position = units[stepUnits[0]].position
        switch step {
        case .open(let g, let legs):
            emitOpen(groups[g], legs: legs, condorID: parts[0].condorID, position: position, at: at, content: openContent[position]!)
        case .close(let g):
            emitClose(groups[g], parts: parts, book: &book, contracts: k, at: at, position: position)
        case .sideClose(let g, let side):
            emitClose(groups[g], side: side, parts: parts, book: &book, contracts: k, at: at, position: position)
        case .roll(let gs, let side, let closing, let opening, let after):
            emitRoll(gs, side: side, closing: closing, opening: opening, after: after, parts: parts, book: &book, contracts: k, at: at, position: position)
        case .expire(let g):
            emitExpiry(groups[g], parts: parts, book: &book, at: at, position: position)
        case .legIn(let g, let side, let after):
            emitLegIn(groups[g], side: side, after: after, parts: parts, contracts: k, at: at, position: position)
        }
    }

    /// `condor open`: credit per unit = Σ value ÷ (multiplier × contracts). Its content is what an
    /// import recording the order whole has always used, so re-importing records nothing twice.
    private mutating func emitOpen(_ group: RowGroup, legs: UnitLegs, condorID: UUID, position: Int, at: Date, content: String) {
        let contracts = positions[position].contracts
        let credit = MoneySplit.perUnit(Self.sum(group.fills, \.value), legs.underlying.multiplier * Decimal(contracts))
        let open = OpenCondor(portfolio: grouping.portfolio, underlying: legs.underlying, strikes: legs.strikes, contracts: contracts,
                              credit: credit, fees: Self.sum(group.fills, \.fees), at: at, condorID: condorID,
                              note: "\(grouping.broker) order \(group.fills[0].orderID ?? "?")")
        commands.append(PlannedCommand(command: .openCondor(open), lines: group.lines, content: content, position: position,
                                       lotContent: lotContent(position)))
    }

    /// The content of the first lot an import before partial closes made of this position when its
    /// units did not all share one history (it split the opening into lots); nil when it did not.
    private func lotContent(_ position: Int) -> String? {
        guard let open = positions[position].openGroup else { return nil }
        let ids = units.indices.filter { units[$0].position == position }
        var histories: [[Int]] = []
        for id in ids where !histories.contains(units[id].history) { histories.append(units[id].history) }
        guard histories.count > 1 else { return nil }
        let first = ids.filter { units[$0].history == histories[0] }.map { String(units[$0].index) }.joined(separator: ",")
        return "tastytrade condor open|\(groups[open].rowIDs)|units \(first) of \(positions[position].contracts)"
    }

    /// `condor close` per condor: debit per unit from the order's value; commissions and exchange fees
    /// apart. With `side`, that side alone (`--side`): the condor stays open with the other side, and
    /// the contracts of a side close on some of a condor's contracts continue as a new condor (its id
    /// derives from the close's command id, as the decider makes it).
    private mutating func emitClose(_ group: RowGroup, side: RollSide? = nil, parts: [(condorID: UUID, units: [Int])], book: inout CondorBook,
                                    contracts k: Decimal, at: Date, position: Int) {
        let multiplier = positions[position].underlying.multiplier
        let price = MoneySplit.perUnit(-Self.sum(group.fills, \.value), multiplier * k)
        let exchangeTotal = Self.sum(group.fills, \.exchangeFees)
        let weights = parts.map(\.units.count)
        let commissions = MoneySplit.split(Self.sum(group.fills, \.fees) - exchangeTotal, weights: weights)
        let exchange = MoneySplit.split(exchangeTotal, weights: weights)
        for (n, part) in parts.enumerated() {
            let count = part.units.count, whole = count == book.open[part.condorID]
            let close = CloseCondor(condorID: part.condorID, contracts: whole ? nil : count, side: side, price: price, fees: commissions[n],
                                    exchangeFees: exchange[n], at: at, note: "\(grouping.broker) order \(group.fills[0].orderID ?? "?")")
            let content = "tastytrade condor close|\(group.rowIDs)|condor \(part.condorID.lowercasedString)" + (side.map { "|side \($0.rawValue)" } ?? "")
                + (whole ? "" : "|contracts \(count)")
            let planned = PlannedCommand(command: .closeCondor(close), lines: group.lines, content: content, position: position)
            commands.append(planned)
            guard side != nil else {
                book.open[part.condorID, default: 0] -= count
                continue
            }
            if !whole {
                book.open[part.condorID, default: 0] -= count
                book.start(EventIdentity.entityID(command: planned.commandID, kind: "condor"), position: position, units: part.units)
            }
        }
    }

    /// `condor roll` per condor: close debit and open credit per unit from the closing and opening
    /// fills. Rolling some of a condor's contracts continues them as a new condor (its id derives
    /// from the roll's command id, as the decider makes it).
    private mutating func emitRoll(_ gs: [Int], side: RollSide, closing: [BrokerFill], opening: [BrokerFill], after: IronCondorLegs,
                                   parts: [(condorID: UUID, units: [Int])], book: inout CondorBook, contracts k: Decimal, at: Date, position: Int) {
        let multiplier = positions[position].underlying.multiplier
        let closePrice = MoneySplit.perUnit(-Self.sum(closing, \.value), multiplier * k)
        let openPrice = MoneySplit.perUnit(Self.sum(opening, \.value), multiplier * k)
        let all = closing + opening
        let fees = MoneySplit.split(Self.sum(all, \.fees), weights: parts.map(\.units.count))
        let lines = all.map(\.line).sorted()
        let rowIDs = gs.map { groups[$0].rowIDs }.joined(separator: ";")
        for (n, part) in parts.enumerated() {
            let count = part.units.count, whole = count == book.open[part.condorID]
            let content = "tastytrade condor roll|\(rowIDs)|condor \(part.condorID.lowercasedString)" + (whole ? "" : "|contracts \(count)")
            let roll = RollCondor(condorID: part.condorID, side: side, expiry: after.expiry,
                                  longPut: side != .call ? after.longPut : nil, shortPut: side != .call ? after.shortPut : nil,
                                  shortCall: side != .put ? after.shortCall : nil, longCall: side != .put ? after.longCall : nil,
                                  closePrice: closePrice, openPrice: openPrice, fees: fees[n], at: at,
                                  reason: "\(grouping.broker) order" + (gs.count > 1 ? "s " : " ") + gs.map { groups[$0].fills[0].orderID ?? "?" }.joined(separator: " + "),
                                  contracts: whole ? nil : count)
            let planned = PlannedCommand(command: .rollCondor(roll), lines: lines, content: content, position: position)
            commands.append(planned)
            if !whole {
                let newID = EventIdentity.entityID(command: planned.commandID, kind: "condor")
                book.open[part.condorID, default: 0] -= count
                book.start(newID, position: position, units: part.units)
            }
        }
    }

    /// `condor leg-in` per condor: credit per unit for the new side from the order's value.
    private mutating func emitLegIn(_ group: RowGroup, side: RollSide, after: IronCondorLegs, parts: [(condorID: UUID, units: [Int])],
                                    contracts k: Decimal, at: Date, position: Int) {
        let credit = MoneySplit.perUnit(Self.sum(group.fills, \.value), positions[position].underlying.multiplier * k)
        let fees = MoneySplit.split(Self.sum(group.fills, \.fees), weights: parts.map(\.units.count))
        let new = after.legs(side: side, contracts: 1)
        for (n, part) in parts.enumerated() {
            let leg = LegInCondor(condorID: part.condorID, side: side, longStrike: new.first { $0.quantity > 0 }!.strike,
                                  shortStrike: new.first { $0.quantity < 0 }!.strike, credit: credit, fees: fees[n], at: at,
                                  note: "\(grouping.broker) order \(group.fills[0].orderID ?? "?")")
            commands.append(PlannedCommand(command: .legInCondor(leg), lines: group.lines,
                                           content: "tastytrade condor leg-in|\(group.rowIDs)|condor \(part.condorID.lowercasedString)", position: position))
        }
    }

    /// `condor expire` per condor, at the settlement level the settlement rows' cash implies.
    private mutating func emitExpiry(_ group: RowGroup, parts: [(condorID: UUID, units: [Int])], book: inout CondorBook, at: Date, position: Int) {
        // Cash per contract of each leg, from the settlement rows.
        var cash: [IndexOptionContract: Decimal] = [:]
        var count: [IndexOptionContract: Int] = [:]
        for fill in group.fills {
            guard case .indexOption(let c) = fill.instrument else { continue }
            cash[c, default: 0] += fill.value
            count[c, default: 0] += fill.quantity
        }
        let fees = MoneySplit.split(Self.sum(group.fills, \.fees), weights: parts.map(\.units.count))
        for (n, part) in parts.enumerated() {
            let legs = units[part.units[0]].legs
            guard let level = settlementLevel(legs, cash: cash, count: count, lines: group.lines) else { continue }
            let expire = ExpireCondor(condorID: part.condorID, settlement: level, fees: fees[n], at: at)
            commands.append(PlannedCommand(command: .expireCondor(expire), lines: group.lines,
                                           content: "tastytrade condor expire|\(group.rowIDs)|condor \(part.condorID.lowercasedString)", position: position))
            book.open[part.condorID] = 0
        }
    }

    /// The index level that gives the put-side and call-side values per unit the settlement cash
    /// shows (both 0: out of the money); nil, with an issue, when no level gives them.
    private mutating func settlementLevel(_ legs: UnitLegs, cash: [IndexOptionContract: Decimal], count: [IndexOptionContract: Int],
                                          lines: [Int]) -> Decimal? {
        let s = legs.strikes
        func perContract(_ right: OptionRight, _ strike: Decimal) -> Decimal {
            let c = IndexOptionContract(underlying: legs.underlying, expiry: s.expiry, right: right, strike: strike)
            guard let total = cash[c], let q = count[c], q > 0 else { return 0 }
            return total / Decimal(q)
        }
        let multiplier = legs.underlying.multiplier
        let putValue = -s.legs(side: .put, contracts: 1).reduce(Decimal(0)) { $0 + perContract(.put, $1.strike) } / multiplier
        let callValue = -s.legs(side: .call, contracts: 1).reduce(Decimal(0)) { $0 + perContract(.call, $1.strike) } / multiplier
        // Both 0: out of the money (between the shorts; a spread: beyond its short strike).
        if putValue == 0, callValue == 0 {
            switch (s.shortPut, s.shortCall) {
            case let (sp?, sc?): return (sp + sc) / 2
            case let (sp?, nil): return sp
            case let (nil, sc?): return sc
            default: return nil
            }
        }
        if putValue > 0, callValue == 0, putValue <= s.putWingWidth, let lp = s.longPut, let sp = s.shortPut { return putValue == s.putWingWidth ? lp : sp - putValue }
        if callValue > 0, putValue == 0, callValue <= s.callWingWidth, let sc = s.shortCall, let lc = s.longCall { return callValue == s.callWingWidth ? lc : sc + callValue }
        issue(lines, "settlement rows for \(legs.underlying.rawValue) \(s.expiry) give a put-side value of \(MoneySplit.text(putValue)) and a call-side value of \(MoneySplit.text(callValue)) per unit, which no settlement level gives")
        return nil
    }

    /// The instant as the ledger records a broker row's time: to the whole second, as its ISO 8601
    /// text without fractions reads (what these imports have always recorded).
    static func wholeSeconds(_ date: Date) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: formatter.string(from: date)) ?? date
    }
}
