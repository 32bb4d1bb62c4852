import Foundation
import Testing
@testable import Finance

/// VX settlement dates against the exchange's own record (every contract's last daily row in
/// ../shared/data/vx_contracts_daily.csv is its final settlement day), and the curve read from
/// ../shared/data/vx_term_structure_daily.csv.
@Suite("VIX futures curve")
struct VXCurveTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    @Test("the rule gives the settlement day of every VX contract settled 2004-2014 (CFE files) but two of 2004")
    func settlementDatesMatchTheContracts() throws {
        var last: [String: String] = [:]
        for row in OracleFiles.rows("vx_contracts_daily.csv", in: "data") {
            let contract = row.text("contract"), date = row.text("date")
            if date > last[contract, default: ""] { last[contract] = date }
        }
        let months = Array("FGHJKMNQUVXZ")
        var checked = 0
        // The file ends 2014-08-14. July and October 2004 settled a week before the rule (2004-07-14,
        // 2004-10-13): the exchange's first year; every later contract follows it.
        let exceptions = ["N (Jul 04)": "2004-07-14", "V (Oct 04)": "2004-10-13"]
        for (contract, lastDate) in last where lastDate < "2014-08-14" && exceptions[contract] == nil {
            // "K (May 04)": month letter, then the year's last two digits.
            let month = try #require(months.firstIndex(of: contract.first!)) + 1
            let year = 2000 + (try #require(Int(contract.dropLast().suffix(2))))
            #expect(VXExpiry.settlement(year: year, month: month).description == lastDate, "\(contract)")
            checked += 1
        }
        #expect(checked == 117, "every contract the file shows settled before it ends, less the two exceptions")
        for (contract, lastDate) in exceptions { #expect(last[contract] == lastDate) }
        // Holiday cases: Good Friday 2014-04-18 (March 2014) and 2022-04-15 (March 2022), Juneteenth 2026-06-19 (May 2026).
        #expect(VXExpiry.settlement(year: 2014, month: 3) == Self.day("2014-03-18"))
        #expect(VXExpiry.settlement(year: 2022, month: 3) == Self.day("2022-03-15"))
        #expect(VXExpiry.settlement(year: 2026, month: 5) == Self.day("2026-05-19"))
        #expect(VXExpiry.settlement(year: 2021, month: 12) == Self.day("2021-12-22"))
    }

    @Test("ranks roll on the settlement day, as the term-structure file does")
    func ranksRollOnSettlementDay() throws {
        let history = try VXCurveHistory(csv: try #require(OracleFiles.text("vx_term_structure_daily.csv", in: "data")), name: "vx_term_structure_daily.csv")
        #expect(history.curves.count == 3711)
        // 2021-12-22 is a settlement day: on 2021-12-21 VX1 is the December contract, on 12-22 January's.
        let before = try #require(history.curve(on: Self.day("2021-12-21")))
        let on = try #require(history.curve(on: Self.day("2021-12-22")))
        #expect(before.expiries.first == Self.day("2021-12-22"))
        #expect(on.expiries.first == Self.day("2022-01-19"))
        #expect(on.settlements.first == 21.8007 && before.settlements[1] == 23.1636)
        #expect(on.expiries.count == 8 && on.expiries == on.expiries.sorted())
    }

    @Test("interpolation: exact at a contract's expiry, linear in days between, from spot before VX1")
    func interpolation() throws {
        let history = try VXCurveHistory(csv: try #require(OracleFiles.text("vx_term_structure_daily.csv", in: "data")), name: "vx_term_structure_daily.csv")
        let curve = try #require(history.curve(on: Self.day("2021-12-23")))   // 21.6518, 23.3994, …; expiries 2022-01-19, 02-16, …
        #expect(curve.future(expiring: Self.day("2022-01-19"), spot: 20.31) == 21.6518)
        #expect(curve.future(expiring: Self.day("2022-02-16"), spot: 20.31) == 23.3994)
        // 2022-02-02: 14 of 28 days from Jan 19 to Feb 16 → the midpoint.
        let mid = try #require(curve.future(expiring: Self.day("2022-02-02"), spot: 20.31))
        #expect(abs(mid - (21.6518 + 23.3994) / 2) < 1e-12)
        // 2022-01-05: 13 of 27 days from the curve's date (spot 20.31) to Jan 19.
        let early = try #require(curve.future(expiring: Self.day("2022-01-05"), spot: 20.31))
        #expect(abs(early - (20.31 + 13.0 / 27.0 * (21.6518 - 20.31))) < 1e-12)
        #expect(curve.future(expiring: Self.day("2021-12-23"), spot: 20.31) == nil)
        #expect(curve.future(expiring: curve.expiries.last!.adding(days: 1), spot: 20.31) == nil)
    }

    @Test("gaps: a weekend and holiday are bridged, the end of the file and bad rows are refused with line and rule")
    func gapsAndBadRows() throws {
        let history = try VXCurveHistory(csv: try #require(OracleFiles.text("vx_term_structure_daily.csv", in: "data")), name: "vx.csv")
        // Hurricane Sandy closed the exchanges 2012-10-29/30: 2012-10-31 has its own row; 2012-10-29 uses 10-26.
        #expect(history.curve(on: Self.day("2012-10-29"))?.date == Self.day("2012-10-26"))
        #expect(history.curve(on: Self.day("2022-01-03")) == nil)
        #expect(throws: FinanceError.self) { try history.requireCoverage(of: [Self.day("2021-12-23"), Self.day("2022-01-03")], field: "--vx") }
        do {
            try history.requireCoverage(of: [Self.day("2022-01-03")], field: "--vx")
        } catch let error as FinanceError {
            #expect(error.field == "--vx" && error.rule.contains("2022-01-03") && error.rule.contains("2021-12-23"))
        }
        func refusal(_ text: String) -> String {
            do { _ = try VXCurveHistory(csv: text, name: "f.csv"); return "accepted" } catch let error as FinanceError { return "\(error.field): \(error.rule)" } catch { return "\(error)" }
        }
        #expect(refusal("date,vx1,vx2\n2020-01-02,13.1,x\n") == "f.csv line 2, column 3 (vx2): must be a number > 0 (got x)")
        #expect(refusal("date,vx1,vx2\n2020-01-02,,14\n") == "f.csv line 2, column 2 (vx1): must not be empty")
        #expect(refusal("date,vx1,vx2\n2020-01-03,13,14\n2020-01-02,13,14\n").hasPrefix("f.csv line 3, column 1 (date): dates must ascend"))
        #expect(refusal("date,close\n").hasPrefix("f.csv: header must be `date,vx1,vx2,…`"))
        #expect(refusal("date,vx1,vx2,vx3\n2020-01-02,13,,15\n") == "f.csv line 2, column 4 (vx3): a rank after an empty rank")
        #expect(try VXCurveHistory(csv: "date,vx1,vx2\n2020-01-02,13.5,\n", name: "f.csv").curves[0].settlements == [13.5])
    }
}
