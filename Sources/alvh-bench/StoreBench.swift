import ArgumentParser
import EventStore
import Foundation
import PostgresClient

/// `alvh-bench store`: the event store's throughput and latency against raw COPY and a plain INSERT,
/// on a fresh database created for the run (and dropped afterwards unless --keep).
struct StoreBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Append N realistic condor events in batches, read them back, and compare with COPY in/out of the same rows; time single appends (current and previous function) against a plain INSERT."
    )

    @Option(name: .long, help: "Events to append (default 200000).")
    var events: Int = 200_000

    @Option(name: .long, help: "Events per append call (one transaction each).")
    var batch: Int = 1000

    @Option(name: .long, help: "Rounds of single-event writes (current append, previous append, plain INSERT) timed for append_one_vs_insert_ratio.")
    var singles: Int = 2000

    @Option(name: .long, help: "Rounds in which each single write is the first of a new session (first_… figures; 0: none).")
    var sessions: Int = 200

    @Option(name: .long, help: "Sessions writing single events at once, for the concurrent figures (0: none).")
    var concurrentWriters: Int = 4

    @Option(name: .long, help: "Seconds each concurrent phase runs (3 ways × 2 rounds).")
    var concurrentSeconds: Double = 10

    @Option(name: .long, help: ArgumentHelp("Server to create the bench database in (default: ALVH_BENCH_DATABASE_URL, DATABASE_URL, PG* variables).", valueName: "URL"))
    var database: String?

    @Flag(name: .long, help: "Keep the bench database afterwards.")
    var keep = false

    func validate() throws {
        guard events >= batch, batch >= 1, batch <= 10_000 else { throw ValidationError("--events must be ≥ --batch, and --batch between 1 and 10000") }
        guard singles >= 10 else { throw ValidationError("--singles must be at least 10") }
        guard sessions == 0 || sessions >= 10 else { throw ValidationError("--sessions must be 0 or at least 10") }
        guard concurrentWriters >= 0, concurrentSeconds > 0 else { throw ValidationError("--concurrent-writers must be ≥ 0 and --concurrent-seconds > 0") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let bench = try BenchDatabase(server: database ?? environment["ALVH_BENCH_DATABASE_URL"] ?? environment["DATABASE_URL"] ?? "", keep: keep)
        defer { bench.close() }
        let store = try EventStore.connect(bench.url)
        defer { store.connection.close() }
        try store.migrate()
        log("bench database \(bench.name); \(events) events, batches of \(batch)")

        var payloads = PayloadFactory()
        let appendSeconds = try StoreBenchPhases.appendInBatches(store, events: events, batch: batch, payloads: &payloads)
        let (read, readSeconds) = try StoreBenchPhases.readBack(store, expected: events)
        let copy = try StoreBenchPhases.copyRoundTrip(store, read)
        let singleRun = try SingleAppendBench(url: bench.url, rounds: singles).run(payloads: &payloads, sessions: sessions)

        let appendRate = Double(events) / appendSeconds
        let copyInRate = Double(events) / copy.inSeconds
        let readRate = Double(events) / readSeconds
        let copyOutRate = Double(events) / copy.outSeconds
        print("append_events_per_s = \(format(appendRate, 0)) events/s")
        print("copy_in_rows_per_s = \(format(copyInRate, 0)) rows/s")
        print("append_vs_copy_in_ratio = \(format(appendRate / copyInRate, 2))")
        print("read_events_per_s = \(format(readRate, 0)) events/s")
        print("copy_out_rows_per_s = \(format(copyOutRate, 0)) rows/s")
        print("read_vs_copy_out_ratio = \(format(readRate / copyOutRate, 2))")
        SingleAppendReport(singleRun.steady).print()
        if sessions > 0 { SingleAppendReport(singleRun.firstInSession, prefix: "first_").print() }
        if concurrentWriters > 0 {
            let concurrent = try ConcurrentAppendBench(url: bench.url, writers: concurrentWriters, duration: concurrentSeconds, rounds: 2).run(payloads: payloads)
            print("concurrent_writers = \(concurrentWriters) sessions")
            for (index, name) in ["append_one", "append_one_before", "insert_one"].enumerated() {
                print("\(name)_concurrent_per_s = \(format(concurrent.perSecond[index], 0)) writes/s")
                print("\(name)_concurrent_p99_ms = \(format(Latencies(concurrent.latencies[index]).p99 * 1000, 2)) ms")
            }
            print("append_one_vs_insert_concurrent_ratio = \(format(concurrent.perSecond[0] / concurrent.perSecond[2], 2))")
        }
        log("payload bytes (data) ≈ \(read.map(\.data.count).reduce(0, +) / max(1, read.count)); COPY out \(copy.bytesPerRow) bytes/row")
        let report = try store.verify()
        log("verify: \(report.isIntact ? "intact" : "BROKEN at \(report.firstBadPosition ?? -1)"), \(report.verifiedCount) events")
    }
}

