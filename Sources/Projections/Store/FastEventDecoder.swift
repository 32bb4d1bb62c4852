import Foundation
import Ledger

/// A fast path for decoding stored payloads during replay: a small JSON reader plus direct
/// construction of the Ledger payload types, several times faster than `JSONDecoder` + `Codable`.
///
/// It is only a fast path: whenever a payload has a shape it does not recognise exactly (a missing
/// field, a wrong type, a decimal that is not plain notation, an unknown type or schema version) it
/// returns nil and the caller decodes with the canonical `LedgerEvent(type:schemaVersion:data:)`,
/// which then accepts it or reports the error. ProjectionTests checks that both decoders give equal
/// events with identical encodings on generated ledgers.
enum FastEventDecoder {
    /// Every type is read at its current version only, except CondorClosed, read at 1 and 2
    /// (version 1's single fees string is commissions with no exchange fees, as its upcaster says).
    static func reads(type: String, schemaVersion: Int) -> Bool {
        type == CondorClosed.eventType ? CondorClosed.schemaVersion == 2 && (schemaVersion == 1 || schemaVersion == 2) : schemaVersion == 1
    }

    static func decode(type: String, schemaVersion: Int, data: Data) -> LedgerEvent? {
        guard reads(type: type, schemaVersion: schemaVersion) else { return nil }
        let value: JSONValue? = data.withUnsafeBytes { raw in
            var reader = JSONReader(bytes: raw.bindMemory(to: UInt8.self))
            return reader.document()
        }
        guard let root = value?.object else { return nil }
        return decode(type: type, schemaVersion: schemaVersion, members: root)
    }

    /// The same, from a payload already parsed (an object's members).
    static func decode(type: String, schemaVersion: Int, members: [(key: String, value: JSONValue)]) -> LedgerEvent? {
        guard reads(type: type, schemaVersion: schemaVersion) else { return nil }
        let o = Fields(members)
        switch type {
        case CondorOpened.eventType: return o.condorOpened().map(LedgerEvent.condorOpened)
        case CondorRolled.eventType: return o.condorRolled().map(LedgerEvent.condorRolled)
        case RollDeferred.eventType:
            guard let id = o.uuid("condorID"), let reason = o.string("reason"), let trigger = o.optional("trigger", Fields.trigger),
                  let signals = o.optional("signals", Fields.signals) else { return nil }
            return .rollDeferred(RollDeferred(condorID: id, reason: reason, trigger: trigger, signals: signals))
        case CondorClosed.eventType:
            let feeSplit: FeeSplit?
            if schemaVersion == 1 {
                feeSplit = o.decimal("fees").map { FeeSplit(commissions: $0, exchange: 0) }
            } else {
                feeSplit = o.value("fees")?.object.map(Fields.init).flatMap { f in
                    f.decimal("commissions").flatMap { commissions in f.decimal("exchange").map { FeeSplit(commissions: commissions, exchange: $0) } }
                }
            }
            guard let id = o.uuid("condorID"), let legs = o.legs("closedLegs"), let contracts = o.int("contracts"),
                  let price = o.decimal("price"), let feeSplit, let reason = o.raw("reason", CloseReason.self),
                  let signals = o.optional("signals", Fields.signals), let note = o.optionalString("note") else { return nil }
            return .condorClosed(CondorClosed(condorID: id, closedLegs: legs, contracts: contracts, price: price, feeSplit: feeSplit,
                                              reason: reason, signals: signals, note: note))
        case CondorExpired.eventType:
            guard let id = o.uuid("condorID"), let expiry = o.date("expiry"), let legs = o.legs("legs"), let contracts = o.int("contracts"),
                  let level = o.decimal("settlementLevel"), let value = o.decimal("settlementValue"), let fees = o.decimal("fees"),
                  let reason = o.raw("reason", CloseReason.self) else { return nil }
            var expired = CondorExpired(condorID: id, expiry: expiry, legs: legs, contracts: contracts, settlementLevel: level,
                                        settlementValue: value, fees: fees)
            expired.reason = reason
            return .condorExpired(expired)
        case HedgeLayerAdded.eventType: return o.hedgeLayerAdded().map(LedgerEvent.hedgeLayerAdded)
        case HedgeLayerReduced.eventType:
            guard let id = o.uuid("layerID"), let quantity = o.int("quantity"), let price = o.decimal("price"), let fees = o.decimal("fees"),
                  let reason = o.optionalString("reason"), let signals = o.optional("signals", Fields.signals) else { return nil }
            return .hedgeLayerReduced(HedgeLayerReduced(layerID: id, quantity: quantity, price: price, fees: fees, reason: reason, signals: signals))
        case HedgeLayerClosed.eventType:
            guard let id = o.uuid("layerID"), let quantity = o.int("quantity"), let price = o.decimal("price"), let fees = o.decimal("fees"),
                  let reason = o.optionalString("reason"), let signals = o.optional("signals", Fields.signals) else { return nil }
            return .hedgeLayerClosed(HedgeLayerClosed(layerID: id, quantity: quantity, price: price, fees: fees, reason: reason, signals: signals))
        case MarketObserved.eventType: return o.marketObserved().map(LedgerEvent.marketObserved)
        case MarketModelSet.eventType: return o.marketModelSet().map(LedgerEvent.marketModelSet)
        case EventVoided.eventType:
            guard let id = o.uuid("voidedEventID"), let voidedType = o.string("voidedType"), let reason = o.string("reason") else { return nil }
            return .eventVoided(EventVoided(voidedEventID: id, voidedType: voidedType, reason: reason))
        case PortfolioOpened.eventType:
            guard let name = o.string("name") else { return nil }
            return .portfolioOpened(PortfolioOpened(name: name))
        default:
            return nil
        }
    }
}

