import Foundation

/// One attempt of one command, read back from an `alvh-load` log (see `LoadWriter`).
struct LoadAttempt: Sendable {
    var writer: Int
    var index: Int
    var attempt: Int
    var commandID: UUID
    var status: Int32
    /// What the command printed: its JSON line on success, its `alvh: …` line on failure.
    var output: [String]

    /// Event ids the command printed on success (`"events"` of its JSON).
    var eventIDs: [UUID] {
        json?["events"].flatMap { $0 as? [String] }?.compactMap(UUID.init(uuidString:)) ?? []
    }

    /// Global positions the command printed on success.
    var positions: [Int64] {
        (json?["positions"] as? [NSNumber])?.map(\.int64Value) ?? []
    }

    var json: [String: Any]? {
        guard let line = output.first(where: { $0.hasPrefix("{") }) else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    }

    /// The `alvh: …` error line, if any.
    var message: String? { output.first { $0.hasPrefix("alvh:") } }
}

enum LoadLog {
    /// The attempts in `text`, in order; output after the last attempt line (a command still
    /// running when the writer died) is dropped.
    static func parse(_ text: String) -> [LoadAttempt] {
        var attempts: [LoadAttempt] = []
        var pending: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            let fields = line.split(separator: " ")
            if fields.count == 6, fields[0] == "@", let writer = Int(fields[1]), let index = Int(fields[2]),
               let attempt = Int(fields[3]), let id = UUID(uuidString: String(fields[4])), let status = Int32(fields[5]) {
                attempts.append(LoadAttempt(writer: writer, index: index, attempt: attempt, commandID: id, status: status, output: pending))
                pending = []
            } else {
                pending.append(line)
            }
        }
        return attempts
    }
}
