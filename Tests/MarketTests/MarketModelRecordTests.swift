import Finance
import Foundation
import Ledger
import Testing
@testable import Market

/// The model as the ledger records it: validation, the payload, which model values a mark.
struct MarketModelRecordTests {
    @Test func parametersOutOfRangeNameTheFlagAndTheRule() {
        func refused(_ change: (inout MarketModelParameters) -> Void) -> LedgerValidationError? {
            var p = MarketModelParameters.standard
            change(&p)
            do { try p.validate(); return nil } catch let error as LedgerValidationError { return error } catch { return nil }
        }
        #expect(refused { $0.execution.slippagePerLeg = -1 }?.description == "--slippage: must be ≥ 0 and ≤ 100 index points per leg (got -1)")
        #expect(refused { $0.rate = decimal("0.6") }?.description == "--rate: must be a fraction between -0.10 and 0.50 (0.04 = 4 %) (got 0.6)")
        #expect(refused { $0.rate = decimal("-0.11") }?.field == "--rate")
        #expect(refused { $0.rate = decimal("-0.10") } == nil && refused { $0.rate = decimal("0.5") } == nil, "the bounds are allowed")
        #expect(refused { $0.dividendYield = 1 }?.field == "--dividend-yield")
        #expect(refused { $0.execution.feePerLegContract = -1 }?.field == "--fee-per-leg")
        #expect(refused { $0.vixOptionVolatility = 0 }?.field == "--vix-option-vol")
        #expect(refused { $0.vixFuturesCurveDays = 0 }?.field == "--vix-curve-days")
        #expect(refused { $0.execution.vixOptionHalfSpread = -1 }?.field == "--vix-half-spread")
        #expect(refused { $0.execution.vixOptionFeePerContract = -1 }?.field == "--vix-fee")
        #expect(refused { $0.skew.model = "fitted-v9" }?.rule.contains("use a newer alvh") == true)
        #expect(refused { $0.skew.parameters["atmFactor"] = nil }?.field == "skew.atmFactor")
        #expect(refused { $0.skew.parameters["wobble"] = 1 }?.field == "skew.wobble")
        #expect(refused { $0.timeConvention = "business-days/252" }?.field == "timeConvention")
        #expect(refused { _ in } == nil && (try? MarketModelParameters.unrecorded.validate()) != nil)
    }

    /// Every parameter is in the payload as a decimal string, and reads back equal.
    @Test func thePayloadCarriesEveryParameter() throws {
        let event = MarketModelSet(feed: "spx", model: .standard, note: "defaults")
        let json = String(decoding: try LedgerJSON.encode(event), as: UTF8.self)
        for fragment in [#""rate":"0.04""#, #""dividendYield":"0.013""#, #""vixOptionVolatility":"0.9""#, #""vixFuturesCurveDays":63"#,
                         #""slippagePerLeg":"0.1""#, #""feePerLegContract":"1""#, #""vixOptionHalfSpread":"0.05""#, #""vixOptionFeePerContract":"1""#,
                         #""timeConvention":"seconds-to-settlement\/365d""#, #""model":"vix-term-skew-v1""#, #""atmFactor":"0.8031492163538921""#,
                         #""putSlope":"4.498629855371349""#, #""callScale":"0.050000000012586227""#] {
            #expect(json.contains(fragment.replacingOccurrences(of: "\\/", with: "/")), "\(fragment) in \(json)")
        }
        #expect(try LedgerJSON.decode(MarketModelSet.self, from: Data(json.utf8)) == event)
        #expect(MarketModelSet.schemaVersion == 1 && LedgerEvent.knownTypes.contains(MarketModelSet.eventType))
        #expect(try LedgerEvent(type: MarketModelSet.eventType, schemaVersion: 1, data: Data(json.utf8)) == .marketModelSet(event))
    }

    /// The built-in model of feeds that recorded none is frozen: these numbers never change.
    @Test func theUnrecordedModelIsFrozen() throws {
        let u = MarketModelParameters.unrecorded
        #expect(u.rate == decimal("0.04") && u.dividendYield == decimal("0.013") && u.vixOptionVolatility == decimal("0.9"))
        #expect(u.vixFuturesCurveDays == 63 && u.timeConvention == "seconds-to-settlement/365d")
        #expect(u.execution == ExecutionParameters(slippagePerLeg: 0, feePerLegContract: 0, vixOptionHalfSpread: 0, vixOptionFeePerContract: 0))
        // The skew main's projections valued with before models were recorded: the first chain fit.
        #expect(u.skew == SkewParameters(model: "vix-term-skew-v1", parameters: [
            "atmFactor": decimal("0.8031492163538921"), "atmTenorExponent": decimal("-0.05568812314939024"),
            "moneynessTimeExponent": decimal("0.19699111359705773"), "putSlope": decimal("4.498629855371349"),
            "putScale": decimal("0.22031857443424466"), "callSlope": decimal("3.033598851889227"),
            "callScale": decimal("0.050000000012586227"), "minimum": decimal("0.01"), "maximum": 5]))
        #expect(MarketModel.unrecorded.eventID == nil && MarketModel.unrecorded.id == "built-in")
    }

    /// A mark is valued with the latest model of its feed at or before its instant (the same
    /// instant counts); before any, with the built-in one; other feeds' models never apply.
    @Test func theModelInForceAtAMark() throws {
        let t0 = MarketCalendar.closeInstant(date("2026-03-02"))
        var higher = MarketModelParameters.standard
        higher.rate = decimal("0.05")
        let first = try MarketModel(parameters: .standard, eventID: UUID(), feed: "spx", effectiveFrom: t0)
        let second = try MarketModel(parameters: higher, eventID: UUID(), feed: "spx", effectiveFrom: t0.addingTimeInterval(86_400))
        let other = try MarketModel(parameters: higher, eventID: UUID(), feed: "bt-x", effectiveFrom: t0.addingTimeInterval(-86_400))
        let models = MarketModels([first, other, second])
        #expect(models.model(feed: "spx", at: t0.addingTimeInterval(-1)) == .unrecorded)
        #expect(models.model(feed: "spx", at: t0) == first)
        #expect(models.model(feed: "spx", at: t0.addingTimeInterval(86_399)) == first)
        #expect(models.model(feed: "spx", at: t0.addingTimeInterval(86_400)) == second)
        #expect(models.model(feed: "other", at: t0.addingTimeInterval(1e6)) == .unrecorded)
        #expect(models.model(feed: "bt-x", at: t0) == other)
        // Two at one instant: the later recorded wins.
        let third = try MarketModel(parameters: .unrecorded, eventID: UUID(), feed: "spx", effectiveFrom: t0.addingTimeInterval(86_400))
        var more = models
        more.add(third)
        #expect(more.model(feed: "spx", at: t0.addingTimeInterval(90_000)) == third)
        let marks = models.attach(to: [mark(date("2026-03-02"), spx: 5000, vix: 15, model: .unrecorded, feed: "spx"),
                                       mark(date("2026-03-03"), spx: 5000, vix: 15, model: .unrecorded, feed: "spx")])
        #expect(marks.map(\.model) == [first, second])
    }
}
