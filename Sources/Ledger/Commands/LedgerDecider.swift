import EventStore
import Foundation

/// Turns a parsed command into events: reads the streams it concerns, folds them, checks every
/// state rule (unknown or closed condor, reducing more than held, `--at` before the stream's last
/// event, expiry before the trade date, unknown portfolio, …) and returns the appends with each
/// stream's expected version. Reads only; never writes.
public struct LedgerDecider {
    public var reader: any LedgerReading
    public var context: CommandContext
    /// Called with every event decided, as its typed `LedgerEvent` (the payload that was encoded),
    /// so an in-memory ledger can keep it without decoding the JSON again.
    public var decided: ((UUID, LedgerEvent) -> Void)?

    public init(reader: any LedgerReading, context: CommandContext, decided: ((UUID, LedgerEvent) -> Void)? = nil) {
        self.reader = reader
        self.context = context
        self.decided = decided
    }

    public func decide(_ command: LedgerCommand) throws -> LedgerDecision {
        switch command {
        case .addPortfolio(let c): try addPortfolio(c)
        case .setPortfolioCapital(let c): try setPortfolioCapital(c)
        case .recordStudyChoice(let c): try recordStudyChoice(c)
        case .openCondor(let c): try openCondor(c)
        case .rollCondor(let c): try rollCondor(c)
        case .deferRoll(let c): try deferRoll(c)
        case .closeCondor(let c): try closeCondor(c)
        case .expireCondor(let c): try expireCondor(c)
        case .legInCondor(let c): try legIn(c)
        case .addHedgeLayer(let c): try addHedgeLayer(c)
        case .reduceHedgeLayer(let c): try reduceHedgeLayer(c)
        case .closeHedgeLayer(let c): try closeHedgeLayer(c)
        case .recordMarket(let c): try recordMarket(c)
        case .setMarketModel(let c): try setMarketModel(c)
        case .voidEvent(let c): try voidEvent(c)
        }
    }

    // MARK: portfolios

    func addPortfolio(_ c: AddPortfolio) throws -> LedgerDecision {
        let stream = StreamName.portfolio(c.name)
        guard try reader.events(inStream: stream).isEmpty else {
            throw LedgerValidationError(field: Field.name.name, rule: "portfolio '\(c.name)' already exists")
        }
        let event = try newEvent(PortfolioOpened(name: c.name), index: 0, at: context.now)
        return LedgerDecision(appends: [StreamAppend(streamID: stream, expected: .noStream, events: [event])])
    }

    /// The account size goes on the portfolio's stream, which must exist.
    func setPortfolioCapital(_ c: SetPortfolioCapital) throws -> LedgerDecision {
        let stream = StreamName.portfolio(c.name)
        let events = try reader.events(inStream: stream)
        guard let last = events.last else {
            throw LedgerValidationError(field: Field.name.name, rule: "no portfolio '\(c.name)' (open a condor in it or run alvh portfolio add first)")
        }
        let at = max(context.now, EffectiveStream(events).lastOccurredAt ?? context.now)
        return LedgerDecision(appends: [try append(PortfolioCapitalSet(name: c.name, capital: c.capital), stream: stream, version: last.version, at: at)])
    }

    /// A study's choice goes on the portfolio's stream, which it opens when the portfolio is new;
    /// nothing when the stream already holds this command's choice (a re-run of the same study).
    func recordStudyChoice(_ c: RecordStudyChoice) throws -> LedgerDecision {
        let stream = StreamName.portfolio(c.choice.name)
        let events = try reader.events(inStream: stream)
        let choiceID = EventIdentity.eventID(command: context.commandID, index: 1)
        if events.contains(where: { $0.eventID == choiceID }) { return LedgerDecision(appends: []) }
        guard let last = events.last else {
            return LedgerDecision(appends: [StreamAppend(streamID: stream, expected: .noStream,
                                                         events: [try newEvent(PortfolioOpened(name: c.choice.name), index: 0, at: c.at),
                                                                  try newEvent(c.choice, index: 1, at: c.at)])])
        }
        let at = max(c.at, EffectiveStream(events).lastOccurredAt ?? c.at)
        return LedgerDecision(appends: [StreamAppend(streamID: stream, expected: .exact(last.version), events: [try newEvent(c.choice, index: 1, at: at)])])
    }

