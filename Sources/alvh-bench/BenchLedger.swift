import EventStore
import Foundation
import Ledger

/// Generates a realistic desk's ledger directly (no command parsing), day by day: eight marks a
/// day on `market-spx` (VIX futures curve; the first mark of the day quotes some open legs), ~40
/// condors opened a day (SPXW, shorts ~5 % OTM, 25–50 wide, 30–45 days), and for every open condor
/// rolls, deferrals, hedge layers (VIX futures, calls, ETPs) with reductions and closes, closes and
/// expiries. Reproducible from its seed.
struct BenchLedger {
    private var rng: SplitMix64
    private var day: Date
    private var spx: Double = 4000
    private var vix: Double = 17
    private var open: [UUID: IronCondorLegs] = [:]
    private var openOrder: [UUID] = []
    private var contracts: [UUID: Int] = [:]
    private var layers: [UUID: (condor: UUID, quantity: Int)] = [:]
    private let metadata: Data
    /// Events generated so far.
    private(set) var count = 0
    /// The day being generated: its events by stream, and the streams in first-touched order.
    private var pending: [String: [NewEvent]] = [:]
    private var pendingOrder: [String] = []

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        day = Date(timeIntervalSince1970: 1_104_710_400)  // 2005-01-03
        metadata = try! LedgerJSON.encode(EventMetadata(commandID: UUID(), actor: "alvh-bench", toolVersion: "bench"))
    }

    /// Open condors right now (for the catch-up measurement).
    var openCondors: [UUID] { openOrder.filter { open[$0] != nil } }
    var spot: Double { spx }
    var volatility: Double { vix }

    /// The events of the next trading day, grouped by stream in order (one `StreamAppend` each).
    mutating func nextDay() throws -> [StreamAppend] {
        pending = [:]
        pendingOrder = []
        day += 86_400
        let today = CalendarDate(newYorkDateOf: day + 15 * 3600)
        try recordMarks(today: today)
        try actOnOpenCondors(today: today)
        try actOnLayers()
        try openNewCondors(today: today)
        if openOrder.count > 4 * open.count + 100 { openOrder = openOrder.filter { open[$0] != nil } }
        return pendingOrder.map { StreamAppend(streamID: $0, expected: .any, events: pending[$0]!) }
    }

    /// Queues one event on `stream` for today's appends.
    private mutating func add<P: LedgerEventPayload>(_ stream: String, _ payload: P, at: Date) throws {
        if pending[stream] == nil { pendingOrder.append(stream) }
        pending[stream, default: []].append(NewEvent(eventID: UUID(uuid: uuidBytes()), type: P.eventType, schemaVersion: P.schemaVersion, data: try LedgerJSON.encode(payload),
                                                     metadata: metadata, occurredAt: at))
        count += 1
    }

    /// Eight marks through the session (the first quotes the newest open condors' short puts).
    private mutating func recordMarks(today: CalendarDate) throws {
        for slot in 0..<8 {
            spx *= exp(0.003 * gaussian())
            vix = min(80, max(9, vix + 0.25 * (17 - vix) / 8 + 0.8 * gaussian()))
            let month = ContractMonth(iso: String(today.adding(days: 20).description.prefix(7)))!
            let next = ContractMonth(iso: String(today.adding(days: 50).description.prefix(7)))!
            var quotes: [OptionQuote] = []
            if slot == 0 {
                for id in openOrder.suffix(4) {
                    guard let legs = open[id] else { continue }
                    let mid = Decimal(Int.random(in: 50...900, using: &rng)) / 100
                    quotes.append(OptionQuote(expiry: legs.expiry, right: .put, strike: legs.shortPut!, bid: mid, ask: mid + Decimal(0.2)))
                }
            }
            try add(StreamName.market(), MarketObserved(spx: money(spx), vix: money(vix), vix3m: money(vix * 1.05),
                                                        futures: [FuturesQuote(month: month, price: money(vix * 1.04)), FuturesQuote(month: next, price: money(vix * 1.08))],
                                                        quotes: quotes),
                    at: day + Double(14 * 3600 + 1800 + slot * 2900))
        }
    }

    /// Every open condor may expire, roll, defer, get a layer or close.
    private mutating func actOnOpenCondors(today: CalendarDate) throws {
        let dayStart = day
        func at(_ minute: Int) -> Date { dayStart + Double(15 * 3600 + minute * 13) }
        // Every open condor may act.
        for (index, id) in openOrder.enumerated() {
            guard var legs = open[id] else { continue }
            let stream = StreamName.condor(id)
            let n = contracts[id]!
            if legs.expiry <= today {
                let settlement = money(spx)
                try add(stream, CondorExpired(condorID: id, expiry: legs.expiry, legs: legs.legs(contracts: n), contracts: n,
                                              settlementLevel: settlement, settlementValue: legs.settlementValue(at: settlement)), at: day + 20 * 3600 + 60)
                end(id)
                continue
            }
            let roll = Int.random(in: 0..<1000, using: &rng)
            switch roll {
            case 0..<40:
                let shift = Decimal(Int.random(in: -8...8, using: &rng) * 5)
                let before = legs
                let shortCall = max(legs.shortCall!, legs.shortPut! + shift + 50)  // the bench opens iron condors only: every side is there
                legs = try IronCondorLegs(expiry: legs.expiry, longPut: legs.longPut! + shift, shortPut: legs.shortPut! + shift, shortCall: shortCall, longCall: shortCall + legs.callWingWidth)
                open[id] = legs
                try add(stream, CondorRolled(condorID: id, side: .both, expiryBefore: before.expiry, expiryAfter: legs.expiry,
                                             closedLegs: before.legs(contracts: n), openedLegs: legs.legs(contracts: n), legsAfter: legs.legs(contracts: n),
                                             contracts: n, closePrice: price(1, 12), openPrice: price(1, 10), fees: price(1, 8),
                                             trigger: RollTrigger(fixedRule: "stop at 2x credit", alvh: "term structure inverted")), at: at(index))
            case 40..<60:
                try add(stream, RollDeferred(condorID: id, reason: "spike without confirmation", trigger: RollTrigger(fixedRule: "roll", alvh: "defer")),
                        at: at(index))
            case 60..<90 where layers.values.filter({ $0.condor == id }).count < 2:
                let layer = UUID(uuid: uuidBytes())
                let quantity = Int.random(in: 1...10, using: &rng)
                let instrument: HedgeInstrument
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: instrument = .vixFuture(month: ContractMonth(iso: String(today.adding(days: 20).description.prefix(7)))!)
                case 1: instrument = .vixOption(expiry: today.adding(days: 30), right: .call, strike: Decimal(Int(vix) + 5))
                default: instrument = .etp(.vxx)
                }
                layers[layer] = (id, quantity)
                try add(StreamName.hedge(layer), HedgeLayerAdded(layerID: layer, protects: [id], portfolio: "desk", instrument: instrument,
                                                                 quantity: quantity, price: price(1, 25), fees: price(1, 5), tier: 1), at: at(index))
            case 90..<130:
                try add(stream, CondorClosed(condorID: id, closedLegs: legs.legs(contracts: n), contracts: n, price: price(0, 20), fees: price(1, 8),
                                             reason: [.takeProfit, .stop, .alvh, .time].randomElement(using: &rng)!), at: at(index))
                end(id)
            default:
                break
            }
        }
    }

    /// Layers: reduce or close some, close those whose condor ended.
    private mutating func actOnLayers() throws {
        for layer in layers.keys.sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let held = layers[layer] else { continue }
            let stream = StreamName.hedge(layer)
            let ended = open[held.condor] == nil
            if ended || Int.random(in: 0..<100, using: &rng) < 6 {
                if !ended, held.quantity > 1, Bool.random(using: &rng) {
                    let sold = Int.random(in: 1..<held.quantity, using: &rng)
                    layers[layer] = (held.condor, held.quantity - sold)
                    try add(stream, HedgeLayerReduced(layerID: layer, quantity: sold, price: price(0, 30), fees: price(0, 3)), at: day + 20 * 3600 + 120)
                } else {
                    layers[layer] = nil
                    try add(stream, HedgeLayerClosed(layerID: layer, quantity: held.quantity, price: price(0, 30), fees: price(0, 3)), at: day + 20 * 3600 + 180)
                }
            }
        }
    }

    /// Forty new condors across three portfolios.
    private mutating func openNewCondors(today: CalendarDate) throws {
        for index in 0..<40 {
            let id = UUID(uuid: uuidBytes())
            let shortPut = strike(spx * Double.random(in: 0.93...0.97, using: &rng))
            let shortCall = strike(spx * Double.random(in: 1.03...1.06, using: &rng))
            let legs = try IronCondorLegs(expiry: today.adding(days: Int.random(in: 30...45, using: &rng)),
                                          longPut: shortPut - Decimal(Int.random(in: 5...10, using: &rng) * 5), shortPut: shortPut,
                                          shortCall: shortCall, longCall: shortCall + Decimal(Int.random(in: 5...10, using: &rng) * 5))
            let n = Int.random(in: 1...10, using: &rng)
            open[id] = legs
            openOrder.append(id)
            contracts[id] = n
            try add(StreamName.condor(id), CondorOpened(condorID: id, portfolio: ["desk", "income", "tail"][index % 3], underlying: .spxw,
                                                        strikes: legs, contracts: n, credit: price(1, 6), fees: price(2, 12)), at: day + Double(16 * 3600 + index * 30))
        }
    }

    private mutating func end(_ id: UUID) {
        open[id] = nil
        contracts[id] = nil
    }

    /// A deferral on an open condor, or a mark: the "one recorded command" of the catch-up figure.
    /// `among`: the open condors to pick from (default: those this generator opened and left open).
    mutating func oneCommand(_ index: Int, at: Date, among: [UUID]? = nil) throws -> StreamAppend {
        if index % 2 == 0, let id = (among ?? openCondors).randomElement(using: &rng) {
            let event = NewEvent(eventID: UUID(uuid: uuidBytes()), type: RollDeferred.eventType, schemaVersion: RollDeferred.schemaVersion,
                                 data: try LedgerJSON.encode(RollDeferred(condorID: id, reason: "bench deferral")), metadata: metadata, occurredAt: at)
            return StreamAppend(streamID: StreamName.condor(id), expected: .any, events: [event])
        }
        spx *= exp(0.001 * gaussian())
        let event = NewEvent(eventID: UUID(uuid: uuidBytes()), type: MarketObserved.eventType, schemaVersion: MarketObserved.schemaVersion,
                             data: try LedgerJSON.encode(MarketObserved(spx: money(spx), vix: money(vix))), metadata: metadata, occurredAt: at)
        return StreamAppend(streamID: StreamName.market(), expected: .any, events: [event])
    }

    private mutating func gaussian() -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &rng), v = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    private func money(_ value: Double) -> Decimal { Decimal((value * 100).rounded()) / 100 }
    private func strike(_ value: Double) -> Decimal { Decimal((value / 5).rounded() * 5) }
    private mutating func price(_ low: Int, _ high: Int) -> Decimal { Decimal(Int.random(in: (low * 100)...(high * 100), using: &rng)) / 100 }

    private mutating func uuidBytes() -> uuid_t {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])
    }
}
