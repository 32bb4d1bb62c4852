import Foundation
import Ledger

/// Groups broker rows into ledger commands. The rules (the README copies them):
///
/// 1. Rows are taken in time order (an export's newest-first order does not matter); the rows of
///    one `Order #` form one order. Expiry and settlement rows (no order) are grouped by
///    underlying and expiration date.
/// 2. **Condor opened**: an order whose SPX/SPXW/XSP legs all open and form an iron condor — long
///    put < short put < short call < long call, one expiry, the same quantity N on every leg — or a
///    credit spread (long put < short put, or short call < long call) opens N contracts. Credit per
///    unit = Σ Value ÷ (100 × N); fees = Σ commissions + fees. An order opening the side a credit
///    spread lacks — same underlying, expiry and quantity as all of its open contracts — **legs in**
///    (`condor leg-in`). Any other structure (a butterfly, a debit spread, a lone option) is skipped
///    with every later order and expiry row that closes what it opened, and listed.
/// 3. **Closing orders** close legs of open condors, oldest first (FIFO by opening time). A
///    closing order that also opens legs — or whose *next* SPX-family order on the same index,
///    the same New York day, only opens legs — is a **roll**: closing one side (put or call
///    spread) and opening the same side's new spread rolls that side; closing and opening all four
///    legs rolls both (a new expiry is allowed; a credit spread rolling its side may change expiry
///    too). Otherwise closing every leg is a **close**, and closing one side of an iron condor
///    without reopening it is a **side close** (`condor close --side put|call`): the other side
///    stays open under the same id as a credit spread.
/// 4. **Partial closes and rolls**: an order acting on k of a condor's N open contracts is a
///    `condor close --contracts k` or `condor roll --contracts k` (the rolled contracts continue as
///    a new condor whose id derives from the roll's rows); the rest stay open under the same id.
/// 5. **Expiry**: `Receive Deliver` expiration and cash-settlement rows for an expiration date
///    expire every open condor on it. The settlement level is implied by the cash (short strike ∓
///    value per unit); when every leg expired worthless the file does not give it and the level
///    recorded is the midpoint of the short strikes (any level there gives a value of 0).
/// 6. **Hedge layers**: buying VIX options, `/VX` futures or VXX/UVXY/VIXY opens a layer per
///    order and instrument, protecting the portfolio, or the condors opened by the orders named
///    with `--link HEDGE-ORDER=CONDOR-ORDER[+CONDOR-ORDER…]`. Sales and expiries reduce or close
///    layers of that instrument, oldest first. Price per unit = |Value| ÷ (multiplier × quantity),
///    or the broker's average price when Value is 0 (futures). Short VIX positions (sell to open)
///    are skipped: layers are long only.
/// 7. Positions opened before the file's first row are taken from the ledger (open condors and
///    layers of the portfolio); their partial closes and rolls are recorded like any other.
/// 8. Ids: every command id is derived from the ids of the rows it comes from (see
///    `BrokerRowIdentity`), so importing the same rows again records nothing twice.
public struct BrokerGrouping {
    public var portfolio: String
    /// Hedge order number → the opening order numbers of the condors it protects.
    public var links: [String: [String]]
    /// Open condors already in the ledger, opened before this file's rows.
    public var existingCondors: [CondorState]
    /// Open hedge layers already in the ledger, opened before this file's rows.
    public var existingLayers: [HedgeLayerState]
    /// The broker named in the notes and reasons of the commands (`tastytrade order 1001`); not part of any id.
    public var broker = "tastytrade"
    /// All or nothing: an order the ledger cannot model is an issue (the file is refused) instead of skipped.
    public var strict = false

    public init(portfolio: String, links: [String: [String]] = [:], existingCondors: [CondorState] = [], existingLayers: [HedgeLayerState] = []) {
        self.portfolio = portfolio
        self.links = links
        self.existingCondors = existingCondors
        self.existingLayers = existingLayers
    }

    /// The grouped commands in time order, with the rows skipped while grouping (short VIX legs).
    public struct Result: Sendable {
        public var commands: [PlannedCommand]
        public var issues: [BrokerImportIssue]
        public var skipped: [SkippedRow]
        /// Orders left out (structures the ledger does not model, and what closes them), in file order.
        public var skippedOrders: [SkippedOrder]
    }

