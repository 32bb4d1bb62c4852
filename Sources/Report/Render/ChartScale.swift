import Foundation
import Ledger

/// A linear map from data values to SVG coordinates, with rounded tick values.
struct ChartScale {
    var lower: Double
    var upper: Double
    var start: Double
    var end: Double

    /// A scale covering `values` (and `including`), widened to tick-friendly bounds.
    init(covering values: [Double], including: [Double] = [], from start: Double, to end: Double, nice: Bool = true) {
        let all = values + including
        var lower = all.min() ?? 0, upper = all.max() ?? 1
        if lower == upper { lower -= 1; upper += 1 }
        if nice {
            let step = ChartScale.step(for: upper - lower)
            lower = (lower / step).rounded(.down) * step
            upper = (upper / step).rounded(.up) * step
        }
        self.lower = lower
        self.upper = upper
        self.start = start
        self.end = end
    }

    func callAsFunction(_ value: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// About five round tick values within the bounds.
    var ticks: [Double] {
        let step = ChartScale.step(for: upper - lower)
        var tick = (lower / step).rounded(.up) * step
        var ticks: [Double] = []
        while tick <= upper + step * 1e-9 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    static func step(for span: Double) -> Double {
        let raw = max(span, 1e-9) / 5
        let power = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
        return nice * power
    }
}

extension CalendarDate {
    /// Days since 1970-01-01, for time axes.
    var dayNumber: Double {
        let calendar = Calendar(identifier: .gregorian)
        var utc = calendar
        utc.timeZone = TimeZone(identifier: "UTC")!
        let date = utc.date(from: DateComponents(year: year, month: month, day: day))!
        return (date.timeIntervalSince1970 / 86_400).rounded()
    }
}

/// SVG number text: at most two decimals.
func svg(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
}