    func portfolioExists(_ name: String) throws -> Bool {
        !(try reader.events(inStream: StreamName.portfolio(name)).isEmpty)
    }

    // MARK: condors

    func openCondor(_ c: OpenCondor) throws -> LedgerDecision {
        let condorID = c.condorID ?? EventIdentity.entityID(command: context.commandID, kind: "condor")
        let stream = StreamName.condor(condorID)
        guard try reader.events(inStream: stream).isEmpty else {
            throw LedgerValidationError(field: Field.id.name, rule: "condor \(condorID.lowercasedString) already exists")
        }
        let at = c.at ?? context.now
        try checkExpiry(c.strikes.expiry, notBefore: at, field: Field.expiry.name)
        let payload = CondorOpened(condorID: condorID, portfolio: c.portfolio, underlying: c.underlying, strikes: c.strikes,
                                   contracts: c.contracts, credit: c.credit, fees: c.fees, signals: c.signals, note: c.note)
        var appends = [StreamAppend(streamID: stream, expected: .noStream, events: [try newEvent(payload, index: 0, at: at)])]
        if try !portfolioExists(c.portfolio) {
            appends.insert(StreamAppend(streamID: StreamName.portfolio(c.portfolio), expected: .noStream,
                                        events: [try newEvent(PortfolioOpened(name: c.portfolio), index: 1, at: at)]), at: 0)
        }
        return LedgerDecision(appends: appends, condorID: condorID)
    }

    func deferRoll(_ c: DeferRoll) throws -> LedgerDecision {
        let state = try openCondorState(c.condorID, action: "deferred")
        let at = try occurredAt(c.at, after: state.lastEventAt)
        let payload = RollDeferred(condorID: c.condorID, reason: c.reason, trigger: c.trigger, signals: c.signals)
        return LedgerDecision(appends: [try append(payload, stream: StreamName.condor(c.condorID), version: state.version, at: at)],
                              condorID: c.condorID)
    }

    func expireCondor(_ c: ExpireCondor) throws -> LedgerDecision {
        let state = try openCondorState(c.condorID, action: "expired")
        let settlementInstant = Self.settlementInstant(state.expiry, style: state.underlying.settlement)
        let at: Date
        if let given = c.at {
            at = try occurredAt(given, after: state.lastEventAt)
            let day = CalendarDate(newYorkDateOf: given)
            guard day >= ExpiryRule.expiryDay(state.expiry) else {
                throw LedgerValidationError(field: Field.at.name, rule: "a condor cannot expire before its expiry date \(ExpiryRule.expiryDay(state.expiry)) (got \(day))")
            }
        } else {
            at = try occurredAt(max(settlementInstant, state.lastEventAt), after: state.lastEventAt)
        }
        let value = state.strikes.settlementValue(at: c.settlement)
        let payload = CondorExpired(condorID: c.condorID, expiry: state.expiry, legs: state.strikes.legs(contracts: state.contracts),
                                    contracts: state.contracts, settlementLevel: c.settlement, settlementValue: value, fees: c.fees)
        return LedgerDecision(appends: [try append(payload, stream: StreamName.condor(c.condorID), version: state.version, at: at)],
                              condorID: c.condorID)
    }

    // MARK: hedge layers

