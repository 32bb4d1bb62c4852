import Foundation
@testable import Ledger
import PostgresClient
import Testing

@Suite("Parsing values")
struct ParsingTests {
    @Test(arguments: [("10", "10"), ("10.25", "10.25"), ("0.5", "0.5"), ("-0", "0"), ("-3.5", "-3.5"), ("007.10", "7.1"),
                      ("123456789012345678901234567890", "123456789012345678901234567890")])
    func decimalAcceptsPlainNotation(text: String, canonical: String) throws {
        let value = try #require(DecimalParser.parse(text))
        #expect(DecimalParser.format(value) == canonical)
    }

    /// `CalendarDate.description` pads by hand; it prints what `%04d-%02d-%02d` prints.
    @Test func calendarDatesPrintAsYYYYMMDD() throws {
        for (y, m, d) in [(1900, 1, 1), (2026, 3, 9), (2024, 2, 29), (2999, 12, 31), (2010, 10, 10)] {
            let date = try #require(CalendarDate(year: y, month: m, day: d))
            #expect(date.description == String(format: "%04d-%02d-%02d", y, m, d))
            #expect(CalendarDate(iso: date.description) == date)
        }
    }

    @Test(arguments: ["1e309", "1E3", "0x10", "nan", "NaN", "inf", "-inf", "infinity", "+1", "1,5", "1 000", " 1", "1 ", ".5", "5.", "",
                      "-", "1.2.3", "١٢", "１２", "--1", "1_000", "1234567890123456789012345678901"])
    func decimalRefusesEverythingElse(text: String) {
        #expect(DecimalParser.parse(text) == nil)
    }

