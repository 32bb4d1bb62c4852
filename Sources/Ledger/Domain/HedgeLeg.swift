import Foundation

/// One leg of a hedge layer: an instrument, how many of it one unit of the layer holds (`ratio`,
/// signed: > 0 long, < 0 short) and its fill per unit of the instrument when the layer was bought
/// (index points, dollars per share for ETPs). A single-instrument layer has one leg of ratio 1.
///
/// JSON: `{"instrument": {…}, "ratio": 1, "price": "1.15"}`.
public struct HedgeLeg: Codable, Sendable, Hashable {
    public var instrument: HedgeInstrument
    public var ratio: Int
    @DecimalText public var price: Decimal

    public init(instrument: HedgeInstrument, ratio: Int, price: Decimal) {
        self.instrument = instrument
        self.ratio = ratio
        self.price = price
    }
}

/// The legs of a hedge layer, and what follows from them: the layer's multiplier (the legs' common
/// multiplier, or 1 when they differ: its prices are then dollars per unit), its net price per unit
/// (Σ ratio × price × leg multiplier ÷ the layer's multiplier) and its spec.
///
/// Spec: one leg is its instrument's spec (`VIX 2026-01-21 C 22`); several are `SPEC=RATIO` joined
/// by `; ` (`VIX 2026-01-21 C 22=+1; VIX 2026-01-21 C 30=-1`).
public struct HedgeLegs: Codable, Sendable, Hashable, CustomStringConvertible {
    public private(set) var legs: [HedgeLeg]

    /// Coded as the array of legs.
    public init(from decoder: Decoder) throws {
        legs = try decoder.singleValueContainer().decode([HedgeLeg].self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(legs)
    }

    public init(_ legs: [HedgeLeg]) { self.legs = legs }

    /// One instrument bought at `price`.
    public init(single instrument: HedgeInstrument, price: Decimal) {
        legs = [HedgeLeg(instrument: instrument, ratio: 1, price: price)]
    }

    /// The instrument of a one-leg layer; nil for several legs.
    public var single: HedgeInstrument? { legs.count == 1 && legs[0].ratio == 1 ? legs[0].instrument : nil }

    /// Dollars per point of the layer's price per unit.
    public var multiplier: Decimal {
        let multipliers = Set(legs.map(\.instrument.multiplier))
        return multipliers.count == 1 ? multipliers.first! : 1
    }

    /// The net price per unit of the layer at the legs' fills (a debit when > 0).
    public var netPrice: Decimal { netPrice(legs.map(\.price)) }

    /// The net price per unit at `prices` (one per leg, per unit of each instrument).
    public func netPrice(_ prices: [Decimal]) -> Decimal {
        let m = multiplier
        return zip(legs, prices).reduce(Decimal(0)) { $0 + Decimal($1.0.ratio) * $1.1 * $1.0.instrument.multiplier / m }
    }

    /// VIX futures contracts per unit of the layer (long or short), each committing margin.
    public var futuresPerUnit: Int {
        legs.reduce(0) { total, leg in if case .vixFuture = leg.instrument { total + abs(leg.ratio) } else { total } }
    }

    /// Dollars per unit the futures legs' fills stand for (Σ ratio × fill × 1000 over the VX legs): the
    /// notional a futures leg puts in the layer's net price, which is not paid (a future commits margin).
    public var futuresNotional: Decimal {
        legs.reduce(Decimal(0)) { total, leg in
            if case .vixFuture = leg.instrument { total + Decimal(leg.ratio) * leg.price * leg.instrument.multiplier } else { total }
        }
    }

    /// Dollars one unit of the layer commits at its fills: each option or ETP leg its premium (ratio ×
    /// fill × its multiplier: 100 for VIX options, 1 for ETP shares; a short leg's premium received
    /// offsets), each futures contract (long or short) `futuresMargin`.
    public func commitment(futuresMargin: Decimal) -> Decimal {
        netPrice * multiplier - futuresNotional + futuresMargin * Decimal(futuresPerUnit)
    }

    /// The earliest option expiry among the legs.
    public var expiry: CalendarDate? { legs.compactMap(\.instrument.expiry).min() }

    /// `vix-future`, `vix-option` or `etp` for one leg; `multi-leg` for several.
    public var kind: String {
        guard let single else { return "multi-leg" }
        switch single {
        case .vixFuture: return "vix-future"
        case .vixOption: return "vix-option"
        case .etp: return "etp"
        }
    }

    public var spec: String {
        if let single { return single.spec }
        return legs.map { "\($0.instrument.spec)=\($0.ratio > 0 ? "+" : "")\($0.ratio)" }.joined(separator: "; ")
    }

    public var description: String { spec }

    /// Reads a spec back (prices are not part of it: each leg's price is 0).
    public init(spec text: String, field: String = "--instrument") throws {
        guard text.contains("=") else {
            self.init(single: try HedgeInstrument(spec: text, field: field), price: 0)
            return
        }
        var legs: [HedgeLeg] = []
        for part in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let pieces = part.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count == 2, let ratio = Int(pieces[1].hasPrefix("+") ? String(pieces[1].dropFirst()) : pieces[1]), ratio != 0 else {
                throw LedgerValidationError(field: field, rule: "expected 'SPEC=RATIO; SPEC=RATIO' (got \(Echo.quoted(text)))")
            }
            legs.append(HedgeLeg(instrument: try HedgeInstrument(spec: pieces[0], field: field), ratio: ratio, price: 0))
        }
        self.init(legs)
    }
}

extension HedgeInstrument {
    /// What the instrument's price follows: `VIX` for VIX options and futures, the ETP's symbol.
    public var underlyingName: String {
        switch self {
        case .vixFuture, .vixOption: "VIX"
        case .etp(let symbol): symbol.rawValue
        }
    }
}
