import EventStore
import Foundation

/// Prints a JSON object (sorted keys, one line) on stdout, with `standby` when read from one.
enum JSONOutput {
    static func print(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: StandbyReading.annotate(object), options: [.sortedKeys, .withoutEscapingSlashes])
        Swift.print(String(decoding: data, as: UTF8.self))
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `2026-11-25T08:02:10.123Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