    public func group(_ fills: [BrokerFill]) -> Result {
        var run = GroupingRun(grouping: self)
        run.run(fills)
        return Result(commands: run.commands, issues: run.issues, skipped: run.skipped,
                      skippedOrders: run.skippedOrders.sorted { ($0.lines.first ?? 0) < ($1.lines.first ?? 0) })
    }
}

// MARK: - the run

/// One condor's legs (four, or two for a credit spread) as held by one unit (one contract of each leg).
struct UnitLegs: Hashable {
    var underlying: Underlying
    var strikes: IronCondorLegs

    func holds(_ contract: IndexOptionContract, sign: Int) -> Bool {
        guard contract.underlying == underlying, contract.expiry == strikes.expiry else { return false }
        switch (contract.right, sign > 0) {
        case (.put, true): return contract.strike == strikes.longPut
        case (.put, false): return contract.strike == strikes.shortPut
        case (.call, false): return contract.strike == strikes.shortCall
        case (.call, true): return contract.strike == strikes.longCall
        }
    }
}

/// A group of rows acting together: one order, or one expiration date's settlement rows.
struct RowGroup {
    var key: String
    var fills: [BrokerFill]
    var at: Date { fills.map(\.at).max()! }
    var first: Date { fills.map(\.at).min()! }
    var lines: [Int] { fills.map(\.line).sorted() }
    var rowIDs: String { fills.map(\.rowID).sorted().joined(separator: ",") }
    var isSettlement: Bool { fills.first!.kind != .trade }
}

/// What happened to a set of condor units.
enum CondorStep {
    case open(group: Int, legs: UnitLegs)
    case roll(groups: [Int], side: RollSide, closing: [BrokerFill], opening: [BrokerFill], after: IronCondorLegs)
    case close(group: Int)
    case expire(group: Int)
    /// The units sold the side they lacked: `after` is the iron condor they form.
    case legIn(group: Int, side: RollSide, after: IronCondorLegs)
    /// The units (iron condors) bought back `side`; the other side stays open.
    case sideClose(group: Int, side: RollSide)
}

/// A leg held: the contract and its sign (+1 long, −1 short).
struct LegKey: Hashable {
    var contract: IndexOptionContract
    var sign: Int
}

struct CondorPosition {
    /// The opening group, or nil for a condor already in the ledger.
    var openGroup: Int?
    var existing: CondorState?
    var underlying: Underlying
    var contracts: Int
}

struct CondorUnit {
    var position: Int
    var index: Int
    var legs: UnitLegs
    var open = true
    var history: [Int] = []
}

struct GroupingRun {
    let grouping: BrokerGrouping
    var commands: [PlannedCommand] = []
    var issues: [BrokerImportIssue] = []
    var skipped: [SkippedRow] = []
    var skippedOrders: [SkippedOrder] = []
    /// Contracts opened by skipped orders and not closed yet: later rows closing them are skipped too.
    var skippedLegs: [LegKey: Int] = [:]
    /// The same for hedge instruments (short VIX positions, orders that make no layer), by instrument and sign.
    var skippedHedges: [HedgeKey: Int] = [:]

    var groups: [RowGroup] = []
    var positions: [CondorPosition] = []
    var units: [CondorUnit] = []
    var steps: [(step: CondorStep, units: [Int], at: Date, order: Int)] = []
    /// Groups consumed as the opening half of a roll.
    var consumed: Set<Int> = []

    init(grouping: BrokerGrouping) { self.grouping = grouping }

    mutating func issue(_ lines: [Int], _ message: String) {
        issues.append(BrokerImportIssue(line: lines.first ?? 0, column: 0, columnName: "Order #",
                                  message: message + (lines.count > 1 ? " (lines \(lines.map(String.init).joined(separator: ", ")))" : "")))
    }