/// The single-write figures of `alvh-bench store`: p50 and p99 of each way of writing one event, the
/// ratios to the plain INSERT, and the server CPU per call when the server is local.
struct SingleAppendReport {
    let result: SingleAppendBench.Result
    /// Before every figure's name: "" for the steady state, "first_" for first writes of a session.
    let prefix: String

    init(_ result: SingleAppendBench.Result, prefix: String = "") {
        self.result = result
        self.prefix = prefix
    }

    func print() {
        let insert = result.insert.latencies
        for (name, variant) in [("append_one", result.append), ("append_one_before", result.appendBefore), ("insert_one", result.insert)] {
            Swift.print("\(prefix)\(name)_p50_ms = \(format(variant.latencies.p50 * 1000, 3)) ms")
            Swift.print("\(prefix)\(name)_p99_ms = \(format(variant.latencies.p99 * 1000, 3)) ms")
        }
        Swift.print("\(prefix)append_one_vs_insert_ratio = \(format(result.append.latencies.p50 / insert.p50, 2))")
        Swift.print("\(prefix)append_one_before_vs_insert_ratio = \(format(result.appendBefore.latencies.p50 / insert.p50, 2))")
        guard let append = result.append.meanServerCPU, let before = result.appendBefore.meanServerCPU,
              let insertCPU = result.insert.meanServerCPU, insertCPU > 0 else {
            log("server CPU per call not measured (the server's /proc is not readable from here)")
            return
        }
        Swift.print("\(prefix)append_one_server_cpu_us = \(format(append * 1e6, 1)) µs")
        Swift.print("\(prefix)append_one_before_server_cpu_us = \(format(before * 1e6, 1)) µs")
        Swift.print("\(prefix)insert_one_server_cpu_us = \(format(insertCPU * 1e6, 1)) µs")
        Swift.print("\(prefix)append_one_vs_insert_cpu_ratio = \(format(append / insertCPU, 2))")
        Swift.print("\(prefix)append_one_before_vs_insert_cpu_ratio = \(format(before / insertCPU, 2))")
    }
}

/// The bulk phases of `alvh-bench store`, each timed alone.
enum StoreBenchPhases {
    /// Appends `events` in batches of `batch` (10 events per condor stream, noStream checks, hashes,
    /// one commit each) through the pipeline. Payloads are generated before the clock starts (COPY's
    /// rows are ready-made too). Returns the seconds taken.
    static func appendInBatches(_ store: EventStore, events: Int, batch: Int, payloads: inout PayloadFactory) throws -> Double {
        let streamsPerBatch = max(1, batch / 10)
        var batches: [[StreamAppend]] = []
        var planned = 0
        while planned < events {
            let count = min(batch, events - planned)
            var appends: [StreamAppend] = []
            var remaining = count
            while remaining > 0 {
                let size = min(remaining, max(1, count / streamsPerBatch))
                appends.append(StreamAppend(streamID: "condor-\(UUID().uuidString.lowercased())", expected: .noStream,
                                            events: (0..<size).map { payloads.event(step: $0) }))
                remaining -= size
            }
            batches.append(appends)
            planned += count
        }
        return try seconds { try store.append(batches: batches) }
    }

    /// Reads every event back through the store's reader; returns them and the seconds taken.
    static func readBack(_ store: EventStore, expected: Int) throws -> ([RecordedEvent], Double) {
        var read: [RecordedEvent] = []
        read.reserveCapacity(expected)
        let elapsed = try seconds {
            var position: Int64 = 0
            while true {
                let page = try store.readAll(after: position, limit: 10_000)
                guard let last = page.last else { break }
                read.append(contentsOf: page)
                position = last.globalPosition
            }
        }
        guard read.count == expected else { throw ValidationError("read \(read.count) events, appended \(expected)") }
        return (read, elapsed)
    }

