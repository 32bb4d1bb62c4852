import EventStore
import Foundation
import Ledger
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Every free-text field, identifier position and number of every recording command receives hostile
/// values; each is refused (exit 2, the field named, nothing written) or stored verbatim (read back),
/// and nothing else changes.
@Suite(.serialized) struct HostileInputTests {
    static let megabyte = String(repeating: "A", count: 1 << 20)
    /// One character (a grapheme) of 1 MB: passes a character count, not the payload limit.
    static let megaGrapheme = "e" + String(repeating: "\u{301}", count: 1 << 19)

    static let texts: [String] = [
        "it's \"quoted\" `back`", "'; DROP TABLE events; --", "$1); DELETE FROM events WHERE ($1", "Robert'); TRUNCATE events;--",
        "a\u{0}b", "bad \u{FFFD} bytes", "\\x00\\u0000 %s %n {{}}", "שלום ✓ 日本 🧨", megabyte, megaGrapheme,
    ]
    static let numbers: [String] = ["1e309", "-0", "NaN", "0x10", "Infinity", "1,000", "5;DROP TABLE events", "1e3", "", "١٠"]
    static let identifiers: [String] = [
        "'; DROP TABLE events; --", "00000000-0000-0000-0000-000000000000' OR '1'='1", "a\u{0}b", "bad \u{FFFD}", megabyte, "",
        "../../etc/passwd", "condor-1", "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ",
    ]

    /// Ids a command row may need: made fresh for each row so accepted values never stop later rows.
    struct Targets: Sendable { var condor: String; var layer: String; var event: String }

    struct Row: CustomStringConvertible, Sendable {
        var field: String
        var build: @Sendable (Targets, String) -> [String]
        var description: String { field }
    }

    static let textRows: [Row] = [
        Row(field: "NAME") { _, v in ["portfolio", "add", v] },
        Row(field: "--portfolio") { _, v in Safety.openArguments.replacing(["--portfolio", "main"], with: ["--portfolio", v]) },
        Row(field: "--note") { _, v in Safety.openArguments + ["--note", v] },
        Row(field: "--reason") { t, v in roll(t) + ["--reason", v] },
        Row(field: "--fixed-rule") { t, v in roll(t) + ["--fixed-rule", v] },
        Row(field: "--alvh") { t, v in ["condor", "defer", t.condor, "--reason", "r", "--alvh", v, "--at", "2026-03-04T15:00:00Z"] },
        Row(field: "--reason") { t, v in ["condor", "defer", t.condor, "--reason", v, "--at", "2026-03-04T15:00:00Z"] },
        Row(field: "--note") { t, v in ["condor", "close", t.condor, "--price", "1", "--note", v, "--at", "2026-03-12T15:00:00Z"] },
        Row(field: "--reason") { t, v in ["hedge", "add", "--protects", t.condor, "--instrument", "VXX", "--quantity", "5", "--price", "40", "--reason", v, "--at", "2026-03-07T15:00:00Z"] },
        Row(field: "--portfolio") { _, v in ["hedge", "add", "--portfolio", v, "--instrument", "VXX", "--quantity", "5", "--price", "40", "--at", "2026-03-07T15:00:00Z"] },
        Row(field: "--reason") { t, v in ["hedge", "reduce", t.layer, "--quantity", "1", "--price", "2", "--reason", v, "--at", "2026-03-09T15:00:00Z"] },
        Row(field: "--reason") { t, v in ["hedge", "close", t.layer, "--price", "2", "--reason", v, "--at", "2026-03-09T15:00:00Z"] },
        Row(field: "--reason") { t, v in ["void", t.event, "--reason", v] },
    ]