    mutating func run(_ fills: [BrokerFill]) {
        buildGroups(fills)
        for (index, condor) in grouping.existingCondors.enumerated() {
            positions.append(CondorPosition(openGroup: nil, existing: condor, underlying: condor.underlying, contracts: condor.contracts))
            for unit in 0..<condor.contracts {
                units.append(CondorUnit(position: index, index: unit, legs: UnitLegs(underlying: condor.underlying, strikes: condor.strikes)))
            }
        }
        for index in groups.indices where !consumed.contains(index) && groups[index].fills.allSatisfy(\.isCondorLeg) {
            simulate(index)
        }
        guard issues.isEmpty else { return }
        emit()
    }

    // MARK: grouping rows

    mutating func buildGroups(_ fills: [BrokerFill]) {
        var byKey: [String: Int] = [:]
        var list: [RowGroup] = []
        for fill in fills {
            let family: String
            switch fill.instrument {
            case .indexOption(let contract):
                family = fill.kind == .trade ? "condor" : "settle \(contract.underlying == .xsp ? "XSP" : "SPX") \(contract.expiry)"
            case .hedge:
                // One order's VIX legs make one layer (a call spread); expiry rows of one day act together.
                family = fill.kind == .trade ? "hedge" : "hedge-settle \(CalendarDate(newYorkDateOf: fill.at))"
            }
            let key = fill.kind == .trade ? "\(family) order \(fill.orderID ?? "")" : family
            if let index = byKey[key] {
                list[index].fills.append(fill)
            } else {
                byKey[key] = list.count
                list.append(RowGroup(key: key, fills: [fill]))
            }
        }
        for index in list.indices { list[index].fills.sort { $0.line < $1.line } }
        groups = list.sorted { a, b in
            if a.first != b.first { return a.first < b.first }
            let oa = Int(a.fills.first?.orderID ?? "") ?? Int.max
            let ob = Int(b.fills.first?.orderID ?? "") ?? Int.max
            if oa != ob { return oa < ob }
            return a.lines.first! > b.lines.first!  // newest-first exports: lower in the file is earlier
        }
    }

    // MARK: condor simulation

    struct LegTotal {
        var contract: IndexOptionContract
        var sign: Int
        var quantity: Int
    }

    static func legTotals(_ fills: [BrokerFill]) -> [LegTotal] {
        var totals: [LegTotal] = []
        for fill in fills {
            guard case .indexOption(let contract) = fill.instrument else { continue }
            let sign = fill.positionQuantity > 0 ? 1 : -1
            if let index = totals.firstIndex(where: { $0.contract == contract && $0.sign == sign }) {
                totals[index].quantity += fill.quantity
            } else {
                totals.append(LegTotal(contract: contract, sign: sign, quantity: fill.quantity))
            }
        }
        return totals
    }

    /// The condor four opening legs form (or the credit spread two form), with its contract count, or nil.
    static func condor(_ legs: [LegTotal]) -> (UnitLegs, Int)? {
        guard legs.count == 4 || legs.count == 2, let first = legs.first, legs.allSatisfy({ $0.quantity == first.quantity }),
              legs.allSatisfy({ $0.contract.underlying == first.contract.underlying && $0.contract.expiry == first.contract.expiry }) else { return nil }
        let condorLegs = legs.map { CondorLeg(right: $0.contract.right, strike: $0.contract.strike, quantity: $0.sign * $0.quantity) }
        guard let strikes = IronCondorLegs(expiry: first.contract.expiry, legs: condorLegs) else { return nil }
        return (UnitLegs(underlying: first.contract.underlying, strikes: strikes), first.quantity)
    }

    /// The side two legs of one right (one long, one short) form, with their strikes (long, short).
    static func spread(_ legs: [LegTotal]) -> (right: OptionRight, long: Decimal, short: Decimal, quantity: Int, expiry: CalendarDate)? {
        guard legs.count == 2, legs[0].contract.right == legs[1].contract.right, legs[0].quantity == legs[1].quantity,
              legs[0].contract.expiry == legs[1].contract.expiry, legs[0].contract.underlying == legs[1].contract.underlying,
              let long = legs.first(where: { $0.sign > 0 }), let short = legs.first(where: { $0.sign < 0 }) else { return nil }
        return (long.contract.right, long.contract.strike, short.contract.strike, long.quantity, long.contract.expiry)
    }