    func addHedgeLayer(_ c: AddHedgeLayer) throws -> LedgerDecision {
        let layerID = c.layerID ?? EventIdentity.entityID(command: context.commandID, kind: "layer")
        let stream = StreamName.hedge(layerID)
        guard try reader.events(inStream: stream).isEmpty else {
            throw LedgerValidationError(field: Field.id.name, rule: "hedge layer \(layerID.lowercasedString) already exists")
        }
        let at = c.at ?? context.now
        var portfolio = c.portfolio
        for condorID in c.protects {
            guard let state = CondorState.fold(try reader.events(inStream: StreamName.condor(condorID))) else {
                throw LedgerValidationError(field: Field.protects.name, rule: "no condor \(condorID.lowercasedString)")
            }
            guard state.status == .open else {
                throw LedgerValidationError(field: Field.protects.name, rule: "condor \(condorID.lowercasedString) is \(state.status.rawValue); a layer can only protect open condors")
            }
            if at < state.openedAt {
                throw LedgerValidationError(field: Field.at.name, rule: "must not be earlier than the opening of condor \(condorID.lowercasedString) at \(Self.iso(state.openedAt)) (got \(Self.iso(at)))")
            }
            if let earlier = portfolio, earlier != state.portfolio {
                throw LedgerValidationError(field: Field.protects.name, rule: "condors belong to different portfolios ('\(earlier)' and '\(state.portfolio)'); a layer protects one portfolio")
            }
            portfolio = state.portfolio
        }
        guard let portfolio else { throw LedgerValidationError(field: Field.protects.name, rule: "give --protects ID[,ID...] or --portfolio NAME") }
        if c.protects.isEmpty, try !portfolioExists(portfolio) {
            throw LedgerValidationError(field: Field.portfolio.name, rule: "no portfolio '\(portfolio)' (open a condor in it or run alvh portfolio add first)")
        }
        try checkInstruments(c.legs, at: at)
        let payload = HedgeLayerAdded(layerID: layerID, protects: c.protects, portfolio: portfolio, legs: c.legs, quantity: c.quantity,
                                      fees: c.fees, tier: c.tier, signals: c.signals, reason: c.reason)
        return LedgerDecision(appends: [StreamAppend(streamID: stream, expected: .noStream, events: [try newEvent(payload, index: 0, at: at)])],
                              layerID: layerID)
    }

    func reduceHedgeLayer(_ c: ReduceHedgeLayer) throws -> LedgerDecision {
        let state = try openLayerState(c.layerID, action: "reduced")
        let at = try occurredAt(c.at, after: state.lastEventAt)
        if c.quantity > state.quantity {
            throw LedgerValidationError(field: Field.quantity.name, rule: "cannot reduce by more than the \(state.quantity) held (got \(c.quantity))")
        }
        if c.quantity == state.quantity {
            throw LedgerValidationError(field: Field.quantity.name, rule: "reducing by all \(state.quantity) held closes the layer: use alvh hedge close")
        }
        let payload = HedgeLayerReduced(layerID: c.layerID, quantity: c.quantity, price: c.price, fees: c.fees, reason: c.reason, signals: c.signals)
        return LedgerDecision(appends: [try append(payload, stream: StreamName.hedge(c.layerID), version: state.version, at: at)],
                              layerID: c.layerID)
    }

    func closeHedgeLayer(_ c: CloseHedgeLayer) throws -> LedgerDecision {
        let state = try openLayerState(c.layerID, action: "closed")
        let at = try occurredAt(c.at, after: state.lastEventAt)
        let payload = HedgeLayerClosed(layerID: c.layerID, quantity: state.quantity, price: c.price, fees: c.fees, reason: c.reason, signals: c.signals)
        return LedgerDecision(appends: [try append(payload, stream: StreamName.hedge(c.layerID), version: state.version, at: at)],
                              layerID: c.layerID)
    }

    /// No leg has expired by the trade date: an option's expiry, a VIX future's month.
    func checkInstruments(_ legs: HedgeLegs, at: Date) throws {
        let field = legs.single == nil ? Field.leg.name : Field.instrument.name
        let tradeDate = CalendarDate(newYorkDateOf: at)
        for leg in legs.legs {
            if let expiry = leg.instrument.expiry { try checkExpiry(expiry, notBefore: at, field: field) }
            if case .vixFuture(let month) = leg.instrument, (month.year, month.month) < (tradeDate.year, tradeDate.month) {
                throw LedgerValidationError(field: field, rule: "VIX future \(month) expired before the trade date \(tradeDate)")
            }
        }
    }