    static let numberRows: [Row] = [
        Row(field: "--credit") { _, v in Safety.openArguments.replacing(["--credit", "10.25"], with: ["--credit", v]) },
        Row(field: "--fees") { _, v in Safety.openArguments.replacing(["--fees", "5.20"], with: ["--fees", v]) },
        Row(field: "--contracts") { _, v in Safety.openArguments.replacing(["--contracts", "2"], with: ["--contracts", v]) },
        Row(field: "--long-put") { _, v in Safety.openArguments.replacing(["--long-put", "4900"], with: ["--long-put", v]) },
        Row(field: "--vix") { _, v in Safety.openArguments + ["--vix", v] },
        Row(field: "--close-price") { t, v in roll(t, closePrice: v) },
        Row(field: "--price") { t, v in ["condor", "close", t.condor, "--price", v, "--at", "2026-03-12T15:00:00Z"] },
        Row(field: "--settlement") { t, v in ["condor", "expire", t.condor, "--settlement", v] },
        Row(field: "--quantity") { t, v in ["hedge", "reduce", t.layer, "--quantity", v, "--price", "2", "--at", "2026-03-09T15:00:00Z"] },
        Row(field: "--tier") { t, v in ["hedge", "add", "--protects", t.condor, "--instrument", "VXX", "--quantity", "5", "--price", "40", "--tier", v, "--at", "2026-03-07T15:00:00Z"] },
        Row(field: "--spx") { _, v in ["mark", "--spx", v, "--vix", "20", "--at", "2026-03-06T21:00:00Z"] },
    ]

    static let identifierRows: [Row] = [
        Row(field: "ID") { _, v in ["condor", "defer", v, "--reason", "r"] },
        Row(field: "ID") { _, v in ["condor", "close", v, "--price", "1"] },
        Row(field: "ID") { _, v in ["condor", "expire", v, "--settlement", "5000"] },
        Row(field: "ID") { t, v in ["condor", "roll", v] + Array(roll(t).dropFirst(3)) },
        Row(field: "LAYER") { _, v in ["hedge", "reduce", v, "--quantity", "1", "--price", "2"] },
        Row(field: "LAYER") { _, v in ["hedge", "close", v, "--price", "2"] },
        Row(field: "EVENT-ID") { _, v in ["void", v, "--reason", "r"] },
        Row(field: "--protects") { _, v in ["hedge", "add", "--protects", v, "--instrument", "VXX", "--quantity", "5", "--price", "40"] },
        Row(field: "--instrument") { t, v in ["hedge", "add", "--protects", t.condor, "--instrument", v, "--quantity", "5", "--price", "40", "--at", "2026-03-07T15:00:00Z"] },
        Row(field: "--id") { _, v in Safety.openArguments + ["--id", v] },
        Row(field: "--command-id") { _, v in ["portfolio", "add", "p", "--command-id", v] },
        Row(field: "--underlying") { _, v in Safety.openArguments.replacing(["--underlying", "SPX"], with: ["--underlying", v]) },
        Row(field: "--expiry") { _, v in Safety.openArguments.replacing(["--expiry", "2026-03-20"], with: ["--expiry", v]) },
        Row(field: "--at") { _, v in Safety.openArguments.replacing(["--at", "2026-03-02T15:00:00Z"], with: ["--at", v]) },
        Row(field: "--reason") { t, v in ["condor", "close", t.condor, "--price", "1", "--reason", v, "--at", "2026-03-12T15:00:00Z"] },
        Row(field: "--feed") { _, v in ["mark", "--spx", "5000", "--vix", "20", "--feed", v, "--at", "2026-03-06T21:00:00Z"] },
        Row(field: "--vx") { _, v in ["mark", "--spx", "5000", "--vix", "20", "--vx", v, "--at", "2026-03-06T21:00:00Z"] },
        Row(field: "--quote") { _, v in ["mark", "--spx", "5000", "--vix", "20", "--quote", v, "--at", "2026-03-06T21:00:00Z"] },
    ]

    static func roll(_ t: Targets, closePrice: String = "6") -> [String] {
        ["condor", "roll", t.condor, "--side", "put", "--long-put", "4850", "--short-put", "4900", "--close-price", closePrice,
         "--open-price", "4.5", "--at", "2026-03-05T15:00:00Z"]
    }