    static func describe(_ legs: [LegTotal]) -> String {
        legs.map { "\($0.sign > 0 ? "+" : "-")\($0.quantity) \($0.contract)" }.joined(separator: ", ")
    }

    mutating func simulate(_ index: Int) {
        let group = groups[index]
        if group.isSettlement { return expire(index) }
        let opening = Self.legTotals(group.fills.filter(\.opens))
        let closing = Self.legTotals(group.fills.filter { !$0.opens })
        let order = group.fills.first?.orderID ?? "?"
        if closing.isEmpty { return simulateOpening(index, opening) }
        // Closing what a skipped order opened: skipped too, with anything this order opens.
        if closing.contains(where: { (skippedLegs[LegKey(contract: $0.contract, sign: $0.sign)] ?? 0) > 0 }) {
            return skipOrder(index, reason: "closes what a skipped order opened", opened: opening, closed: closing)
        }
        guard let quantity = closing.first?.quantity, closing.allSatisfy({ $0.quantity == quantity }) else {
            return issue(group.lines, "order \(order): closes legs in unequal quantities (\(Self.describe(closing))); a condor's legs close together")
        }
        // The oldest open units holding every closing leg.
        let candidates = units.indices.filter { id in
            units[id].open && closing.allSatisfy { units[id].legs.holds($0.contract, sign: $0.sign) }
        }
        guard candidates.count >= quantity else {
            return issue(group.lines, "order \(order): closes \(quantity) of \(Self.describe(closing)) but open condors hold only \(candidates.count) (the opening must be in this file, or in the ledger before the file's first row)")
        }
        let chosen = Array(candidates.prefix(quantity))
        let held = units[chosen[0]].legs.strikes
        let side: RollSide
        switch Set(closing.map(\.contract.right)).count == 2 ? 4 : closing.count {
        case 4: side = .both
        case 2 where closing[0].contract.right == .put: side = .put
        case 2: side = .call
        default:
            return issue(group.lines, "order \(order): closes \(Self.describe(closing)), which is neither a whole condor nor one of its spreads")
        }
        // The opening half of a roll: in this order, or the next SPX-family order of the same day.
        var openingFills = group.fills.filter(\.opens)
        var rollGroups = [index]
        if openingFills.isEmpty, let next = nextCondorOrder(after: index) {
            let candidate = groups[next].fills
            if candidate.allSatisfy(\.opens),
               CalendarDate(newYorkDateOf: groups[next].first) == CalendarDate(newYorkDateOf: group.at),
               Self.rollTarget(side: side, from: units[chosen[0]].legs, opening: Self.legTotals(candidate), quantity: quantity) != nil {
                openingFills = candidate
                rollGroups.append(next)
                consumed.insert(next)
            }
        }
        if openingFills.isEmpty {
            guard side == .both || side == held.sides else { return closeSide(side, of: chosen, group: index) }
            for id in chosen { units[id].open = false }
            record(.close(group: index), units: chosen, at: group.at)
            return
        }
        guard let after = Self.rollTarget(side: side, from: units[chosen[0]].legs, opening: Self.legTotals(openingFills), quantity: quantity) else {
            return issue(group.lines, "order \(order): closes \(Self.describe(closing)) and opens \(Self.describe(Self.legTotals(openingFills))), which is not a roll of the \(side.rawValue) side (same right, one long and one short leg, \(quantity) each, a valid condor after)")
        }
        for id in chosen { units[id].legs = after }
        let lines = rollGroups.flatMap { groups[$0].lines }.sorted()
        record(.roll(groups: rollGroups, side: side, closing: group.fills.filter { !$0.opens }, opening: openingFills, after: after.strikes),
               units: chosen, at: rollGroups.map { groups[$0].at }.max()!, lines: lines)
    }