/// A parsed JSON value. Numbers keep their text. An object keeps its members in order (payloads
/// have a dozen keys at most: a linear search beats hashing every key).
enum JSONValue {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    var object: [(key: String, value: JSONValue)]? { if case .object(let o) = self { return o } else { return nil } }
}

/// Typed access to an object's fields. Every accessor returns nil on a shape mismatch; `optional…`
/// accessors return `.some(nil)` for an absent or null field.
struct Fields {
    let members: [(key: String, value: JSONValue)]
    init(_ members: [(key: String, value: JSONValue)]) { self.members = members }

    /// The member named `key` (the last one, as a dictionary would keep, if repeated).
    func value(_ key: String) -> JSONValue? {
        var index = members.count - 1
        while index >= 0 {
            if members[index].key == key { return members[index].value }
            index -= 1
        }
        return nil
    }

    func string(_ key: String) -> String? { if case .string(let s)? = value(key) { return s } else { return nil } }

    func optionalString(_ key: String) -> String?? {
        switch value(key) {
        case nil, .null?: return .some(nil)
        case .string(let s)?: return .some(s)
        default: return nil
        }
    }

    func int(_ key: String) -> Int? {
        guard case .number(let text)? = value(key) else { return nil }
        return Int(text)
    }

    func optionalInt(_ key: String) -> Int?? {
        switch value(key) {
        case nil, .null?: return .some(nil)
        case .number(let text)?: return Int(text).map { .some($0) }
        default: return nil
        }
    }

    func uuid(_ key: String) -> UUID? { string(key).flatMap(Fields.uuid) }

