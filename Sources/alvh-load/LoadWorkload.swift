import Foundation
import Ledger

/// The deterministic commands of one writer. Command `i` works on condor set `i / epochLength`;
/// within a set every writer opens each condor with the same command id (so all but the first
/// open are idempotent replays or conflicts) and then defers, rolls, hedges and marks.
///
/// Every command on a condor carries the set's instant as `--at`, so commands stay valid in
/// whatever order concurrent writers commit them (`--at` may equal, not precede, the stream's last
/// event). Roll strikes are distinct for every (writer, command) within a set, so a roll always
/// changes the legs. Marks go to the writer's own feed at increasing instants.
struct LoadWorkload {
    let options: LoadOptions

    /// One command: its arguments for `alvh` (without `--database`) and its command id.
    struct Command {
        var arguments: [String]
        var commandID: UUID
    }

    static let start = Date(timeIntervalSince1970: 1_767_625_200) // 2026-01-05T15:00:00Z

    func condorID(set: Int, slot: Int) -> UUID {
        EventIdentity.commandID(content: "alvh-load/condor/\(options.portfolio)/\(set)/\(slot)")
    }

    func command(_ index: Int, touched: inout Set<UUID>) -> Command {
        let set = index / options.epochLength
        let slot = (index + options.writer) % options.condors
        let condor = condorID(set: set, slot: slot)
        let at = Self.start.addingTimeInterval(Double(set) * 86_400)
        let atText = Self.iso(at)
        let condorText = condor.uuidString.lowercased()
        if touched.insert(condor).inserted {
            // The same open for every writer: same command id, same payload.
            // A trading day: `condor open` refuses an expiry on a weekend or exchange holiday.
            let expiry = ExpiryRule.tradingDay(onOrAfter: CalendarDate(newYorkDateOf: at.addingTimeInterval(90 * 86_400))).description
            return Command(arguments: ["condor", "open", "--id", condorText, "--portfolio", options.portfolio, "--underlying", "SPX",
                                       "--expiry", expiry, "--long-put", "2900", "--short-put", "2950", "--short-call", "5900",
                                       "--long-call", "5950", "--contracts", "1", "--credit", "12.5", "--fees", "2.6", "--at", atText],
                           commandID: EventIdentity.commandID(content: "alvh-load/open/\(options.portfolio)/\(set)/\(slot)"))
        }
        let commandID = EventIdentity.commandID(content: "alvh-load/\(options.portfolio)/\(options.writer)/\(index)")
        switch index % 10 {
        case 3:
            let base = 3000 + 5 * ((index * 4 + options.writer) % 300)
            return Command(arguments: ["condor", "roll", condorText, "--side", "both",
                                       "--long-put", String(base), "--short-put", String(base + 50),
                                       "--short-call", String(base + 1000), "--long-call", String(base + 1050),
                                       "--close-price", "4.25", "--open-price", "6", "--fees", "2.6", "--at", atText,
                                       "--fixed-rule", "stop", "--alvh", "roll"], commandID: commandID)
        case 6:
            return Command(arguments: ["hedge", "add", "--protects", condorText, "--instrument", "VXX", "--quantity", "10",
                                       "--price", "21.5", "--fees", "1", "--tier", "1", "--at", atText], commandID: commandID)
        case 9:
            let observed = Self.start.addingTimeInterval(Double(index) * 60)
            return Command(arguments: ["mark", "--feed", "w\(options.writer)", "--at", Self.iso(observed),
                                       "--spx", String(5000 + index % 97), "--vix", String(15 + index % 13)], commandID: commandID)
        default:
            return Command(arguments: ["condor", "defer", condorText, "--reason", "writer \(options.writer) command \(index)",
                                       "--at", atText, "--spot", "5000", "--vix", "17"], commandID: commandID)
        }
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