    /// An order closing one side of iron condors without reopening it: each unit keeps its other side.
    mutating func closeSide(_ side: RollSide, of chosen: [Int], group index: Int) {
        for id in chosen {
            let s = units[id].legs.strikes
            let kept = side == .put
                ? try? IronCondorLegs(expiry: s.expiry, longPut: nil, shortPut: nil, shortCall: s.shortCall, longCall: s.longCall)
                : try? IronCondorLegs(expiry: s.expiry, longPut: s.longPut, shortPut: s.shortPut, shortCall: nil, longCall: nil)
            guard let kept else { return issue(groups[index].lines, "order \(groups[index].fills.first?.orderID ?? "?"): closes the \(side.rawValue) side of \(s.strikesText), which leaves no valid spread") }
            units[id].legs.strikes = kept
        }
        record(.sideClose(group: index, side: side), units: chosen, at: groups[index].at)
    }

    /// An order that only opens: a condor or credit spread, the missing side of open spreads
    /// (legging in), or a structure the ledger does not model (skipped).
    mutating func simulateOpening(_ index: Int, _ opening: [LegTotal]) {
        guard let (legs, contracts) = Self.condor(opening) else {
            let first = opening.first?.contract.underlying.rawValue ?? "SPX"
            let name = OptionStructureName.name(underlying: first, opening.map { ($0.contract.right, $0.contract.strike, $0.sign * $0.quantity) })
            return skipOrder(index, reason: "\(name), not a condor or spread", opened: opening, closed: [])
        }
        let group = groups[index]
        if !legs.strikes.isIronCondor, let (ids, after) = legInUnits(legs, contracts: contracts) {
            for id in ids { units[id].legs = after }
            record(.legIn(group: index, side: legs.strikes.sides, after: after.strikes), units: ids, at: group.at)
            return
        }
        let position = positions.count
        positions.append(CondorPosition(openGroup: index, existing: nil, underlying: legs.underlying, contracts: contracts))
        var ids: [Int] = []
        for unit in 0..<contracts {
            ids.append(units.count)
            units.append(CondorUnit(position: position, index: unit, legs: legs))
        }
        record(.open(group: index, legs: legs), units: ids, at: group.at)
    }

    /// Open credit spreads the new spread `side` completes: every open unit of the other side on
    /// the same underlying and expiry, when they are exactly `contracts` and make valid condors.
    func legInUnits(_ side: UnitLegs, contracts: Int) -> ([Int], UnitLegs)? {
        let new = side.strikes
        let ids = units.indices.filter { id in
            let held = units[id].legs
            return units[id].open && held.underlying == side.underlying && held.strikes.expiry == new.expiry && !held.strikes.isIronCondor
                && held.strikes.sides != new.sides
        }
        guard ids.count == contracts, Set(ids.map { units[$0].legs }).count == 1 else { return nil }
        let held = units[ids[0]].legs.strikes
        guard let after = try? held.replacing(longPut: new.longPut, shortPut: new.shortPut, shortCall: new.shortCall, longCall: new.longCall) else {
            return nil
        }
        return (ids, UnitLegs(underlying: side.underlying, strikes: after))
    }

    /// Leaves an order out: listed with its reason (strict: an issue); what it opens is remembered
    /// so that the rows closing it are left out too.
    mutating func skipOrder(_ index: Int, reason: String, opened: [LegTotal], closed: [LegTotal]) {
        let group = groups[index]
        for leg in closed {
            let key = LegKey(contract: leg.contract, sign: leg.sign)
            skippedLegs[key] = max(0, (skippedLegs[key] ?? 0) - leg.quantity)
        }
        for leg in opened { skippedLegs[LegKey(contract: leg.contract, sign: leg.sign), default: 0] += leg.quantity }
        skip(SkippedOrder(order: group.fills.first?.orderID, lines: group.lines, reason: reason, fees: Self.sum(group.fills, \.fees)))
    }

    mutating func skip(_ order: SkippedOrder) {
        if grouping.strict {
            issue(order.lines, "\(order.order.map { "order \($0)" } ?? "expiry rows"): \(order.reason) (without --strict it would be skipped)")
        } else {
            skippedOrders.append(order)
        }
    }

