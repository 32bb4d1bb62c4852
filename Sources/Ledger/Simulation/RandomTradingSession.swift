import Foundation

/// Generates a reproducible stream of *valid* ledger commands (as CLI names and flag tokens) from a
/// seed, reading the ledger's current state to stay valid: opens, rolls, deferrals, closes and
/// expiries of condors, hedge layers added, reduced and closed, marks, and voids of the latest
/// event. Used by the property tests (in memory and against PostgreSQL) and by `alvh-bench`.
public struct RandomTradingSession {
    /// One generated command: `name` as typed after `alvh` (e.g. `condor open`) and its tokens.
    public struct Step: Sendable, Equatable {
        public var name: String
        public var tokens: [String]
    }

    private var rng: SplitMix64
    /// The market clock: every generated `--at` is at or after it.
    public private(set) var clock: Date
    public private(set) var condors: [UUID] = []
    public private(set) var layers: [UUID] = []
    private var marks = 0
    private let portfolios = ["main", "income desk", "p'; DROP TABLE events; --", "ボラ"]

    public init(seed: UInt64, start: Date = Date(timeIntervalSince1970: 1_772_463_600)) {
        rng = SplitMix64(seed: seed)
        clock = start
    }

    /// The next command, valid against `reader`'s current state.
    public mutating func next(reading reader: any LedgerReading) throws -> Step {
        clock += Double(Int.random(in: 60...(36 * 3600), using: &rng))
        let openCondors = try condors.compactMap { id -> CondorState? in
            guard let state = CondorState.fold(try reader.events(inStream: StreamName.condor(id))), state.status == .open else { return nil }
            return state
        }
        let openLayers = try layers.compactMap { id -> HedgeLayerState? in
            guard let state = HedgeLayerState.fold(try reader.events(inStream: StreamName.hedge(id))), state.status == .open else { return nil }
            return state
        }
        let roll = Int.random(in: 0..<100, using: &rng)
        if openCondors.isEmpty || roll < 15 { return openCondor() }
        let condor = openCondors.randomElement(using: &rng)!
        clock = max(clock, condor.lastEventAt)
        let today = CalendarDate(newYorkDateOf: clock)
        if condor.expiry < today { return expire(condor) }
        switch roll {
        case 15..<30: return rollCondor(condor, today: today)
        case 30..<38: return Step(name: "condor defer", tokens: [condor.condorID.lowercasedString, "--reason", "noise \(Int.random(in: 1...99, using: &rng))", "--at", at(), "--vix", price(12, 40)])
        case 38..<45: return Step(name: "condor close", tokens: [condor.condorID.lowercasedString, "--price", price(0, 20), "--fees", price(0, 10), "--at", at(),
                                                                 "--reason", ["take-profit", "stop", "time", "alvh", "manual"].randomElement(using: &rng)!])
        case 45..<50: return expire(condor)
        case 50..<62: return addLayer(protecting: condor, today: today)
        case 62..<80:
            if let layer = openLayers.randomElement(using: &rng) {
                clock = max(clock, layer.lastEventAt)
                if layer.quantity > 1, Bool.random(using: &rng) {
                    return Step(name: "hedge reduce", tokens: [layer.layerID.lowercasedString, "--quantity", String(Int.random(in: 1..<layer.quantity, using: &rng)),
                                                               "--price", price(0, 5), "--at", at()])
                }
                return Step(name: "hedge close", tokens: [layer.layerID.lowercasedString, "--price", price(0, 5), "--fees", price(0, 3), "--at", at()])
            }
            return addLayer(protecting: condor, today: today)
        case 80..<92:
            marks += 1
            return Step(name: "mark", tokens: ["--at", at(), "--spx", price(4000, 6000), "--vix", price(10, 60), "--vix3m", price(12, 40),
                                               "--vx", "\(ContractMonth(iso: String(today.description.prefix(7)))!)=\(price(12, 40))"])
        default:
            let stream = EffectiveStream(try reader.events(inStream: StreamName.condor(condor.condorID)))
            if let last = stream.effective.last, stream.effective.count > 1 {
                return Step(name: "void", tokens: [last.eventID.lowercasedString, "--reason", "correction \(Int.random(in: 1...9, using: &rng))"])
            }
            return rollCondor(condor, today: today)
        }
    }

