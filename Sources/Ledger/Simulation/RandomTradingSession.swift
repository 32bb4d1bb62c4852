import Foundation

/// Generates a reproducible stream of *valid* ledger commands (as CLI names and flag tokens) from a
/// seed, reading the ledger's current state to stay valid: opens (iron condors and credit spreads),
/// rolls and closes (whole, of some contracts, or of one side), legging in, deferrals and expiries of condors,
/// hedge layers (one instrument or a VIX call spread) added, reduced and closed, marks, and voids of
/// the latest event. Used by the property tests (in memory and against PostgreSQL) and by `alvh-bench`.
public struct RandomTradingSession {
    /// One generated command: `name` as typed after `alvh` (e.g. `condor open`) and its tokens.
    public struct Step: Sendable, Equatable {
        public var name: String
        public var tokens: [String]

        public init(name: String, tokens: [String]) {
            self.name = name
            self.tokens = tokens
        }

        /// The `--command-id` a step names (a partial roll's, so the condor it makes is known in
        /// advance); runners use it as the command id. The command parsers do not read it.
        public var commandID: UUID? {
            tokens.firstIndex(of: "--command-id").flatMap { $0 + 1 < tokens.count ? UUID(uuidString: tokens[$0 + 1]) : nil }
        }
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
        case 30..<36: return Step(name: "condor defer", tokens: [condor.condorID.lowercasedString, "--reason", "noise \(Int.random(in: 1...99, using: &rng))", "--at", at(), "--vix", price(12, 40)])
        case 36..<45: return closeCondor(condor)
        case 45..<50: return expire(condor)
        case 50..<62: return condor.strikes.isIronCondor || Bool.random(using: &rng) ? addLayer(protecting: condor, today: today) : legIn(condor)
        case 62..<80:
            if let layer = openLayers.randomElement(using: &rng) { return sell(layer) }
            return addLayer(protecting: condor, today: today)
        case 80..<92:
            marks += 1
            return Step(name: "mark", tokens: ["--at", at(), "--spx", price(4000, 6000), "--vix", price(10, 60), "--vix3m", price(12, 40),
                                               "--vx", "\(ContractMonth(iso: String(today.description.prefix(7)))!)=\(price(12, 40))"])
        default:
            let stream = EffectiveStream(try reader.events(inStream: StreamName.condor(condor.condorID)))
            if let last = stream.effective.last, stream.effective.count > 1, !Self.isSplit(last.event) {
                return Step(name: "void", tokens: [last.eventID.lowercasedString, "--reason", "correction \(Int.random(in: 1...9, using: &rng))"])
            }
            return rollCondor(condor, today: today)
        }
    }

    /// A whole close, or (a third of the time, when it holds more than one) a partial one; a quarter
    /// of an iron condor's closes buy back one side only (`--side`), and a third of those (when it holds
    /// more than one contract) only some contracts' side, which continue as a new condor.
    private mutating func closeCondor(_ condor: CondorState) -> Step {
        if condor.strikes.isIronCondor, Int.random(in: 0..<4, using: &rng) == 0 { return closeSide(condor) }
        var tokens = [condor.condorID.lowercasedString, "--price", price(0, condor.strikes.widestWing), "--fees", price(0, 10), "--at", at(),
                      "--reason", closeReason()]
        if condor.contracts > 1, Int.random(in: 0..<3, using: &rng) == 0 {
            tokens += ["--contracts", String(Int.random(in: 1..<condor.contracts, using: &rng))]
        }
        return Step(name: "condor close", tokens: tokens)
    }

    /// One side of an iron condor bought back; the other stays open as a credit spread.
    private mutating func closeSide(_ condor: CondorState) -> Step {
        let side: RollSide = Bool.random(using: &rng) ? .put : .call
        var tokens = [condor.condorID.lowercasedString, "--side", side.rawValue, "--price", price(0, condor.strikes.width(of: side)),
                      "--fees", price(0, 10), "--at", at(), "--reason", closeReason()]
        tokens += splitTokens(condor)
        return Step(name: "condor close", tokens: tokens)
    }

    /// A third of the time, when the condor holds more than one contract: `--contracts N` for some of
    /// them and the `--command-id` that names the condor they continue as (noted among the condors).
    private mutating func splitTokens(_ condor: CondorState) -> [String] {
        guard condor.contracts > 1, Int.random(in: 0..<3, using: &rng) == 0 else { return [] }
        let command = UUID(uuid: uuidBytes())
        condors.append(EventIdentity.entityID(command: command, kind: "condor"))
        return ["--contracts", String(Int.random(in: 1..<condor.contracts, using: &rng)), "--command-id", command.lowercasedString]
    }

    private mutating func closeReason() -> String {
        ["take-profit", "stop", "time", "alvh", "manual"].randomElement(using: &rng)!
    }

    /// Sells the missing side of a credit spread.
    private mutating func legIn(_ condor: CondorState) -> Step {
        let s = condor.strikes
        let wing = Decimal(Int.random(in: 1...20, using: &rng) * 5)
        let tokens: [String]
        if let shortPut = s.shortPut {
            let shortCall = shortPut + Decimal(Int.random(in: 2...40, using: &rng) * 5)
            tokens = ["--short-call", fmt(shortCall), "--long-call", fmt(shortCall + wing)]
        } else {
            let shortPut = max(s.shortCall! - Decimal(Int.random(in: 2...40, using: &rng) * 5), wing + 5)
            tokens = ["--long-put", fmt(shortPut - wing), "--short-put", fmt(shortPut)]
        }
        return Step(name: "condor leg-in", tokens: [condor.condorID.lowercasedString] + tokens
                    + ["--credit", price(0, wing - Decimal(string: "0.05")!), "--fees", price(0, 5), "--at", at()])
    }

    private mutating func sell(_ layer: HedgeLayerState) -> Step {
        clock = max(clock, layer.lastEventAt)
        if layer.quantity > 1, Bool.random(using: &rng) {
            return Step(name: "hedge reduce", tokens: [layer.layerID.lowercasedString, "--quantity", String(Int.random(in: 1..<layer.quantity, using: &rng)),
                                                       "--price", price(0, 5), "--at", at()])
        }
        return Step(name: "hedge close", tokens: [layer.layerID.lowercasedString, "--price", price(0, 5), "--fees", price(0, 3), "--at", at()])
    }

    private mutating func openCondor() -> Step {
        let id = UUID(uuid: uuidBytes())
        condors.append(id)
        let center = Decimal(Int.random(in: 800...1200, using: &rng) * 5)
        let inner = Decimal(Int.random(in: 10...40, using: &rng) * 5)
        let putWing = Decimal(Int.random(in: 1...20, using: &rng) * 5)
        let callWing = Decimal(Int.random(in: 1...20, using: &rng) * 5)
        let expiry = ExpiryRule.tradingDay(onOrAfter: date(daysAfter: Int.random(in: 7...60, using: &rng)))
        // One in five is a credit spread: the put side or the call side alone.
        let shape = Int.random(in: 0..<10, using: &rng)
        let puts = shape == 0 ? [] : ["--long-put", fmt(center - inner - putWing), "--short-put", fmt(center - inner)]
        let calls = shape == 1 ? [] : ["--short-call", fmt(center + inner), "--long-call", fmt(center + inner + callWing)]
        let widest = max(shape == 0 ? 0 : putWing, shape == 1 ? 0 : callWing)
        return Step(name: "condor open", tokens: [
            "--id", id.lowercasedString, "--portfolio", portfolios.randomElement(using: &rng)!,
            "--underlying", ["SPX", "SPXW", "XSP"].randomElement(using: &rng)!, "--expiry", expiry.description,
        ] + puts + calls + [
            "--contracts", String(Int.random(in: 1...20, using: &rng)), "--credit", price(0, min(10, widest - Decimal(string: "0.05")!)),
            "--fees", price(0, 20), "--at", at(),
        ])
    }

    /// A roll of one side, or of every leg to a later expiry; a third of the time (when it holds
    /// more than one contract) of some contracts only, which continue as a new condor.
    private mutating func rollCondor(_ condor: CondorState, today: CalendarDate) -> Step {
        let s = condor.strikes
        let shift = Decimal(Int.random(in: -10...10, using: &rng) * 5)
        var tokens = [condor.condorID.lowercasedString]
        var side = RollSide.both
        var after = s
        // A side's own roll when the pick is that side, it has it and the strikes move; else every leg to a later expiry.
        let pick = Int.random(in: 0..<3, using: &rng)
        let putRoll: (Decimal, Decimal)? = s.shortPut.flatMap { sp in
            let shortPut = min(sp + shift, (s.shortCall ?? sp + 1000) - 5)
            let longPut = shortPut - s.putWingWidth
            return longPut <= 0 || shortPut == sp ? nil : (longPut, shortPut)
        }
        let callRoll: Decimal? = s.shortCall.flatMap { sc in
            let shortCall = max(sc + shift, (s.shortPut ?? 0) + 5)
            return shortCall == sc ? nil : shortCall
        }
        if pick == 0, let (longPut, shortPut) = putRoll {
            side = .put
            after = (try? s.replacing(longPut: longPut, shortPut: shortPut)) ?? s
            tokens += ["--side", "put", "--long-put", fmt(longPut), "--short-put", fmt(shortPut)]
        } else if pick <= 1, let shortCall = callRoll {
            side = .call
            after = (try? s.replacing(shortCall: shortCall, longCall: shortCall + s.callWingWidth)) ?? s
            tokens += ["--side", "call", "--short-call", fmt(shortCall), "--long-call", fmt(shortCall + s.callWingWidth)]
        } else {
            let expiry = ExpiryRule.tradingDay(onOrAfter: max(s.expiry, today).adding(days: Int.random(in: 7...35, using: &rng)))
            tokens += ["--side", "both", "--expiry", expiry.description]
        }
        tokens += splitTokens(condor)
        return Step(name: "condor roll", tokens: tokens + [
            "--close-price", price(0, min(15, s.width(of: side))), "--open-price", price(0, min(15, after.width(of: side) - Decimal(string: "0.05")!)),
            "--fees", price(0, 10), "--at", at(), "--fixed-rule", "stop at 2x credit", "--alvh", "term structure inverted",
        ])
    }

    private mutating func expire(_ condor: CondorState) -> Step {
        let settlement = LedgerDecider.settlementInstant(condor.expiry, style: condor.underlying.settlement)
        clock = max(clock, settlement, condor.lastEventAt)
        return Step(name: "condor expire", tokens: [condor.condorID.lowercasedString, "--settlement", price(4000, 6000), "--at", at()])
    }

    private mutating func addLayer(protecting condor: CondorState, today: CalendarDate) -> Step {
        let id = UUID(uuid: uuidBytes())
        layers.append(id)
        var tokens = ["--id", id.lowercasedString]
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: tokens += instrument("VX \(String(today.adding(days: 30).description.prefix(7)))")
        case 1: tokens += instrument("VIX \(today.adding(days: Int.random(in: 7...40, using: &rng))) C \(Int.random(in: 15...40, using: &rng))")
        case 2: tokens += instrument(["VXX", "UVXY", "VIXY"].randomElement(using: &rng)!)
        default:
            // A VIX call spread bought for a net debit.
            let expiry = today.adding(days: Int.random(in: 7...40, using: &rng))
            let low = Int.random(in: 15...30, using: &rng), count = Int.random(in: 1...10, using: &rng)
            let cheap = price(0, 2)
            tokens += ["--leg", "VIX \(expiry) C \(low)=+\(count)@\(fmt(DecimalParser.parse(cheap)! + DecimalParser.parse(price(0, 3))!))",
                       "--leg", "VIX \(expiry) C \(low + Int.random(in: 1...15, using: &rng))=-\(count)@\(cheap)"]
        }
        tokens += ["--fees", price(0, 10), "--tier", String(Int.random(in: 1...3, using: &rng)), "--at", at()]
        tokens += Bool.random(using: &rng) ? ["--protects", condor.condorID.lowercasedString] : ["--portfolio", condor.portfolio]
        return Step(name: "hedge add", tokens: tokens)
    }

    private mutating func instrument(_ spec: String) -> [String] {
        ["--instrument", spec, "--quantity", String(Int.random(in: 1...50, using: &rng)), "--price", price(0, 30)]
    }

    /// A price in cents between `low` and `high` (at least `low`).
    private mutating func price(_ low: Decimal, _ high: Decimal) -> String {
        let lowCents = NSDecimalNumber(decimal: low * 100).intValue, highCents = NSDecimalNumber(decimal: high * 100).intValue
        return fmt(Decimal(Int.random(in: lowCents...max(lowCents, highCents), using: &rng)) / 100)
    }

    private mutating func price(_ low: Int, _ high: Int) -> String {
        fmt(Decimal(Int.random(in: (low * 100)...(high * 100), using: &rng)) / 100)
    }

    /// Splits are voided only together with the opening they made; the session leaves them be.
    private static func isSplit(_ event: LedgerEvent) -> Bool {
        if case .condorSplit = event { return true }
        return false
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
