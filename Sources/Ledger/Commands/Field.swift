import Foundation

/// Every field of the recording commands, each named once: the command line's options and
/// arguments, `alvh import`'s columns and the error messages all take their names from here.
public enum Field {
    // MARK: ids (arguments and --id)

    /// `condor roll|defer|close|expire ID`.
    public static let condor = CommandField<UUID>("ID", FieldParser.uuid)
    /// `hedge reduce|close LAYER`.
    public static let layer = CommandField<UUID>("LAYER", FieldParser.uuid)
    /// `void EVENT-ID`.
    public static let event = CommandField<UUID>("EVENT-ID", FieldParser.uuid)
    /// `portfolio add NAME`.
    public static let name = CommandField<String>("NAME", TextRule.name)
    /// The id of the condor or layer a `condor open` or `hedge add` creates.
    public static let id = CommandField<UUID>("--id", FieldParser.uuid)
    /// `--command-id`: the idempotency key.
    public static let commandID = CommandField<UUID>("--command-id", FieldParser.uuid)

    // MARK: what is traded

    public static let portfolio = CommandField<String>("--portfolio", TextRule.name)
    public static let underlying = CommandField<Underlying>("--underlying") { text, field in
        guard let underlying = Underlying(spec: text) else {
            throw LedgerValidationError(field: field, rule: "must be SPX, SPXW or XSP (got \(Echo.quoted(text)))")
        }
        return underlying
    }
    /// An options expiry: a date that is an exchange trading day (weekends and NYSE holidays are
    /// refused with the nearest valid dates; `ExpiryRule`).
    public static let expiry = CommandField<CalendarDate>("--expiry") { text, field in
        try ExpiryRule.requireTradingDay(try FieldParser.date(text, field: field), field: field)
    }
    public static let longPut = CommandField<Decimal>("--long-put", FieldParser.strike)
    public static let shortPut = CommandField<Decimal>("--short-put", FieldParser.strike)
    public static let shortCall = CommandField<Decimal>("--short-call", FieldParser.strike)
    public static let longCall = CommandField<Decimal>("--long-call", FieldParser.strike)
    public static let contracts = CommandField<Int>("--contracts", FieldParser.count)
    public static let side = CommandField<RollSide>("--side") { text, field in
        guard let side = RollSide(rawValue: text.lowercased()) else {
            throw LedgerValidationError(field: field, rule: "must be put, call or both (got \(Echo.quoted(text)))")
        }
        return side
    }
    public static let instrument = CommandField<HedgeInstrument>("--instrument") { text, field in try HedgeInstrument(spec: text, field: field) }
    public static let quantity = CommandField<Int>("--quantity", FieldParser.count)
    /// `--protects ID[,ID...]`, repeatable: the raw list (see `AddHedgeLayer` for its rules).
    public static let protects = CommandField<String>("--protects") { text, _ in text }
    public static let tier = CommandField<Int>("--tier") { text, field in try FieldParser.integer(text, field: field, minimum: 1, maximum: 100) }

    // MARK: prices and money (per unit, index points; fees in dollars)

    public static let credit = CommandField<Decimal>("--credit", FieldParser.price)
    public static let price = CommandField<Decimal>("--price", FieldParser.price)
    public static let closePrice = CommandField<Decimal>("--close-price", FieldParser.price)
    public static let openPrice = CommandField<Decimal>("--open-price", FieldParser.price)
    public static let fees = CommandField<Decimal>("--fees", FieldParser.price)
    public static let exchangeFees = CommandField<Decimal>("--exchange-fees", FieldParser.price)
    public static let settlement = CommandField<Decimal>("--settlement", FieldParser.positive)

    // MARK: when and why

    public static let at = CommandField<Date>("--at", FieldParser.instant)
    /// Free text: why (rolls, deferrals, layers, voids).
    public static let reason = CommandField<String>("--reason", TextRule.reason)
    /// `condor close --reason`: one of take-profit, stop, time, alvh, manual.
    public static let closeReason = reason.reading { text, field -> CloseReason in
        guard let parsed = CloseReason(rawValue: text.lowercased()), parsed != .expiry else {
            throw LedgerValidationError(field: field, rule: "must be take-profit, stop, time, alvh or manual (got \(Echo.quoted(text)))")
        }
        return parsed
    }
    public static let note = CommandField<String>("--note", TextRule.reason)
    public static let fixedRule = CommandField<String>("--fixed-rule", TextRule.reason)
    public static let alvh = CommandField<String>("--alvh", TextRule.reason)

