import Dispatch
import EventStore
import Foundation
import PostgresClient

/// What the ledger head row's serialization costs: `writers` sessions writing single events on
/// streams of their own as fast as they can, for `duration` seconds, with the current `alvh_append_one`,
/// the previous one (`AppendOneBefore`, under its bench-only name) and the plain INSERT of
/// `SingleAppendBench`. Every append holds the head row from its lock to its commit (the WAL flush
/// included), so appends commit one at a time; INSERTs into `bench_insert` share nothing but the
/// WAL and can commit together. Runs `rounds` rounds of the three, in rotating order.
struct ConcurrentAppendBench {
    let url: String
    let writers: Int
    let duration: Double
    let rounds: Int

    /// Writes per second of each way, summed over the rounds, and the p99 of the calls' latencies.
    struct Result {
        var perSecond: [Double] = [0, 0, 0]
        var latencies: [[Double]] = [[], [], []]
    }

    /// Needs `SingleAppendBench`'s `bench_insert` table and the previous function installed.
    func run(payloads: PayloadFactory) throws -> Result {
        var result = Result()
        var start: Int64 = 1_000_000_000
        for round in 0..<rounds {
            for offset in 0..<3 {
                let which = (round + offset) % 3
                let outcome = try runWriters(which: which, firstVersion: start, payloads: payloads)
                start += 10_000_000
                result.perSecond[which] += Double(outcome.count) / outcome.elapsed / Double(rounds)
                result.latencies[which] += outcome.latencies
            }
        }
        return result
    }

    private struct Outcome {
        var count: Int
        var elapsed: Double
        var latencies: [Double]
    }

    /// `writers` threads, each on its own session and stream, writing until the time is up.
    private func runWriters(which: Int, firstVersion: Int64, payloads: PayloadFactory) throws -> Outcome {
        let box = WriterResults(writers: writers)
        let url = url, duration = duration, writers = writers
        let started = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                var factory = payloads
                let connection = try PostgresConnection(connectionString: url)
                defer { connection.close() }
                let stream = "condor-\(UUID().uuidString.lowercased())"
                let hash = Data(repeating: 0xA5, count: 32)
                var latencies: [Double] = []
                var version: Int64 = 0
                let deadline = started + UInt64(duration * 1e9)
                while DispatchTime.now().uptimeNanoseconds < deadline {
                    version += 1
                    let event = factory.event(step: Int(version))
                    let call: (String, [any PostgresEncodable])
                    switch which {
                    case 0: call = (SingleAppendBench.appendSQL("alvh_append_one"), SingleAppendBench.appendParameters(event, stream: stream, version: version))
                    case 1: call = (SingleAppendBench.appendSQL(AppendOneBefore.benchName), SingleAppendBench.appendParameters(event, stream: stream, version: version))
                    default:
                        let position = firstVersion + version * Int64(writers) + Int64(writer)
                        call = (SingleAppendBench.insertSQL, SingleAppendBench.insertParameters(event, version: position, hash: hash))
                    }
                    latencies.append(try seconds { try connection.queryPrepared(call.0, call.1) })
                }
                box.store(writer, latencies)
            } catch {
                box.fail(error)
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let latencies = try box.all()
        return Outcome(count: latencies.count, elapsed: elapsed, latencies: latencies)
    }
}

/// The writers' latencies, or the first error, gathered across threads.
private final class WriterResults: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [[Double]]
    private var error: (any Error)?

    init(writers: Int) { latencies = Array(repeating: [], count: writers) }

    func store(_ writer: Int, _ values: [Double]) { lock.withLock { latencies[writer] = values } }
    func fail(_ failure: any Error) { lock.withLock { if error == nil { error = failure } } }

    func all() throws -> [Double] {
        try lock.withLock {
            if let error { throw error }
            return latencies.flatMap { $0 }
        }
    }
}