    /// `UUID(uuidString:)`, read directly for the canonical 8-4-4-4-12 hex form (either case).
    static func uuid(_ text: String) -> UUID? {
        var text = text
        let parsed = text.withUTF8 { utf8 -> UUID? in
            guard utf8.count == 36, utf8[8] == 0x2d, utf8[13] == 0x2d, utf8[18] == 0x2d, utf8[23] == 0x2d else { return nil }
            var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let ok = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
                var index = 0
                for byte in 0..<16 {
                    if index == 8 || index == 13 || index == 18 || index == 23 { index += 1 }
                    guard let high = hexValue(utf8[index]), let low = hexValue(utf8[index + 1]) else { return false }
                    out[byte] = high << 4 | low
                    index += 2
                }
                return true
            }
            return ok ? UUID(uuid: bytes) : nil
        }
        return parsed ?? UUID(uuidString: text)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        case 0x41...0x46: byte - 0x41 + 10
        default: nil
        }
    }

    /// A `DecimalText`: a string in plain decimal notation.
    func decimal(_ key: String) -> Decimal? { string(key).flatMap(Fields.plainDecimal) }

    func optionalDecimal(_ key: String) -> Decimal?? {
        switch value(key) {
        case nil, .null?: return .some(nil)
        case .string(let s)?: return Fields.plainDecimal(s).map { .some($0) }
        default: return nil
        }
    }

    func date(_ key: String) -> CalendarDate? { string(key).flatMap(Fields.date) }

    /// `CalendarDate(iso:)`: exactly `YYYY-MM-DD` in ASCII digits, a real date.
    static func date(_ text: String) -> CalendarDate? {
        var text = text
        return text.withUTF8 { utf8 -> CalendarDate? in
            guard utf8.count == 10, utf8[4] == 0x2d, utf8[7] == 0x2d else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    guard (0x30...0x39).contains(utf8[index]) else { return nil }
                    value = value * 10 + Int(utf8[index] - 0x30)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        }
    }

    func raw<E: RawRepresentable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String { string(key).flatMap(E.init(rawValue:)) }

    func optional<T>(_ key: String, _ build: (Fields) -> T?) -> T?? {
        switch value(key) {
        case nil, .null?: return .some(nil)
        case .object(let o)?: return build(Fields(o)).map { .some($0) }
        default: return nil
        }
    }

    func array<T>(_ key: String, _ build: (JSONValue) -> T?) -> [T]? {
        guard case .array(let items)? = value(key) else { return nil }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let built = build(item) else { return nil }
            result.append(built)
        }
        return result
    }

    func legs(_ key: String) -> [CondorLeg]? {
        array(key) { item in
            guard let o = item.object.map(Fields.init), let right = o.raw("right", Ledger.OptionRight.self), let strike = o.decimal("strike"),
                  let quantity = o.int("quantity"), let price = o.optionalDecimal("price") else { return nil }
            return CondorLeg(right: right, strike: strike, quantity: quantity, price: price)
        }
    }

    static func trigger(_ o: Fields) -> RollTrigger? {
        guard let fixed = o.optionalString("fixedRule"), let alvh = o.optionalString("alvh") else { return nil }
        return RollTrigger(fixedRule: fixed, alvh: alvh)
    }

    static func signals(_ o: Fields) -> DecisionSignals? {
        guard let spx = o.optionalDecimal("spx"), let vix = o.optionalDecimal("vix"), let vix9d = o.optionalDecimal("vix9d"),
              let vix3m = o.optionalDecimal("vix3m"), let front = o.optionalDecimal("vxFront"), let second = o.optionalDecimal("vxSecond"),
              let macd = o.optionalDecimal("vixMACDHistogram"), let rsi = o.optionalDecimal("rsi"), let ad = o.optionalDecimal("advanceDecline"),
              let days = o.optionalInt("daysToMacroEvent") else { return nil }
        return DecisionSignals(spx: spx, vix: vix, vix9d: vix9d, vix3m: vix3m, vxFront: front, vxSecond: second, vixMACDHistogram: macd,
                               rsi: rsi, advanceDecline: ad, daysToMacroEvent: days)
    }

    func condorOpened() -> CondorOpened? {
        guard let id = uuid("condorID"), let portfolio = string("portfolio"), let underlying = raw("underlying", Underlying.self),
              let settlement = raw("settlement", SettlementStyle.self), let expiry = date("expiry"), let legs = legs("legs"),
              let contracts = int("contracts"), let multiplier = decimal("multiplier"), let credit = decimal("credit"), let fees = decimal("fees"),
              let signals = optional("signals", Fields.signals), let note = optionalString("note"),
              let placeholder = Fields.placeholderStrikes else { return nil }
        var opened = CondorOpened(condorID: id, portfolio: portfolio, underlying: underlying, strikes: placeholder, contracts: contracts,
                                  credit: credit, fees: fees, signals: signals, note: note)
        opened.settlement = settlement
        opened.expiry = expiry
        opened.legs = legs
        opened.multiplier = multiplier
        return opened
    }

    /// Strikes for `CondorOpened`'s initialiser; every field they set (expiry, legs) is replaced
    /// by the stored ones right after.
    private static let placeholderStrikes = try? IronCondorLegs(expiry: CalendarDate(year: 2000, month: 1, day: 3)!,
                                                                longPut: 1, shortPut: 2, shortCall: 3, longCall: 4)

    func condorRolled() -> CondorRolled? {
        guard let id = uuid("condorID"), let side = raw("side", RollSide.self), let before = date("expiryBefore"), let after = date("expiryAfter"),
              let closed = legs("closedLegs"), let opened = legs("openedLegs"), let legsAfter = legs("legsAfter"), let contracts = int("contracts"),
              let closePrice = decimal("closePrice"), let openPrice = decimal("openPrice"), let fees = decimal("fees"),
              let trigger = optional("trigger", Fields.trigger), let signals = optional("signals", Fields.signals),
              let reason = optionalString("reason") else { return nil }
        return CondorRolled(condorID: id, side: side, expiryBefore: before, expiryAfter: after, closedLegs: closed, openedLegs: opened,
                            legsAfter: legsAfter, contracts: contracts, closePrice: closePrice, openPrice: openPrice, fees: fees,
                            trigger: trigger, signals: signals, reason: reason)
    }

    func hedgeLayerAdded() -> HedgeLayerAdded? {
        guard let id = uuid("layerID"), let protects = array("protects", { item -> UUID? in
                  if case .string(let s) = item { return UUID(uuidString: s) } else { return nil } }),
              let portfolio = string("portfolio"), let instrument = value("instrument")?.object.flatMap({ Fields.instrument(Fields($0)) }),
              let quantity = int("quantity"), let multiplier = decimal("multiplier"), let price = decimal("price"), let fees = decimal("fees"),
              let tier = optionalInt("tier"), let signals = optional("signals", Fields.signals), let reason = optionalString("reason") else { return nil }
        var added = HedgeLayerAdded(layerID: id, protects: protects, portfolio: portfolio, instrument: instrument, quantity: quantity,
                                    price: price, fees: fees, tier: tier, signals: signals, reason: reason)
        added.multiplier = multiplier
        return added
    }

    static func instrument(_ o: Fields) -> HedgeInstrument? {
        switch o.string("kind") {
        case "vix-future": return o.string("month").flatMap { ContractMonth(iso: $0) }.map { HedgeInstrument.vixFuture(month: $0) }
        case "vix-option":
            guard let expiry = o.date("expiry"), let right = o.raw("right", Ledger.OptionRight.self), let strike = o.decimal("strike") else { return nil }
            return .vixOption(expiry: expiry, right: right, strike: strike)
        case "etp": return o.raw("symbol", VolatilityETP.self).map { HedgeInstrument.etp($0) }
        default: return nil
        }
    }

    func marketObserved() -> MarketObserved? {
        guard let feed = string("feed"), let spx = decimal("spx"), let vix = decimal("vix"), let vix9d = optionalDecimal("vix9d"),
              let vix3m = optionalDecimal("vix3m"), let ad = optionalDecimal("advanceDecline"),
              let futures = array("futures", { item -> FuturesQuote? in
                  guard let o = item.object.map(Fields.init), let month = o.string("month").flatMap({ ContractMonth(iso: $0) }),
                        let price = o.decimal("price") else { return nil }
                  return FuturesQuote(month: month, price: price)
              }),
              let quotes = array("quotes", { item -> OptionQuote? in
                  guard let o = item.object.map(Fields.init), let expiry = o.date("expiry"), let right = o.raw("right", Ledger.OptionRight.self),
                        let strike = o.decimal("strike"), let bid = o.decimal("bid"), let ask = o.decimal("ask"),
                        let iv = o.optionalDecimal("impliedVolatility") else { return nil }
                  return OptionQuote(expiry: expiry, right: right, strike: strike, bid: bid, ask: ask, impliedVolatility: iv)
              }) else { return nil }
        return MarketObserved(feed: feed, spx: spx, vix: vix, vix9d: vix9d, vix3m: vix3m, advanceDecline: ad, futures: futures, quotes: quotes)
    }

    func marketModelSet() -> MarketModelSet? {
        guard let feed = string("feed"), let model = value("model")?.object.map(Fields.init).flatMap(Fields.marketModel),
              let note = optionalString("note") else { return nil }
        return MarketModelSet(feed: feed, model: model, note: note)
    }

    static func marketModel(_ o: Fields) -> MarketModelParameters? {
        guard let rate = o.decimal("rate"), let dividendYield = o.decimal("dividendYield"), let time = o.string("timeConvention"),
              let skew = o.value("skew")?.object.map(Fields.init), let skewModel = skew.string("model"),
              let skewValues = skew.value("parameters")?.object, let vol = o.decimal("vixOptionVolatility"), let days = o.int("vixFuturesCurveDays"),
              let x = o.value("execution")?.object.map(Fields.init), let slippage = x.decimal("slippagePerLeg"), let fee = x.decimal("feePerLegContract"),
              let halfSpread = x.decimal("vixOptionHalfSpread"), let vixFee = x.decimal("vixOptionFeePerContract") else { return nil }
        var parameters = NamedDecimals()
        for (name, item) in skewValues {
            guard case .string(let text) = item, let value = plainDecimal(text) else { return nil }
            parameters[name] = value
        }
        return MarketModelParameters(rate: rate, dividendYield: dividendYield, timeConvention: time,
                                     skew: SkewParameters(model: skewModel, parameters: parameters), vixOptionVolatility: vol, vixFuturesCurveDays: days,
                                     execution: ExecutionParameters(slippagePerLeg: slippage, feePerLegContract: fee, vixOptionHalfSpread: halfSpread,
                                                                    vixOptionFeePerContract: vixFee))
    }

    /// The same value `DecimalParser.parse` gives for plain decimal notation (short, common forms
    /// only; anything else defers to the canonical decoder).
    static func plainDecimal(_ text: String) -> Decimal? {
        var negative = false
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var seenPoint = false
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch byte {
            case UInt8(ascii: "-") where index == 0: negative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if seenPoint { fraction += 1 }
                guard digits <= 18 else { return nil }
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "."):
                guard !seenPoint else { return nil }
                seenPoint = true
            default:
                return nil
            }
        }
        guard digits > 0, digits - fraction > 0, !seenPoint || fraction > 0 else { return nil }
        return Decimal(sign: negative && mantissa != 0 ? .minus : .plus, exponent: -fraction, significand: Decimal(mantissa))
    }
}