    // MARK: decision signals (levels ≥ 0; MACD and advance-decline signed)

    public static let spot = CommandField<Decimal>("--spot", FieldParser.price)
    public static let vix = CommandField<Decimal>("--vix", FieldParser.price)
    public static let vix9d = CommandField<Decimal>("--vix9d", FieldParser.price)
    public static let vix3m = CommandField<Decimal>("--vix3m", FieldParser.price)
    public static let vxFront = CommandField<Decimal>("--vx-front", FieldParser.price)
    public static let vxSecond = CommandField<Decimal>("--vx-second", FieldParser.price)
    public static let macd = CommandField<Decimal>("--macd", FieldParser.signed)
    public static let rsi = CommandField<Decimal>("--rsi", FieldParser.price)
    public static let advanceDecline = CommandField<Decimal>("--advance-decline", FieldParser.signed)
    public static let daysToEvent = CommandField<Int>("--days-to-event") { text, field in
        try FieldParser.integer(text, field: field, minimum: 0, maximum: 3660)
    }

    // MARK: marks (levels > 0)

    public static let spx = CommandField<Decimal>("--spx", FieldParser.positive)
    public static let markVIX = vix.reading(FieldParser.positive)
    public static let markVIX9D = vix9d.reading(FieldParser.positive)
    public static let markVIX3M = vix3m.reading(FieldParser.positive)
    public static let markAdvanceDecline = advanceDecline.reading { text, field -> Decimal in
        guard let value = DecimalParser.parse(text), abs(value) <= PriceRule.maximum else {
            throw LedgerValidationError(field: field, rule: "must be a plain decimal number within ±1e9 (got \(Echo.quoted(text)))")
        }
        return value
    }
    /// `--vx YYYY-MM=PRICE`, repeatable.
    public static let vx = CommandField<FuturesQuote>("--vx") { text, field in try FuturesQuote(spec: text, field: field) }
    /// `--quote 'YYYY-MM-DD P|C STRIKE=BID/ASK[@IV]'`, repeatable.
    public static let quote = CommandField<OptionQuote>("--quote") { text, field in try OptionQuote(spec: text, field: field) }
    public static let feed = CommandField<String>("--feed") { text, field in try RecordMarket.feedName(text, field: field) }

    // MARK: the market model (`alvh market model`, `alvh backtest`; ranges: `MarketModelParameters.Limits`)

    public static let rate = CommandField<Decimal>("--rate") { text, field in try MarketModelParameters.Limits.rate.parse(text, field: field) }
    public static let dividendYield = CommandField<Decimal>("--dividend-yield") { text, field in
        try MarketModelParameters.Limits.dividendYield.parse(text, field: field)
    }
    public static let vixOptionVolatility = CommandField<Decimal>("--vix-option-vol") { text, field in
        try MarketModelParameters.Limits.vixOptionVolatility.parse(text, field: field)
    }
    public static let vixCurveDays = CommandField<Int>("--vix-curve-days") { text, field in
        try MarketModelParameters.Limits.curveDays(text, field: field)
    }
    public static let slippage = CommandField<Decimal>("--slippage") { text, field in try MarketModelParameters.Limits.slippage.parse(text, field: field) }
    public static let feePerLeg = CommandField<Decimal>("--fee-per-leg") { text, field in try MarketModelParameters.Limits.fee.parse(text, field: field) }
    public static let vixHalfSpread = CommandField<Decimal>("--vix-half-spread") { text, field in
        try MarketModelParameters.Limits.vixHalfSpread.parse(text, field: field)
    }
    public static let vixFee = CommandField<Decimal>("--vix-fee") { text, field in try MarketModelParameters.Limits.vixFee.parse(text, field: field) }
}
