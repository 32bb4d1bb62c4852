import Foundation

/// One line per event in the trader's words, built from the event alone, so a retried command
/// prints exactly what the original printed.
public enum EventSummary {
    public static func line(_ event: LedgerEvent) -> String {
        func f(_ value: Decimal) -> String { DecimalParser.format(value) }
        func strikes(_ legs: [CondorLeg], _ expiry: CalendarDate) -> String {
            guard let s = IronCondorLegs(expiry: expiry, legs: legs) else { return "\(expiry)" }
            return "\(expiry) \(f(s.longPut))/\(f(s.shortPut))/\(f(s.shortCall))/\(f(s.longCall))"
        }
        switch event {
        case .portfolioOpened(let e):
            return "portfolio \(e.name) added"
        case .condorOpened(let e):
            return "condor \(e.condorID.lowercasedString) opened in \(e.portfolio): \(e.underlying.rawValue) \(strikes(e.legs, e.expiry)) ×\(e.contracts) for \(f(e.credit)) credit, fees \(f(e.fees))"
        case .condorRolled(let e):
            return "condor \(e.condorID.lowercasedString) rolled (\(e.side.rawValue)) to \(strikes(e.legsAfter, e.expiryAfter)): closed for \(f(e.closePrice)), opened for \(f(e.openPrice)), net credit \(f(e.netCredit)), fees \(f(e.fees))"
        case .rollDeferred(let e):
            return "condor \(e.condorID.lowercasedString): roll deferred (\(e.reason))"
        case .condorClosed(let e):
            return "condor \(e.condorID.lowercasedString) closed for \(f(e.price)) debit (\(e.reason.rawValue)), fees \(f(e.fees))"
        case .condorExpired(let e):
            return "condor \(e.condorID.lowercasedString) expired at \(f(e.settlementLevel)): settlement value \(f(e.settlementValue))"
        case .hedgeLayerAdded(let e):
            let protects = e.protects.isEmpty ? "portfolio \(e.portfolio)" : e.protects.map(\.lowercasedString).joined(separator: ",")
            return "hedge layer \(e.layerID.lowercasedString) added: \(e.quantity) × \(e.instrument.spec) at \(f(e.price)), fees \(f(e.fees)), protects \(protects)"
        case .hedgeLayerReduced(let e):
            return "hedge layer \(e.layerID.lowercasedString) reduced by \(e.quantity) at \(f(e.price)), fees \(f(e.fees))"
        case .hedgeLayerClosed(let e):
            return "hedge layer \(e.layerID.lowercasedString) closed: sold \(e.quantity) at \(f(e.price)), fees \(f(e.fees))"
        case .marketObserved(let e):
            return "market \(e.feed): SPX \(f(e.spx)), VIX \(f(e.vix))" + (e.vix3m.map { ", VIX3M \(f($0))" } ?? "")
                + (e.futures.isEmpty ? "" : ", \(e.futures.count) futures") + (e.quotes.isEmpty ? "" : ", \(e.quotes.count) quotes")
        case .marketModelSet(let e):
            let m = e.model, x = m.execution
            return "market model of feed \(e.feed): rate \(f(m.rate)), dividend yield \(f(m.dividendYield)), skew \(m.skew.model), "
                + "VIX options \(f(m.vixOptionVolatility)) vol; fills at mid ∓ \(f(x.slippagePerLeg)) per leg, fees \(f(x.feePerLegContract)) per leg and contract"
        case .eventVoided(let e):
            return "\(e.voidedType) \(e.voidedEventID.lowercasedString) voided (\(e.reason))"
        }
    }
}
