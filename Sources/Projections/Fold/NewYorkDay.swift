import Foundation
import Ledger

/// `CalendarDate(newYorkDateOf:)`, memoised per UTC hour. New York's offset from UTC has been a
/// whole number of hours since 1883 and its changes fall on UTC hour boundaries, so every instant of
/// one UTC hour has the same New York date; the cache returns exactly what the function returns.
enum NewYorkDay {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [Int64: CalendarDate] = [:]

    static func of(_ instant: Date) -> CalendarDate {
        let hour = Int64((instant.timeIntervalSince1970 / 3600).rounded(.down))
        lock.lock()
        if let day = cache[hour] { lock.unlock(); return day }
        lock.unlock()
        let day = CalendarDate(newYorkDateOf: Date(timeIntervalSince1970: Double(hour) * 3600))
        lock.lock()
        if cache.count > 1_000_000 { cache.removeAll() }
        cache[hour] = day
        lock.unlock()
        return day
    }
}