    struct CopyTimes {
        var inSeconds: Double
        var outSeconds: Double
        var bytesPerRow: Int
    }

    /// COPYs the same rows into a scratch table (same columns, no indexes), then out again.
    static func copyRoundTrip(_ store: EventStore, _ read: [RecordedEvent]) throws -> CopyTimes {
        try store.connection.execute("CREATE TABLE bench_copy (LIKE events INCLUDING DEFAULTS)")
        var copiedIn = 0
        let inSeconds = try seconds {
            copiedIn = try store.connection.copyIn("COPY bench_copy (global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at, prev_hash, hash) FROM STDIN") { writer in
                for event in read {
                    try writer.writeRow([String(event.globalPosition), event.streamID, String(event.streamVersion), event.eventID.uuidString,
                                         event.type, String(event.schemaVersion), String(decoding: event.data, as: UTF8.self),
                                         String(decoding: event.metadata, as: UTF8.self),
                                         CopyTimestamp.text(microseconds: PostgresTime.unixMicroseconds(event.occurredAt)),
                                         "\\x" + SHA256.hex(event.prevHash), "\\x" + SHA256.hex(event.hash)])
                }
            }
        }
        guard copiedIn == read.count else { throw ValidationError("COPY in wrote \(copiedIn) rows") }
        var copiedOut = 0
        var bytesOut = 0
        let outSeconds = try seconds {
            copiedOut = try store.connection.copyOut("COPY bench_copy TO STDOUT") { bytes in bytesOut += bytes.count }
        }
        guard copiedOut == read.count else { throw ValidationError("COPY out read \(copiedOut) rows") }
        return CopyTimes(inSeconds: inSeconds, outSeconds: outSeconds, bytesPerRow: bytesOut / max(1, copiedOut))
    }
}

/// `timestamptz` input text for µs since 1970 (UTC), for COPY.
enum CopyTimestamp {
    static func text(microseconds: Int64) -> String {
        let seconds = Int(microseconds.floorDiv(1_000_000))
        let micros = Int(microseconds - Int64(seconds) * 1_000_000)
        let days = seconds.floorDiv(86_400)
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = z.floorDiv(146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%06d+00", year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60, micros)
    }
}

extension BinaryInteger {
    func floorDiv(_ divisor: Self) -> Self {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

/// Realistic condor events of ~400 bytes: legs, fills, credit, fees and signals.
struct PayloadFactory {
    private var counter = 0
    private let types = ["CondorOpened", "MarketObserved", "RollDeferred", "HedgeLayerAdded", "CondorRolled",
                         "MarketObserved", "HedgeLayerReduced", "RollDeferred", "MarketObserved", "CondorClosed"]
    private let start = Date(timeIntervalSince1970: 1_735_738_200)

    mutating func event(step: Int) -> NewEvent {
        counter += 1
        let spx = 5800 + Double(counter % 400)
        let shortPut = Int(spx / 5) * 5 - 150, shortCall = Int(spx / 5) * 5 + 150
        let data = """
            {"underlying":"SPX","expiry":"2025-03-21","contracts":\(1 + counter % 5),\
            "legs":[{"right":"put","strike":\(shortPut - 50),"quantity":1,"fill":"\(decimal(counter, 3))"},\
            {"right":"put","strike":\(shortPut),"quantity":-1,"fill":"\(decimal(counter &* 7, 9))"},\
            {"right":"call","strike":\(shortCall),"quantity":-1,"fill":"\(decimal(counter &* 5, 8))"},\
            {"right":"call","strike":\(shortCall + 50),"quantity":1,"fill":"\(decimal(counter &* 3, 2))"}],\
            "net_credit":"\(decimal(counter &* 11, 12))","fees":"\(decimal(counter, 6))",\
            "signals":{"vix":"\(decimal(counter, 30))","vix3m":"\(decimal(counter &* 13, 31))","rsi14":"55.1"}}
            """
        let metadata = #"{"command_id":"\#(UUID().uuidString.lowercased())","actor":"bench","tool_version":"0.1.0"}"#
        return NewEvent(type: types[step % types.count], data: Data(data.utf8), metadata: Data(metadata.utf8),
                        occurredAt: start.addingTimeInterval(Double(counter) * 60.123456))
    }

    private func decimal(_ seed: Int, _ whole: Int) -> String {
        "\(whole).\(String(format: "%02d", abs(seed) % 100))"
    }
}
