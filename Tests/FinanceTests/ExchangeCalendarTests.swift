import Foundation
import Testing
@testable import Finance

/// The NYSE table against the exchange's own record: the real S&P 500 closes in ../shared/data, the
/// published 2022–2027 calendars, and the expiries CBOE listed in the real chains.
@Suite("Exchange calendar")
struct ExchangeCalendarTests {
    let calendar = ExchangeCalendar.nyse

    static func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    static func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test("every weekday 1990-01-02 … 2026-07-08 trades exactly when spx_daily.csv has a close")
    func tableMatchesTheIndexHistory() throws {
        let rows = OracleFiles.rows("spx_daily.csv", in: "data")
        let closes = Set(rows.map { $0.text("date") })
        try #require(closes.count > 20_000)
        var day = Self.day("1990-01-02")
        var checked = 0, closures = 0
        while day <= Self.day("2026-07-08") {
            if day.isWeekday {
                #expect(calendar.isTradingDay(day) == closes.contains(day.description),
                        "\(day): table says \(calendar.isTradingDay(day) ? "trading" : "closed (\(calendar.closure(on: day)?.name ?? ""))"), spx_daily.csv \(closes.contains(day.description) ? "has" : "has no") close")
                checked += 1
                if !calendar.isTradingDay(day) { closures += 1 }
            }
            day = day.adding(days: 1)
        }
        #expect(checked > 9_500)
        #expect(closures > 330) // ≈ 9 a year, plus 2001-09-11…14, Sandy, the days of mourning
    }

    /// NYSE Group's press releases for 2022–2024 (2021-12-27), 2023–2025 (2022-12-21) and
    /// 2025–2027 (2024-11-08); 2025-01-09 closed for the national day of mourning (Cboe, 2024-12-30).
    @Test("2022–2027: the published full closures and early closes")
    func publishedCalendars() {
        let full: [Int: [String]] = [
            2022: ["01-17", "02-21", "04-15", "05-30", "06-20", "07-04", "09-05", "11-24", "12-26"],
            2023: ["01-02", "01-16", "02-20", "04-07", "05-29", "06-19", "07-04", "09-04", "11-23", "12-25"],
            2024: ["01-01", "01-15", "02-19", "03-29", "05-27", "06-19", "07-04", "09-02", "11-28", "12-25"],
            2025: ["01-01", "01-09", "01-20", "02-17", "04-18", "05-26", "06-19", "07-04", "09-01", "11-27", "12-25"],
            2026: ["01-01", "01-19", "02-16", "04-03", "05-25", "06-19", "07-03", "09-07", "11-26", "12-25"],
            2027: ["01-01", "01-18", "02-15", "03-26", "05-31", "06-18", "07-05", "09-06", "11-25", "12-24"],
        ]
        let early: [Int: [String]] = [
            2022: ["11-25"], 2023: ["07-03", "11-24"], 2024: ["07-03", "11-29", "12-24"],
            2025: ["07-03", "11-28", "12-24"], 2026: ["11-27", "12-24"], 2027: ["11-26"],
        ]
        for year in 2022...2027 {
            var closed: [String] = [], shortened: [String] = []
            var day = CalendarDay(year: year, month: 1, day: 1)!
            while day.components.year == year {
                if day.isWeekday, !calendar.isTradingDay(day) { closed.append(String(day.description.suffix(5))) }
                if calendar.isEarlyClose(day) {
                    shortened.append(String(day.description.suffix(5)))
                    #expect(calendar.sessionClose(on: day) == ExchangeTime(hour: 13, minute: 0))
                }
                day = day.adding(days: 1)
            }
            #expect(closed == full[year], "\(year) closures")
            #expect(shortened == early[year], "\(year) early closes")
        }
    }

    @Test("sessions: next and previous trading days, session closes")
    func sessions() {
        #expect(calendar.nextTradingDay(after: Self.day("2022-04-14")) == Self.day("2022-04-18"))
        #expect(calendar.previousTradingDay(before: Self.day("2022-04-18")) == Self.day("2022-04-14"))
        #expect(calendar.nextTradingDay(after: Self.day("2024-12-31")) == Self.day("2025-01-02"))
        #expect(calendar.previousTradingDay(before: Self.day("2025-01-10")) == Self.day("2025-01-08"))
        #expect(calendar.sessionClose(on: Self.day("2024-11-27")) == ExchangeTime(hour: 16, minute: 0))
        #expect(calendar.sessionClose(on: Self.day("2024-11-29")) == ExchangeTime(hour: 13, minute: 0))
        #expect(calendar.sessionClose(on: Self.day("1992-12-24")) == ExchangeTime(hour: 14, minute: 0))
        #expect(calendar.sessionClose(on: Self.day("2024-11-28")) == nil)
        #expect(calendar.sessionClose(on: Self.day("2024-11-30")) == nil)
        #expect(calendar.closure(on: Self.day("2022-04-15"))?.name == "Good Friday")
        #expect(calendar.isTradingDay(Self.day("2028-12-25"))) // beyond the table: weekdays trade
        #expect(!calendar.covers(Self.day("2028-12-25")))
        #expect(calendar.covers(Self.day("2027-12-31")))
    }

    @Test("an expiry on a holiday moves to the trading day before; settlement at that session's open or close")
    func expiryAndSettlement() {
        #expect(calendar.expiryDay(forListed: Self.day("2022-04-15")) == Self.day("2022-04-14")) // Good Friday
        #expect(calendar.expiryDay(forListed: Self.day("2025-01-09")) == Self.day("2025-01-08")) // day of mourning
        #expect(calendar.expiryDay(forListed: Self.day("2026-07-03")) == Self.day("2026-07-02")) // Independence Day observed
        #expect(calendar.expiryDay(forListed: Self.day("2022-04-14")) == Self.day("2022-04-14"))
        #expect(calendar.settlementInstant(expiry: Self.day("2026-01-16"), settlement: .pmClose) == Self.instant("2026-01-16T21:00:00Z"))
        #expect(calendar.settlementInstant(expiry: Self.day("2026-07-17"), settlement: .pmClose) == Self.instant("2026-07-17T20:00:00Z"))
        #expect(calendar.settlementInstant(expiry: Self.day("2026-01-16"), settlement: .amOpening) == Self.instant("2026-01-16T14:30:00Z"))
        #expect(calendar.settlementInstant(expiry: Self.day("2024-11-29"), settlement: .pmClose) == Self.instant("2024-11-29T18:00:00Z")) // 13:00 EST
        #expect(calendar.settlementInstant(expiry: Self.day("2024-12-24"), settlement: .pmClose) == Self.instant("2024-12-24T18:00:00Z"))
        #expect(calendar.settlementInstant(expiry: Self.day("2022-04-15"), settlement: .pmClose) == Self.instant("2022-04-14T20:00:00Z")) // 16:00 EDT Thursday
        #expect(calendar.settlementInstant(expiry: Self.day("2022-04-15"), settlement: .amOpening) == Self.instant("2022-04-14T13:30:00Z"))
    }

    @Test("every expiry CBOE listed in the real chains is a trading day (2025-01-09, closed after the listing, moves to 01-08)")
    func realChainExpiries() throws {
        let directory = OracleFiles.sharedDirectory.appendingPathComponent("data/spx_chains")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".csv") }
        #expect(files.count == 9)
        var expiries = Set<String>()
        for file in files {
            expiries.formUnion(OracleFiles.rows(file, in: "data/spx_chains").map { $0.text("expiration") })
        }
        #expect(expiries.contains("2022-04-14") && !expiries.contains("2022-04-15"))
        for expiry in expiries.sorted() {
            let day = Self.day(expiry)
            if expiry == "2025-01-09" {
                #expect(!calendar.isTradingDay(day))
                #expect(calendar.expiryDay(forListed: day) == Self.day("2025-01-08"))
            } else {
                #expect(calendar.isTradingDay(day), "\(expiry) is listed in a chain but the table says the exchange is closed")
            }
        }
    }
}