    @Test func pricesAreBoundedAndNonNegative() throws {
        #expect(try FieldParser.price("1000000000", field: "--credit") == 1_000_000_000)
        #expect(try FieldParser.price("-0", field: "--credit") == 0)
        #expect(throws: LedgerValidationError(field: "--credit", rule: "must be at most 1e9 (got 1000000000.01)")) {
            try FieldParser.price("1000000000.01", field: "--credit")
        }
        #expect(throws: LedgerValidationError(field: "--fees", rule: "must not be negative (got -1)")) { try FieldParser.price("-1", field: "--fees") }
        #expect(throws: LedgerValidationError(field: "--credit", rule: "must be a plain decimal number like 10.25 (got 'NaN')")) {
            try FieldParser.price("NaN", field: "--credit")
        }
    }

    @Test func countsAreWholeAndPositive() throws {
        #expect(try FieldParser.count("3", field: "--contracts") == 3)
        for bad in ["0", "-1", "1.5", "1e2", "two", "", "0x3", "1000001"] {
            #expect(throws: LedgerValidationError.self) { try FieldParser.count(bad, field: "--contracts") }
        }
        #expect(throws: LedgerValidationError(field: "--contracts", rule: "must be ≥ 1 (got 0)")) { try FieldParser.count("0", field: "--contracts") }
    }

    @Test func datesAndInstants() throws {
        #expect(try FieldParser.date("2024-02-29", field: "--expiry") == CalendarDate(year: 2024, month: 2, day: 29))
        for bad in ["2026-02-30", "2025-02-29", "2026-13-01", "2026-3-1", "20260301", "2026/03/01", "tomorrow", "2026-03-01T00:00:00Z"] {
            #expect(throws: LedgerValidationError.self) { try FieldParser.date(bad, field: "--expiry") }
        }
        let at = try FieldParser.instant("2026-03-02T10:30:00-05:00", field: "--at")
        #expect(at == instant("2026-03-02T15:30:00Z"))
        #expect(try FieldParser.instant("2026-03-02T15:30:00.250Z", field: "--at").timeIntervalSince(at) == 0.25)
        // Microseconds are kept exactly (the store's precision), in any zone; a 7th digit is refused.
        let micro = try FieldParser.instant("2026-03-02T10:30:00.123456-05:00", field: "--at")
        #expect(PostgresTime.unixMicroseconds(micro) == PostgresTime.unixMicroseconds(at) + 123_456)
        #expect(PostgresTime.unixMicroseconds(try FieldParser.instant("2026-03-02T15:30:00.000001Z", field: "--at")) == PostgresTime.unixMicroseconds(at) + 1)
        #expect(PostgresTime.unixMicroseconds(try FieldParser.instant("2026-03-02T15:30:00.9Z", field: "--at")) == PostgresTime.unixMicroseconds(at) + 900_000)
        for bad in ["2026-03-02", "2026-03-02T15:30:00", "2026-02-30T15:30:00Z", "yesterday", "2026-03-02 15:30:00Z",
                    "2026-03-02T15:30:00.1234567Z", "2026-03-02T15:30:00.Z", "2026-03-02T15:30:00.5", "2026-03-02T15:30:00.5x+01:00"] {
            #expect(throws: LedgerValidationError.self) { try FieldParser.instant(bad, field: "--at") }
        }
    }

    @Test func uuids() throws {
        #expect(try FieldParser.uuid("3F2B8C1E-0D4A-4C55-9A7E-2B1C0F9E8D71", field: "ID").uuidString == "3F2B8C1E-0D4A-4C55-9A7E-2B1C0F9E8D71")
        for bad in ["", "3f2b8c1e", "3f2b8c1e-0d4a-4c55-9a7e-2b1c0f9e8d7", "{3f2b8c1e-0d4a-4c55-9a7e-2b1c0f9e8d71}", "zzzzzzzz-0d4a-4c55-9a7e-2b1c0f9e8d71"] {
            #expect(throws: LedgerValidationError.self) { try FieldParser.uuid(bad, field: "ID") }
        }
    }

    @Test func ironCondorStrikeOrderNamesTheFlag() throws {
        let expiry = CalendarDate(iso: "2026-03-20")!
        #expect(throws: LedgerValidationError(field: "--short-put", rule: "must be above --long-put (got 4900 ≤ 4950)")) {
            try IronCondorLegs(expiry: expiry, longPut: 4950, shortPut: 4900, shortCall: 5300, longCall: 5350)
        }
        #expect(throws: LedgerValidationError(field: "--short-call", rule: "must be above --short-put (got 4950 ≤ 4950)")) {
            try IronCondorLegs(expiry: expiry, longPut: 4900, shortPut: 4950, shortCall: 4950, longCall: 5350)
        }
        #expect(throws: LedgerValidationError(field: "--long-call", rule: "must be above --short-call (got 5300 ≤ 5300)")) {
            try IronCondorLegs(expiry: expiry, longPut: 4900, shortPut: 4950, shortCall: 5300, longCall: 5300)
        }
        #expect(throws: LedgerValidationError(field: "--long-put", rule: "strike must be > 0 (got 0)")) {
            try IronCondorLegs(expiry: expiry, longPut: 0, shortPut: 4950, shortCall: 5300, longCall: 5350)
        }
        let legs = try IronCondorLegs(expiry: expiry, longPut: 4900, shortPut: 4950, shortCall: 5300, longCall: 5375)
        #expect(legs.widestWing == 75)
        #expect(legs.settlementValue(at: 5000) == 0)
        #expect(legs.settlementValue(at: 4930) == 20)
        #expect(legs.settlementValue(at: 4000) == 50)
        #expect(legs.settlementValue(at: 5340) == 40)
        #expect(legs.settlementValue(at: 6000) == 75)
        #expect(legs.legs(contracts: 3).map(\.quantity) == [3, -3, -3, 3])
    }

    @Test func hedgeInstrumentSpecs() throws {
        #expect(try HedgeInstrument(spec: "VX 2026-04") == .vixFuture(month: ContractMonth(iso: "2026-04")!))
        #expect(try HedgeInstrument(spec: "VIX 2026-03-18 C 25").spec == "VIX 2026-03-18 C 25")
        #expect(try HedgeInstrument(spec: "VIX 2026-03-18 c 22.5") == .vixOption(expiry: CalendarDate(iso: "2026-03-18")!, right: .call, strike: Decimal(string: "22.5")!))
        #expect(try HedgeInstrument(spec: "UVXY") == .etp(.uvxy))
        #expect(try HedgeInstrument(spec: "VX 2026-04").multiplier == 1000)
        #expect(try HedgeInstrument(spec: "VIX 2026-03-18 P 15").multiplier == 100)
        #expect(try HedgeInstrument(spec: "VIXY").multiplier == 1)
        for bad in ["VX 2026-4", "VX", "VX 2026-04-01", "VIX 2026-03-18 X 25", "VIX 2026-02-30 C 25", "VIX 2026-03-18 C -5", "VIX 2026-03-18 C",
                    "SPY", "", "vxx shares", "VIX 2026-03-18 C 1e3"] {
            #expect(throws: LedgerValidationError.self) { try HedgeInstrument(spec: bad) }
        }
    }

    @Test func optionQuoteSpecs() throws {
        let quote = try OptionQuote(spec: "2026-03-20 P 4950=12.5/13.1@0.21")
        #expect(quote.right == .put && quote.strike == 4950 && quote.bid == Decimal(string: "12.5")! && quote.impliedVolatility == Decimal(string: "0.21")!)
        #expect(quote.mid == Decimal(string: "12.8")!)
        #expect(try OptionQuote(spec: "2026-03-20 C 5300=0/0.05").impliedVolatility == nil)
        #expect(throws: LedgerValidationError(field: "--quote", rule: "bid must not exceed ask (got 13.1 > 12.5)")) {
            try OptionQuote(spec: "2026-03-20 P 4950=13.1/12.5")
        }
        for bad in ["2026-03-20 P 4950", "2026-03-20 P 4950=12.5", "2026-03-20 Q 4950=1/2", "2026-03-20 P 4950=1/2@0", "2026-03-20 P 4950=1/2@abc",
                    "P 4950=1/2", "2026-03-20 P 0=1/2", "2026-03-20 P 4950=-1/2", "2026-03-20 P 4950=1/2@0.2@0.3", "2026-03-20 P 4950=nan/2"] {
            #expect(throws: LedgerValidationError.self) { try OptionQuote(spec: bad) }
        }
    }

    @Test func errorsQuoteAHostileValueShortened() throws {
        let huge = String(repeating: "x", count: 1_000_000)
        let error = try #require(throws: LedgerValidationError.self) { try FieldParser.uuid(huge, field: "--condor") }
        #expect(error.rule.hasSuffix("(got '\(String(repeating: "x", count: 60))…' (1000000 characters))"))
        #expect(error.description.count < 200)
        // Short values are quoted whole.
        #expect(throws: LedgerValidationError(field: "--condor", rule: "must be a UUID like 3f2b8c1e-0d4a-4c55-9a7e-2b1c0f9e8d71 (got 'abc')")) {
            try FieldParser.uuid("abc", field: "--condor")
        }
    }

    @Test func freeTextIsVerbatimButNotNULOrBrokenUTF8() throws {
        let text = "it's \"fine\"; DROP TABLE events; -- ✓ 日本 \u{1F600}\n\ttabs"
        #expect(try TextRule.reason(text, field: "--reason") == text)
        #expect(throws: LedgerValidationError.self) { try TextRule.reason("a\u{0}b", field: "--reason") }
        #expect(throws: LedgerValidationError.self) { try TextRule.reason("bad \u{FFFD} bytes", field: "--reason") }
        #expect(throws: LedgerValidationError(field: "--reason", rule: "must be at most 10000 characters (got 10001)")) {
            try TextRule.reason(String(repeating: "x", count: 10_001), field: "--reason")
        }
        #expect(throws: LedgerValidationError(field: "--portfolio", rule: "must not be empty")) { try TextRule.name("", field: "--portfolio") }
        // One grapheme of 20,000 combining marks is one Swift Character but 20,001 code points: refused.
        let zalgo = "e" + String(repeating: "\u{301}", count: 20_000)
        #expect(zalgo.count == 1)
        #expect(throws: LedgerValidationError(field: "--reason", rule: "must be at most 10000 characters (got 20001)")) {
            try TextRule.reason(zalgo, field: "--reason")
        }
        // A CJK character is one code point, so 10,000 of them pass.
        #expect(try TextRule.reason(String(repeating: "日", count: 10_000), field: "--reason").unicodeScalars.count == 10_000)
    }
}