    // MARK: market and corrections

    func recordMarket(_ c: RecordMarket) throws -> LedgerDecision {
        let stream = StreamName.market(c.feed)
        let existing = try reader.head(ofStream: stream)
        let at = try occurredAt(c.at, after: existing.lastOccurredAt)
        let payload = MarketObserved(feed: c.feed, spx: c.spx, vix: c.vix, vix9d: c.vix9d, vix3m: c.vix3m, advanceDecline: c.advanceDecline,
                                     futures: c.futures, quotes: c.quotes)
        var events = [try newEvent(payload, index: 0, at: at)]
        // A feed's marks never rely on the code's defaults staying the same: the first mark of a
        // feed without a model records the default model with it, at the same instant.
        if !existing.hasMarketModel {
            events.append(try newEvent(MarketModelSet(feed: c.feed, model: .standard, note: "the default model, recorded with the feed's first mark"),
                                       index: 1, at: at))
        }
        return LedgerDecision(appends: [StreamAppend(streamID: stream, expected: existing.version == 0 ? .noStream : .exact(existing.version), events: events)])
    }

    func setMarketModel(_ c: SetMarketModel) throws -> LedgerDecision {
        try c.validate()
        let stream = StreamName.market(c.feed)
        let existing = EffectiveStream(try reader.events(inStream: stream))
        let at = try occurredAt(c.at, after: existing.lastOccurredAt)
        let payload = MarketModelSet(feed: c.feed, model: c.model, note: c.note)
        return LedgerDecision(appends: [try append(payload, stream: stream, version: existing.version, at: at)])
    }

    func voidEvent(_ c: VoidEvent) throws -> LedgerDecision {
        guard let target = try reader.locate(eventID: c.eventID) else {
            throw LedgerValidationError(field: Field.event.name, rule: "no event \(c.eventID.lowercasedString)")
        }
        let stream = EffectiveStream(try reader.events(inStream: target.streamID))
        let voiding = Swift.type(of: target.event.payload).voiding
        if case .never(let rule) = voiding { throw LedgerValidationError(field: Field.event.name, rule: rule) }
        if stream.voided.contains(c.eventID) {
            throw LedgerValidationError(field: Field.event.name, rule: "event \(c.eventID.lowercasedString) is already voided")
        }
        if voiding == .latestOfItsStream, stream.effective.last?.eventID != c.eventID {
            throw LedgerValidationError(field: Field.event.name, rule: "only the latest event of \(target.streamID) that still counts can be voided (\(stream.effective.last.map { $0.event.type + " " + $0.eventID.lowercasedString } ?? "none")); void later events first")
        }
        let payload = EventVoided(voidedEventID: c.eventID, voidedType: target.event.type, reason: c.reason)
        var appends = [try append(payload, stream: target.streamID, version: stream.version, at: context.now)]
        if let partner = try splitPartner(of: target) {
            let other = EventVoided(voidedEventID: partner.event.eventID, voidedType: partner.event.event.type, reason: c.reason)
            appends.append(StreamAppend(streamID: partner.event.streamID, expected: .exact(partner.version), events: [try newEvent(other, index: 1, at: context.now)]))
        }
        return LedgerDecision(appends: appends, condorID: StreamName.condorID(of: target.streamID), layerID: StreamName.layerID(of: target.streamID))
    }

    /// A split and the opening of the condor it made are voided together: the other one, which must
    /// be the latest event that counts of its stream (with that stream's version); nil for other events.
    func splitPartner(of target: LedgerStreamEvent) throws -> (event: LedgerStreamEvent, version: Int64)? {
        let partnerStream: String, matches: (LedgerEvent) -> Bool
        switch target.event {
        case .condorSplit(let split):
            partnerStream = StreamName.condor(split.continuedAs)
            matches = { if case .condorOpenedFromSplit(let o) = $0 { o.splitFrom == split.condorID } else { false } }
        case .condorOpenedFromSplit(let opened):
            partnerStream = StreamName.condor(opened.splitFrom)
            matches = { if case .condorSplit(let s) = $0 { s.continuedAs == opened.condorID } else { false } }
        default:
            return nil
        }
        let partner = EffectiveStream(try reader.events(inStream: partnerStream))
        guard let last = partner.effective.last, matches(last.event) else {
            throw LedgerValidationError(field: Field.event.name, rule: "a split is voided together with the opening of the condor it made: void the later events of \(partnerStream) first (latest first)")
        }
        return (last, partner.version)
    }

