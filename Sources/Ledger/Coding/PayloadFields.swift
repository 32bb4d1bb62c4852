import EventStore
import Foundation

/// Typed access to a stored payload's JSON object for the replay's fast decoding (each payload's
/// `init?(fields:schemaVersion:)`). Every accessor returns nil on a shape mismatch, and `optional…`
/// accessors return `.some(nil)` for an absent or null member, so a payload whose shape is not
/// exactly the expected one is left to the canonical `Codable` decoding.
public struct PayloadFields {
    let members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)]) { self.members = members }

    /// The member named `key` (the last one, as a dictionary would keep, if repeated).
    public func value(_ key: String) -> JSONValue? {
        var index = members.count - 1
        while index >= 0 {
            if members[index].key == key { return members[index].value }
            index -= 1
        }
        return nil
    }

    public func string(_ key: String) -> String? { if case .string(let s)? = value(key) { return s } else { return nil } }

    public func optionalString(_ key: String) -> String?? {
        switch value(key) {
        case nil, .null?: return .some(nil)
        case .string(let s)?: return .some(s)
        default: return nil
        }
    }

    public func int(_ key: String) -> Int? {
        guard case .number(let text)? = value(key) else { return nil }
        return Int(text)
    }

    public func optionalInt(_ key: String) -> Int?? {
        switch value(key) {
        case nil, .null?: return .some(nil)
        case .number(let text)?: return Int(text).map { .some($0) }
        default: return nil
        }
    }

    public func uuid(_ key: String) -> UUID? { string(key).flatMap(PayloadFields.uuid) }

    /// A `DecimalText`: a string in plain decimal notation.
    public func decimal(_ key: String) -> Decimal? { string(key).flatMap(PayloadFields.plainDecimal) }

    public func optionalDecimal(_ key: String) -> Decimal?? {
        switch value(key) {
        case nil, .null?: return .some(nil)
        case .string(let s)?: return PayloadFields.plainDecimal(s).map { .some($0) }
        default: return nil
        }
    }

    public func date(_ key: String) -> CalendarDate? { string(key).flatMap(PayloadFields.date) }

    public func raw<E: RawRepresentable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String { string(key).flatMap(E.init(rawValue:)) }

    /// A nested object built by `build`; `.some(nil)` when absent or null.
    public func optional<T>(_ key: String, _ build: (PayloadFields) -> T?) -> T?? {
        switch value(key) {
        case nil, .null?: return .some(nil)
        case .object(let o)?: return build(PayloadFields(o)).map { .some($0) }
        default: return nil
        }
    }

    /// A nested object built by `build`.
    public func object<T>(_ key: String, _ build: (PayloadFields) -> T?) -> T? {
        value(key)?.object.flatMap { build(PayloadFields($0)) }
    }

    public func array<T>(_ key: String, _ build: (JSONValue) -> T?) -> [T]? {
        guard case .array(let items)? = value(key) else { return nil }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let built = build(item) else { return nil }
            result.append(built)
        }
        return result
    }

    /// An array of objects, each built by `build`.
    public func objects<T>(_ key: String, _ build: (PayloadFields) -> T?) -> [T]? {
        array(key) { item in item.object.flatMap { build(PayloadFields($0)) } }
    }
}

// MARK: the ledger's value types

extension PayloadFields {
    public func legs(_ key: String) -> [CondorLeg]? {
        objects(key) { o in
            guard let right = o.raw("right", OptionRight.self), let strike = o.decimal("strike"),
                  let quantity = o.int("quantity"), let price = o.optionalDecimal("price") else { return nil }
            return CondorLeg(right: right, strike: strike, quantity: quantity, price: price)
        }
    }

    /// A `{"commissions", "exchange"}` object (the fees of a close, partial close or side close).
    public func feeSplit(_ key: String) -> FeeSplit? {
        object(key) { f in f.decimal("commissions").flatMap { c in f.decimal("exchange").map { FeeSplit(commissions: c, exchange: $0) } } }
    }

    public func trigger(_ key: String) -> RollTrigger?? {
        optional(key) { o in
            guard let fixed = o.optionalString("fixedRule"), let alvh = o.optionalString("alvh") else { return nil }
            return RollTrigger(fixedRule: fixed, alvh: alvh)
        }
    }

    public func signals(_ key: String) -> DecisionSignals?? {
        optional(key) { o in
            guard let spx = o.optionalDecimal("spx"), let vix = o.optionalDecimal("vix"), let vix9d = o.optionalDecimal("vix9d"),
                  let vix3m = o.optionalDecimal("vix3m"), let front = o.optionalDecimal("vxFront"), let second = o.optionalDecimal("vxSecond"),
                  let macd = o.optionalDecimal("vixMACDHistogram"), let rsi = o.optionalDecimal("rsi"), let ad = o.optionalDecimal("advanceDecline"),
                  let days = o.optionalInt("daysToMacroEvent") else { return nil }
            return DecisionSignals(spx: spx, vix: vix, vix9d: vix9d, vix3m: vix3m, vxFront: front, vxSecond: second, vixMACDHistogram: macd,
                                   rsi: rsi, advanceDecline: ad, daysToMacroEvent: days)
        }
    }

    public func instrument(_ key: String) -> HedgeInstrument? {
        object(key) { o in
            switch o.string("kind") {
            case "vix-future": return o.string("month").flatMap { ContractMonth(iso: $0) }.map { HedgeInstrument.vixFuture(month: $0) }
            case "vix-option":
                guard let expiry = o.date("expiry"), let right = o.raw("right", OptionRight.self), let strike = o.decimal("strike") else { return nil }
                return .vixOption(expiry: expiry, right: right, strike: strike)
            case "etp": return o.raw("symbol", VolatilityETP.self).map { HedgeInstrument.etp($0) }
            default: return nil
            }
        }
    }

    /// A hedge layer's legs: `[{"instrument": …, "ratio": n, "price": "…"}]`, at least one.
    public func hedgeLegs(_ key: String) -> HedgeLegs? {
        let legs = objects(key) { o -> HedgeLeg? in
            guard let instrument = o.instrument("instrument"), let ratio = o.int("ratio"), let price = o.decimal("price") else { return nil }
            return HedgeLeg(instrument: instrument, ratio: ratio, price: price)
        }
        guard let legs, !legs.isEmpty else { return nil }
        return HedgeLegs(legs)
    }

    public func uuids(_ key: String) -> [UUID]? {
        array(key) { item in if case .string(let s) = item { return UUID(uuidString: s) } else { return nil } }
    }
}

// MARK: scalars, read directly

extension PayloadFields {
    /// `UUID(uuidString:)`, read directly for the canonical 8-4-4-4-12 hex form (either case).
    public static func uuid(_ text: String) -> UUID? {
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

    /// `CalendarDate(iso:)`: exactly `YYYY-MM-DD` in ASCII digits, a real date.
    public static func date(_ text: String) -> CalendarDate? {
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

    /// The same value `DecimalParser.parse` gives for plain decimal notation (short, common forms
    /// only; anything else defers to the canonical decoder).
    public static func plainDecimal(_ text: String) -> Decimal? {
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