@Suite("Settlement and portfolios")
struct SettlementTests {
    @Test func settlementInstantsFollowTheUnderlying() {
        let expiry = CalendarDate(iso: "2026-01-16")!
        #expect(Underlying.spx.settlement == .am && Underlying.spxw.settlement == .pm && Underlying.xsp.settlement == .pm)
        #expect(LedgerDecider.settlementInstant(expiry, style: .am) == instant("2026-01-16T14:30:00Z")) // 09:30 EST
        #expect(LedgerDecider.settlementInstant(expiry, style: .pm) == instant("2026-01-16T21:00:00Z")) // 16:00 EST
        #expect(LedgerDecider.settlementInstant(CalendarDate(iso: "2026-07-17")!, style: .pm) == instant("2026-07-17T20:00:00Z")) // EDT
    }

    @Test func portfolioStreamsFitTheStoreRules() {
        #expect(StreamName.portfolio("main") == "portfolio-main")
        let odd = StreamName.portfolio("income desk \"β\"; DROP")
        #expect(odd.hasPrefix("portfolio-h:") && odd.count == "portfolio-h:".count + 32)
        #expect(odd == StreamName.portfolio("income desk \"β\"; DROP"))
        #expect(odd != StreamName.portfolio("income desk \"β\"; DROP "))
    }

    @Test func calendarArithmetic() {
        #expect(CalendarDate(iso: "2026-02-27")!.adding(days: 2) == CalendarDate(iso: "2026-03-01"))
        #expect(CalendarDate(iso: "2024-02-28")!.adding(days: 1) == CalendarDate(iso: "2024-02-29"))
        #expect(CalendarDate(newYorkDateOf: instant("2026-03-03T03:00:00Z")) == CalendarDate(iso: "2026-03-02")) // 22:00 in New York
    }
}