    // MARK: helpers

    func openCondorState(_ id: UUID, action: String) throws -> CondorState {
        guard let state = CondorState.fold(try reader.events(inStream: StreamName.condor(id))) else {
            throw LedgerValidationError(field: Field.condor.name, rule: "no condor \(id.lowercasedString)")
        }
        guard state.status == .open else {
            throw LedgerValidationError(field: Field.condor.name, rule: "condor \(id.lowercasedString) is \(state.status.rawValue); only an open condor can be \(action)")
        }
        return state
    }

    func openLayerState(_ id: UUID, action: String) throws -> HedgeLayerState {
        guard let state = HedgeLayerState.fold(try reader.events(inStream: StreamName.hedge(id))) else {
            throw LedgerValidationError(field: Field.layer.name, rule: "no hedge layer \(id.lowercasedString)")
        }
        guard state.status == .open else {
            throw LedgerValidationError(field: Field.layer.name, rule: "hedge layer \(id.lowercasedString) is closed; only an open layer can be \(action)")
        }
        return state
    }

    /// `--at` (or now) must not be earlier than the stream's last event.
    func occurredAt(_ given: Date?, after last: Date?) throws -> Date {
        let at = given ?? context.now
        if let last, at < last {
            throw LedgerValidationError(field: Field.at.name, rule: "must not be earlier than the stream's last event at \(Self.iso(last)) (got \(Self.iso(at)))")
        }
        return at
    }

    /// An expiry must not fall before the trade date (the New York date of the trade).
    func checkExpiry(_ expiry: CalendarDate, notBefore at: Date, field: String) throws {
        let tradeDate = CalendarDate(newYorkDateOf: at)
        if expiry < tradeDate {
            throw LedgerValidationError(field: field, rule: "expiry \(expiry) is before the trade date \(tradeDate)")
        }
    }

    func newEvent<P: LedgerEventPayload>(_ payload: P, index: Int, at: Date) throws -> NewEvent {
        let event = try LedgerEvent.newEvent(payload, id: EventIdentity.eventID(command: context.commandID, index: index),
                                             occurredAt: at, metadata: context.metadata)
        if event.data.count > TextRule.maximumPayloadBytes {
            throw LedgerValidationError(field: "payload", rule: "\(P.eventType) would be \(event.data.count) bytes; the limit is \(TextRule.maximumPayloadBytes)")
        }
        decided?(event.eventID, payload.event)
        return event
    }

    func append<P: LedgerEventPayload>(_ payload: P, stream: String, version: Int64, at: Date) throws -> StreamAppend {
        StreamAppend(streamID: stream, expected: version == 0 ? .noStream : .exact(version), events: [try newEvent(payload, index: 0, at: at)])
    }

    static func iso(_ date: Date) -> String {
        FieldParser.plainInstant.string(from: date)
    }

    /// When an option listed for `expiry` settles, by the exchange calendar (`ExpiryRule`): 09:30
    /// New York (AM) or the session's close (PM: 16:00, 13:00 on an early close) of the expiry day,
    /// which is the trading day before `expiry` when `expiry` is an exchange holiday.
    public static func settlementInstant(_ expiry: CalendarDate, style: SettlementStyle) -> Date {
        ExpiryRule.settlementInstant(expiry, style: style)
    }
}

extension UUID {
    /// The lowercase text form the ledger prints and uses in stream names.
    public var lowercasedString: String { uuidString.lowercased() }
}