    static func targets(_ url: String) throws -> Targets {
        let condor = try Safety.openCondor(url)
        let layer = try Safety.addLayer(url, condor: condor)
        let mark = Safety.alvh(url, ["--json", "mark", "--spx", "5000", "--vix", "20", "--at", "2026-03-06T20:00:00Z"])
        let event = try #require((mark.json["events"] as? [String])?.first)
        return Targets(condor: condor, layer: layer, event: event)
    }

    /// Every string anywhere in a JSON value.
    static func strings(in value: Any) -> [String] {
        switch value {
        case let text as String: [text]
        case let array as [Any]: array.flatMap(strings(in:))
        case let object as [String: Any]: object.values.flatMap(strings(in:))
        default: []
        }
    }

    enum Kind { case text, number, identifier }

    func exercise(_ rows: [Row], values: [String], kind: Kind) throws {
        let database = try TestDatabase.migrated()
        let url = database.connectionString
        var accepted = 0
        for row in rows {
            for value in values {
                let targets = try Self.targets(url)
                let before = try Safety.head(database)
                let arguments = row.build(targets, value)
                let run = Safety.alvh(url, arguments)
                let label = "\(arguments.prefix(2).joined(separator: " ")) \(row.field) = \(value.prefix(40).debugDescription) (\(value.utf8.count) bytes)"
                let after = try Safety.head(database)
                if run.status == 0 {
                    accepted += 1
                    #expect(kind != .number || ["-0", "1e3"].contains(value), "accepted: \(label)")
                    #expect(after.position > before.position, "\(label)")
                    if kind == .text {
                        let store = try database.store()
                        defer { store.connection.close() }
                        let written = try store.readAll(after: before.position, limit: 10)
                        let found = try written.contains { Self.strings(in: try JSONSerialization.jsonObject(with: $0.data)).contains(value) }
                        #expect(found, "not stored verbatim: \(label)")
                    }
                } else {
                    #expect(run.status == 2, "\(label): exit \(run.status) \(run.err.prefix(300))")
                    // The whole of stderr: in-process runs (NUL, 1 MB) capture other suites' output too.
                    let message = run.err
                    #expect(message.contains(row.field) || message.contains("payload"), "\(label): \(message.prefix(300))")
                    #expect(after == before, "\(label): the ledger changed")
                }
            }
        }
        #expect(Safety.alvh(url, ["verify"]).status == 0)
        if kind == .text { #expect(accepted > 0) }
    }

    @Test func freeTextFields() throws { try exercise(Self.textRows, values: Self.texts, kind: .text) }
    @Test func numbers() throws { try exercise(Self.numberRows, values: Self.numbers, kind: .number) }
    @Test func identifiers() throws { try exercise(Self.identifierRows, values: Self.identifiers, kind: .identifier) }

    /// The documented payload limit (`TextRule.maximumPayloadBytes`, 64 KiB of JSON) holds exactly:
    /// a RollDeferred of exactly the limit is recorded, one byte more is refused naming `payload`.
    /// (One text field holds at most 10,000 code points, ≤ 40,000 bytes: a deferral's reason and
    /// ALVH trigger together can reach the limit.)
    @Test func payloadLimitAtAndJustOver() throws {
        let database = try TestDatabase.migrated()
        let url = database.connectionString
        let condor = try Safety.openCondor(url)
        let store = try database.store()
        defer { store.connection.close() }
        func deferral(_ reason: String, _ alvh: String, minute: Int) -> [String] {
            ["condor", "defer", condor, "--reason", reason, "--alvh", alvh, "--at", "2026-03-04T15:0\(minute):00Z"]
        }
        func lastPayloadBytes() throws -> Int {
            try LedgerEvent(recorded: try #require(try store.readStream("condor-\(condor)").last)).encodedData().count
        }
        let probe = Safety.alvh(url, deferral("x", "y", minute: 0))
        #expect(probe.status == 0, "\(probe.err.prefix(300))")
        let baseBytes = try lastPayloadBytes()
        /// A reason and a trigger that make the payload `totalBytes` long: 4-byte emoji, then 1-byte
        /// letters for the rest, at most 9,999 code points per field.
        func texts(totalBytes: Int) -> (String, String) {
            var extra = totalBytes - baseBytes
            func fill() -> String {
                let bytes = min(extra, 39_980)
                extra -= bytes
                return String(repeating: "\u{1F600}", count: bytes / 4) + String(repeating: "a", count: bytes % 4)
            }
            let reason = "x" + fill(), alvh = "y" + fill()
            precondition(extra == 0)
            return (reason, alvh)
        }
        let limit = TextRule.maximumPayloadBytes
        #expect(limit == 65_536)
        let atLimit = texts(totalBytes: limit)
        let ok = Safety.alvh(url, deferral(atLimit.0, atLimit.1, minute: 1))
        #expect(ok.status == 0, "\(ok.err.prefix(300))")
        #expect(try lastPayloadBytes() == limit)
        guard case .rollDeferred(let payload) = try LedgerEvent(recorded: try #require(try store.readStream("condor-\(condor)").last)) else {
            Issue.record("not RollDeferred"); return
        }
        #expect(payload.reason == atLimit.0 && payload.trigger?.alvh == atLimit.1)

        let before = try Safety.head(database)
        let justOver = texts(totalBytes: limit + 1)
        let over = Safety.alvh(url, deferral(justOver.0, justOver.1, minute: 2))
        #expect(over.status == 2)
        #expect(over.err.contains("payload: RollDeferred would be \(limit + 1) bytes; the limit is \(limit)"), "\(over.err.prefix(300))")
        #expect(try Safety.head(database) == before)
    }

    /// Raw argv bytes that are not UTF-8 reach Swift as U+FFFD (CommandLine decodes with repair):
    /// the built `alvh` refuses them in free text and identifiers alike, exit 2, nothing written.
    @Test func invalidUTF8ArgvBytesAreRefused() throws {
        let binary = URL(fileURLWithPath: ALVHProcess.path)
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build alvh first: \(binary.path)")
        let database = try TestDatabase.migrated()
        let condor = try Safety.openCondor(database.connectionString)
        let before = try Safety.head(database)
        let invalid: [UInt8] = [0x62, 0x61, 0x64, 0xff, 0xfe, 0xc3, 0x28, 0x80]
        let cases: [(args: [[UInt8]], field: String)] = [
            ([Array("condor".utf8), Array("defer".utf8), Array(condor.utf8), Array("--reason".utf8), invalid], "--reason"),
            ([Array("portfolio".utf8), Array("add".utf8), invalid], "NAME"),
            ([Array("condor".utf8), Array("defer".utf8), Array(condor.utf8) + [0xff], Array("--reason".utf8), Array("r".utf8)], "ID"),
        ]
        for (arguments, field) in cases {
            let result = try ChildProcess.run(binary.path, rawArguments: [Array("--database".utf8), Array(database.connectionString.utf8)] + arguments)
            #expect(result.status == 2, "\(field): \(result.stderr)")
            #expect(result.stderr.contains(field), "\(field): \(result.stderr)")
            #expect(try Safety.head(database) == before)
        }
    }
}

extension Array where Element == String {
    /// The array with the first occurrence of `pattern` (as consecutive elements) replaced.
    func replacing(_ pattern: [String], with replacement: [String]) -> [String] {
        guard let start = indices.first(where: { i in i + pattern.count <= count && Array(self[i..<(i + pattern.count)]) == pattern }) else {
            return self
        }
        return Array(self[..<start]) + replacement + Array(self[(start + pattern.count)...])
    }
}
