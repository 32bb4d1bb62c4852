@testable import ALVHCLI
import EventStore
import Finance
import Foundation
import Ledger
import Market
import Strategy
import TestSupport
import Testing

/// `--vx FILE`: the marks of `alvh backtest` record the file's futures curve, and VIX options are
/// priced (and struck) off the future of their expiry through the mark's one market model, on a
/// real PostgreSQL with the real 2020 history in ../shared/data.
@Suite(.serialized)
struct VXBacktestTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")
    static func file(_ name: String) -> String { data.appendingPathComponent(name).path }
    static var market: [String] {
        ["--spx", file("spx_daily.csv"), "--vix", file("vix_daily.csv"), "--vix3m", file("vix3m_daily.csv"), "--vx", file("vx_term_structure_daily.csv")]
    }

    static func events(_ store: EventStore) throws -> [LedgerStreamEvent] {
        var events: [LedgerStreamEvent] = []
        var position: Int64 = 0
        while true {
            let page = try store.readAll(after: position, limit: 5000)
            guard let last = page.last else { break }
            events += try page.map(LedgerStreamEvent.init(recorded:))
            position = last.globalPosition
        }
        return events
    }

    @Test("each mark records the day's VX curve by contract month; every VIX call is struck off the recorded curve interpolated to its expiry")
    func marksCarryTheCurve() throws {
        let database = try TestDatabase.migrated()
        let run = ALVHProcess.run(["backtest", "--database", database.connectionString, "--from", "2020-01-02", "--to", "2020-06-30", "--portfolio", "vx"] + Self.market)
        #expect(run.status == 0, "\(run.stderr)")
        let history = try VXCurveHistory(csv: String(contentsOfFile: Self.file("vx_term_structure_daily.csv"), encoding: .utf8), name: "vx")
        var marks: [Date: MarketMark] = [:]
        var layers = 0, differFromSpot = 0, interpolated = 0
        for item in try Self.events(try database.store()) {
            switch item.event {
            case .marketObserved(let observed):
                let curve = try #require(history.curve(on: CalendarDate(newYorkDateOf: item.occurredAt).calendarDay))
                #expect(observed.futures.map(\.price) == curve.settlements.map { try! Money.rounded($0, scale: 4) })
                #expect(observed.futures.map(\.month.description) == curve.expiries.map { String($0.description.prefix(7)) })
                marks[item.occurredAt] = MarketMark(eventID: item.eventID, position: 0, at: item.occurredAt, observed: observed)
            case .hedgeLayerAdded(let added):
                guard case let .vixOption(expiry, .call, strike)? = added.legs.single else { Issue.record("not a VIX call: \(added.legs)"); continue }
                let mark = try #require(marks[item.occurredAt])
                // What replay sees: the stored mark alone gives the future of the option's expiry, from
                // quotes: the file's curve that day interpolated in calendar days to the expiry.
                let (forward, source) = mark.model.vixForward(expiry: expiry, at: mark)
                let day = mark.date.calendarDay
                let curve = try #require(history.curve(on: day))
                let future = try #require(VXCurve(date: day, settlements: curve.settlements, expiries: curve.expiries)
                    .future(expiring: expiry.calendarDay, spot: mark.levels.vix))
                #expect(source == .quotes && abs(forward - future) < 1e-9, "\(expiry): \(forward) vs \(future)")
                if observed(mark, month: expiry) != nil, !curve.expiries.contains(expiry.calendarDay) { interpolated += 1 }
                #expect(strike == Decimal(max(1, (forward + AdvisorParameters().hedge.strikeOffset).rounded())), "\(expiry) \(strike) off \(forward)")
                if strike != Decimal(max(1, (mark.levels.vix + AdvisorParameters().hedge.strikeOffset).rounded())) {
                    differFromSpot += 1
                }
                layers += 1
            default: break
            }
        }
        #expect(marks.count == 125 && layers > 5, "half of 2020: \(marks.count) sessions, \(layers) layers")
        #expect(differFromSpot > 0, "the curve, not spot VIX, sets the strike")
        #expect(interpolated > 0, "some layers expire between two contracts' settlements")
    }

    func observed(_ mark: MarketMark, month expiry: CalendarDate) -> Decimal? {
        mark.futures.first { $0.month.description == String(expiry.description.prefix(7)) }?.price
    }

    @Test("bad --vx: the flag and the rule, exit 2, nothing written")
    func badInput() throws {
        let database = try TestDatabase.migrated()
        let cases: [([String], String)] = [
            (["--synthetic", "--vx", Self.file("vx_term_structure_daily.csv")], "--vx: goes with --spx/--vix files, not --synthetic"),
            (Self.market.dropLast(2) + ["--vx", "/nonexistent.csv", "--from", "2020-01-02", "--to", "2020-02-28"], "--vx: cannot read '/nonexistent.csv'"),
            (Self.market + ["--from", "2021-12-01", "--to", "2022-01-31"], "--vx: has no settlement on or up to 4 days before the session 2021-12-28"),
            (Self.market.dropLast(2) + ["--vx", Self.file("vix_daily.csv"), "--from", "2020-01-02", "--to", "2020-02-28"], "--vx: header must be `date,vx1,vx2,…`"),
        ]
        for (arguments, message) in cases {
            let run = ALVHProcess.run(["backtest", "--database", database.connectionString, "--portfolio", "vx"] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
        }
        #expect(try Self.events(try database.store()).isEmpty)
        let study = ALVHProcess.run(["study", "--spx", Self.file("spx_daily.csv"), "--vix", Self.file("vix_daily.csv"), "--vx", Self.file("vx_term_structure_daily.csv"),
                          "--train", "2020-01-02..2021-06-30", "--test", "2021-07-01..2022-06-30"])
        #expect(study.status == 2 && study.stderr.contains("--vx: has no settlement on or up to 4 days before the session 2021-12-28"), "\(study.stderr)")
    }
}