    /// The legs after rolling `side` of `legs` into the opening legs, or nil when they do not fit.
    /// A credit spread rolling its own side may move to another expiry.
    static func rollTarget(side: RollSide, from legs: UnitLegs, opening: [LegTotal], quantity: Int) -> UnitLegs? {
        let s = legs.strikes
        if side == .both {
            guard let (after, contracts) = condor(opening), contracts == quantity, after.underlying == legs.underlying,
                  after.strikes.isIronCondor else { return nil }
            return after
        }
        let everyLeg = side == s.sides
        guard let spread = spread(opening), spread.quantity == quantity, everyLeg || spread.expiry == s.expiry,
              opening[0].contract.underlying == legs.underlying,
              spread.right == (side == .put ? .put : .call) else { return nil }
        let strikes = side == .put
            ? try? s.replacing(expiry: spread.expiry, longPut: spread.long, shortPut: spread.short)
            : try? s.replacing(expiry: spread.expiry, shortCall: spread.short, longCall: spread.long)
        guard let strikes, strikes != s else { return nil }
        return UnitLegs(underlying: legs.underlying, strikes: strikes)
    }

    func nextCondorOrder(after index: Int) -> Int? {
        guard let first = groups[index].fills.first, case .indexOption(let contract) = first.instrument else { return nil }
        for next in groups.indices where next > index && !consumed.contains(next) {
            let fills = groups[next].fills
            guard let head = fills.first, head.kind == .trade, case .indexOption(let other) = head.instrument else { continue }
            if other.index == contract.index { return next }
        }
        return nil
    }

    mutating func expire(_ index: Int) {
        let group = groups[index]
        guard case .indexOption(let contract) = group.fills[0].instrument else { return }
        // Rows removing what skipped orders opened are left out with them.
        var fills: [BrokerFill] = []
        var left: [BrokerFill] = []
        for fill in group.fills {
            guard case .indexOption(let c) = fill.instrument else { continue }
            let key = LegKey(contract: c, sign: fill.positionQuantity > 0 ? 1 : -1)
            if let held = skippedLegs[key], held >= fill.quantity {
                skippedLegs[key] = held - fill.quantity
                left.append(fill)
            } else {
                fills.append(fill)
            }
        }
        if !left.isEmpty {
            skip(SkippedOrder(order: nil, lines: left.map(\.line), reason: "\(contract.index) \(contract.expiry) expiry of what a skipped order opened",
                              fees: Self.sum(left, \.fees)))
        }
        guard !fills.isEmpty else { return }
        let expiring = units.indices.filter { units[$0].open && units[$0].legs.strikes.expiry == contract.expiry && units[$0].legs.underlying.isSameIndex(contract.underlying) }
        let rowContracts = fills.reduce(0) { $0 + $1.quantity }
        let held = expiring.reduce(0) { $0 + units[$1].legs.strikes.legs(contracts: 1).count }
        guard !expiring.isEmpty, rowContracts == held else {
            return issue(group.lines, "expiration rows for \(contract.index) \(contract.expiry) remove \(rowContracts) option contracts, but the open condors expiring that day hold \(held)")
        }
        for id in expiring {
            guard fills.allSatisfy({ fill in
                guard case .indexOption(let c) = fill.instrument else { return false }
                return expiring.contains { units[$0].legs.holds(c, sign: fill.positionQuantity > 0 ? 1 : -1) }
            }) else {
                return issue(group.lines, "expiration rows for \(contract.index) \(contract.expiry) name legs no open condor holds")
            }
            units[id].open = false
        }
        record(.expire(group: index), units: expiring, at: group.at)
    }

    mutating func record(_ step: CondorStep, units ids: [Int], at: Date, lines: [Int]? = nil) {
        let number = steps.count
        for id in ids { units[id].history.append(number) }
        let order: Int
        switch step {
        case .open(let g, _), .close(let g), .expire(let g), .legIn(let g, _, _), .sideClose(let g, _): order = g
        case .roll(let gs, _, _, _, _): order = gs.max()!
        }
        steps.append((step, ids, at, order))
    }
}

extension BrokerFill {
    var isCondorLeg: Bool {
        if case .indexOption = instrument { return true }
        return false
    }
}

extension Underlying {
    func isSameIndex(_ other: Underlying) -> Bool { (self == .xsp) == (other == .xsp) }
}
