import Finance
import Foundation
import Strategy

/// `--vx FILE` of `alvh backtest` and `alvh study`: daily VIX futures settlements
/// (`date,vx1,…,vx8`, the layout of `../shared/data/vx_term_structure_daily.csv`) that each
/// session's mark records as its futures curve, so VIX options are priced off the future of their
/// expiry instead of the VIX/VIX3M curve model.
enum VXFileOption {
    /// `days` with the curve of each (the file's row of that date, or of the last date up to
    /// `VXCurveHistory.maximumGapDays` before it); every session from `from` through `to` must have one.
    static func attach(_ path: String?, to days: [MarketDay], from: CalendarDay, to: CalendarDay) throws -> [MarketDay] {
        guard let path else { return days }
        guard FileManager.default.isReadableFile(atPath: path) else { throw CLIFailure.invalid("--vx", "cannot read '\(path)'") }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let history = try VXCurveHistory(csv: text, name: "--vx")
        let sessions = Backtest.sessions(days).map(\.date).filter { $0 >= from && $0 <= to }
        try history.requireCoverage(of: sessions, field: "--vx")
        return days.map { day in
            var day = day
            day.vxCurve = history.curve(on: day.date)
            return day
        }
    }
}
