import Foundation

/// Checks a command built in code — the broker imports build them from the rows they parsed — by
/// the rules its fields have on the command line and in `alvh import`: each value's canonical text
/// through its field's rule, in the command's field order, so that a value no one could type (a
/// negative credit from a debit order, a strike above 1e9, a settlement level with 38 digits) is
/// refused with the very message it would get there. Types already guarantee the rest (dates,
/// instants, ids, the strike order of `IronCondorLegs`).
extension LedgerCommand {
    public func validate() throws {
        switch self {
        case .addPortfolio(let c): _ = try Field.name.parse(c.name)
        case .setPortfolioCapital(let c):
            _ = try Field.name.parse(c.name)
            try Field.capital.check(c.capital)
        case .recordStudyChoice(let c): try c.validate()
        case .openCondor(let c): try c.validate()
        case .rollCondor(let c): try c.validate()
        case .deferRoll(let c):
            _ = try Field.reason.parse(c.reason)
            try c.trigger?.validate()
            try c.signals?.validate()
        case .closeCondor(let c): try c.validate()
        case .expireCondor(let c):
            try Field.settlement.check(c.settlement)
            try Field.fees.check(c.fees)
        case .legInCondor(let c): try c.validate()
        case .addHedgeLayer(let c): try c.validate()
        case .reduceHedgeLayer(let c):
            _ = try Field.quantity.parse(String(c.quantity))
            try Field.price.check(c.price)
            try Field.fees.check(c.fees)
            _ = try c.reason.map(Field.reason.parse)
            try c.signals?.validate()
        case .closeHedgeLayer(let c):
            try Field.price.check(c.price)
            try Field.fees.check(c.fees)
            _ = try c.reason.map(Field.reason.parse)
            try c.signals?.validate()
        case .recordMarket(let c): try c.validate()
        case .setMarketModel(let c): try c.validate()
        case .voidEvent(let c): _ = try Field.reason.parse(c.reason)
        }
    }
}

extension CommandField where Value == Decimal {
    /// `value`'s canonical text through this field's rule.
    func check(_ value: Decimal) throws { _ = try parse(DecimalParser.format(value)) }
}

extension OpenCondor {
    func validate() throws {
        _ = try Field.portfolio.parse(portfolio)
        for (field, strike) in [(Field.longPut, strikes.longPut), (Field.shortPut, strikes.shortPut), (Field.shortCall, strikes.shortCall),
                                (Field.longCall, strikes.longCall)] {
            if let strike { try field.check(strike) }
        }
        _ = try Field.contracts.parse(String(contracts))
        try Field.credit.check(credit)
        try MarketRule.credit(credit, for: strikes, field: Field.credit.name)
        try Field.fees.check(fees)
        try signals?.validate()
        _ = try note.map(Field.note.parse)
    }
}

extension RollCondor {
    func validate() throws {
        for (field, strike) in [(Field.longPut, longPut), (Field.shortPut, shortPut), (Field.shortCall, shortCall), (Field.longCall, longCall)] {
            if let strike { try field.check(strike) }
        }
        try Field.closePrice.check(closePrice)
        try Field.openPrice.check(openPrice)
        try Field.fees.check(fees)
        _ = try reason.map(Field.reason.parse)
        try trigger?.validate()
        try signals?.validate()
        _ = try contracts.map { try Field.contracts.parse(String($0)) }
    }
}

extension LegInCondor {
    func validate() throws {
        for (field, strike) in side == .put ? [(Field.longPut, longStrike), (Field.shortPut, shortStrike)]
                                            : [(Field.shortCall, shortStrike), (Field.longCall, longStrike)] {
            try field.check(strike)
        }
        _ = side == .put ? try LegInCondor.newSide(longPut: longStrike, shortPut: shortStrike, shortCall: nil, longCall: nil)
                         : try LegInCondor.newSide(longPut: nil, shortPut: nil, shortCall: shortStrike, longCall: longStrike)
        try Field.credit.check(credit)
        try Field.fees.check(fees)
        _ = try note.map(Field.note.parse)
        try signals?.validate()
    }
}

extension CloseCondor {
    func validate() throws {
        _ = try contracts.map { try Field.contracts.parse(String($0)) }
        try Field.price.check(price)
        try Field.fees.check(fees)
        try Field.exchangeFees.check(exchangeFees)
        _ = try note.map(Field.note.parse)
        try signals?.validate()
    }
}

extension AddHedgeLayer {
    func validate() throws {
        let given = protects.isEmpty ? [] : [protects.map(\.lowercasedString).joined(separator: ",")]
        _ = try AddHedgeLayer.target(protects: given, portfolio: portfolio.map(Field.portfolio.parse))
        if let instrument = legs.single {
            _ = try Field.instrument.parse(instrument.spec)
            _ = try Field.quantity.parse(String(quantity))
            try Field.price.check(price)
        } else {
            _ = try Field.quantity.parse(String(quantity))
            let fills = try legs.legs.map { leg in
                try Field.leg.parse(HedgeLegFill(instrument: leg.instrument, quantity: leg.ratio * quantity, price: leg.price).spec)
            }
            _ = try HedgeLegFill.layer(fills, field: Field.leg.name)
        }
        try Field.fees.check(fees)
        _ = try tier.map { try Field.tier.parse(String($0)) }
        _ = try reason.map(Field.reason.parse)
        try signals?.validate()
    }
}

extension RecordMarket {
    func validate() throws {
        _ = try RecordMarket.distinctMonths(futures)
        _ = try Field.feed.parse(feed)
        try Field.spx.check(spx)
        try Field.markVIX.check(vix)
        if let vix9d { try Field.markVIX9D.check(vix9d) }
        if let vix3m { try Field.markVIX3M.check(vix3m) }
        if let advanceDecline { try Field.markAdvanceDecline.check(advanceDecline) }
    }
}

extension RollTrigger {
    func validate() throws {
        _ = try fixedRule.map(Field.fixedRule.parse)
        _ = try alvh.map(Field.alvh.parse)
    }
}

extension DecisionSignals {
    func validate() throws {
        func text(_ value: Decimal?) -> String? { value.map(DecimalParser.format) }
        _ = try SignalArguments.signals(rsi: text(rsi).map(Field.rsi.parse), spot: text(spx).map(Field.spot.parse),
                                        vix: text(vix).map(Field.vix.parse), vix9d: text(vix9d).map(Field.vix9d.parse),
                                        vix3m: text(vix3m).map(Field.vix3m.parse), vxFront: text(vxFront).map(Field.vxFront.parse),
                                        vxSecond: text(vxSecond).map(Field.vxSecond.parse), macd: text(vixMACDHistogram).map(Field.macd.parse),
                                        advanceDecline: text(advanceDecline).map(Field.advanceDecline.parse),
                                        daysToEvent: try daysToMacroEvent.map { try Field.daysToEvent.parse(String($0)) })
    }
}