/// A minimal JSON reader (RFC 8259) over UTF-8 bytes.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    mutating func document() -> JSONValue? {
        guard let value = value() else { return nil }
        skipSpace()
        return index == bytes.count ? value : nil
    }

    mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0a || bytes[index] == 0x0d || bytes[index] == 0x09 { index += 1 }
    }

    mutating func value() -> JSONValue? {
        skipSpace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var object: [(key: String, value: JSONValue)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let item = value() else { return nil }
                object.append((key, item))
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
                return nil
            }
        case UInt8(ascii: "["):
            index += 1
            var array: [JSONValue] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(array) }
            while true {
                guard let item = value() else { return nil }
                array.append(item)
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(array) }
                return nil
            }
        case UInt8(ascii: "\""):
            return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default:
            let start = index
            while index < bytes.count, "-+.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
            guard index > start else { return nil }
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        }
    }

    mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return nil }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return nil }
        index += count
        return value
    }

    /// A string starting at `"`; escapes decoded. Strings with \u escapes defer (nil) unless simple.
    mutating func string() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        var plain = true
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") { plain = false; index += 2 } else { index += 1 }
        }
        guard index < bytes.count else { return nil }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        if plain { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "\\") else { out.append(byte); i += 1; continue }
            guard i + 1 < raw.count else { return nil }
            switch raw[i + 1] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5c)
            case UInt8(ascii: "/"): out.append(0x2f)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0c)
            case UInt8(ascii: "n"): out.append(0x0a)
            case UInt8(ascii: "r"): out.append(0x0d)
            case UInt8(ascii: "t"): out.append(0x09)
            default: return nil  // \u escapes: leave to the canonical decoder
            }
            i += 2
        }
        return String(decoding: out, as: UTF8.self)
    }
}