    private mutating func openCondor() -> Step {
        let id = UUID(uuid: uuidBytes())
        condors.append(id)
        let center = Decimal(Int.random(in: 800...1200, using: &rng) * 5)
        let inner = Decimal(Int.random(in: 10...40, using: &rng) * 5)
        let putWing = Decimal(Int.random(in: 1...20, using: &rng) * 5)
        let callWing = Decimal(Int.random(in: 1...20, using: &rng) * 5)
        let expiry = ExpiryRule.tradingDay(onOrAfter: date(daysAfter: Int.random(in: 7...60, using: &rng)))
        return Step(name: "condor open", tokens: [
            "--id", id.lowercasedString, "--portfolio", portfolios.randomElement(using: &rng)!,
            "--underlying", ["SPX", "SPXW", "XSP"].randomElement(using: &rng)!, "--expiry", expiry.description,
            "--long-put", fmt(center - inner - putWing), "--short-put", fmt(center - inner),
            "--short-call", fmt(center + inner), "--long-call", fmt(center + inner + callWing),
            "--contracts", String(Int.random(in: 1...20, using: &rng)), "--credit", price(0, 10), "--fees", price(0, 20), "--at", at(),
        ])
    }

    private mutating func rollCondor(_ condor: CondorState, today: CalendarDate) -> Step {
        let s = condor.strikes
        let shift = Decimal(Int.random(in: -10...10, using: &rng) * 5)
        var tokens = [condor.condorID.lowercasedString]
        switch Int.random(in: 0..<3, using: &rng) {
        case 0:
            let shortPut = min(s.shortPut + shift, s.shortCall - 5)
            let longPut = shortPut - s.putWingWidth
            if longPut <= 0 || (shortPut == s.shortPut) { fallthrough }
            tokens += ["--side", "put", "--long-put", fmt(longPut), "--short-put", fmt(shortPut)]
        case 1:
            let shortCall = max(s.shortCall + shift, s.shortPut + 5)
            if shortCall == s.shortCall { fallthrough }
            tokens += ["--side", "call", "--short-call", fmt(shortCall), "--long-call", fmt(shortCall + s.callWingWidth)]
        default:
            let expiry = ExpiryRule.tradingDay(onOrAfter: max(s.expiry, today).adding(days: Int.random(in: 7...35, using: &rng)))
            tokens += ["--side", "both", "--expiry", expiry.description]
        }
        return Step(name: "condor roll", tokens: tokens + ["--close-price", price(0, 15), "--open-price", price(0, 15), "--fees", price(0, 10), "--at", at(),
                                                           "--fixed-rule", "stop at 2x credit", "--alvh", "term structure inverted"])
    }

    private mutating func expire(_ condor: CondorState) -> Step {
        let settlement = LedgerDecider.settlementInstant(condor.expiry, style: condor.underlying.settlement)
        clock = max(clock, settlement, condor.lastEventAt)
        return Step(name: "condor expire", tokens: [condor.condorID.lowercasedString, "--settlement", price(4000, 6000), "--at", at()])
    }

    private mutating func addLayer(protecting condor: CondorState, today: CalendarDate) -> Step {
        let id = UUID(uuid: uuidBytes())
        layers.append(id)
        let instrument: String
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: instrument = "VX \(String(today.adding(days: 30).description.prefix(7)))"
        case 1: instrument = "VIX \(today.adding(days: Int.random(in: 7...40, using: &rng))) C \(Int.random(in: 15...40, using: &rng))"
        default: instrument = ["VXX", "UVXY", "VIXY"].randomElement(using: &rng)!
        }
        var tokens = ["--id", id.lowercasedString, "--instrument", instrument, "--quantity", String(Int.random(in: 1...50, using: &rng)),
                      "--price", price(0, 30), "--fees", price(0, 10), "--tier", String(Int.random(in: 1...3, using: &rng)), "--at", at()]
        tokens += Bool.random(using: &rng) ? ["--protects", condor.condorID.lowercasedString] : ["--portfolio", condor.portfolio]
        return Step(name: "hedge add", tokens: tokens)
    }

    private mutating func price(_ low: Int, _ high: Int) -> String {
        fmt(Decimal(Int.random(in: (low * 100)...(high * 100), using: &rng)) / 100)
    }

    private func at() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: clock)
    }

    private func date(daysAfter days: Int) -> CalendarDate {
        CalendarDate(newYorkDateOf: clock).adding(days: days)
    }

    private mutating func uuidBytes() -> uuid_t {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])
    }

    private func fmt(_ value: Decimal) -> String { DecimalParser.format(value) }
}

extension CalendarDate {
    /// The date `days` calendar days later.
    public func adding(days: Int) -> CalendarDate {
        var parts = DateComponents()
        parts.year = year
        parts.month = month
        parts.day = day
        parts.hour = 12
        let noon = CalendarDate.newYork.date(from: parts)!
        return CalendarDate(newYorkDateOf: CalendarDate.newYork.date(byAdding: .day, value: days, to: noon)!)
    }
}
