import ArgumentParser
import Foundation
import PostgresClient

/// Seconds taken by `body`, on the monotonic clock.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// `value` with `decimals` digits after the point.
func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

/// A progress or context line on stderr (figures go to stdout).
func log(_ message: String) { FileHandle.standardError.write(Data(("alvh-bench: " + message + "\n").utf8)) }

/// Latencies in seconds, sorted, with the percentiles the benches print.
struct Latencies {
    let sorted: [Double]
    init(_ values: [Double]) { sorted = values.sorted() }
    func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    var p50: Double { percentile(0.5) }
    var p90: Double { percentile(0.9) }
    var p99: Double { percentile(0.99) }
}

/// A database created for one bench run on `server` (an admin connection string), UTF8 from
/// template0, dropped by `close()` unless kept.
struct BenchDatabase {
    let name: String
    let url: String
    private let admin: PostgresConnection
    private let keep: Bool

    init(server: String, keep: Bool, prefix: String = "alvh_bench") throws {
        name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        admin = try PostgresConnection(connectionString: server)
        try admin.execute("CREATE DATABASE \(try admin.quoteIdentifier(name)) TEMPLATE template0 ENCODING 'UTF8'")
        url = try ConnectionString.replacingDatabase(in: server, with: name)
        self.keep = keep
    }

    func close() {
        if keep {
            log("kept database \(name)")
        } else {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(try admin.quoteIdentifier(name)) WITH (FORCE)")
        }
        admin.close()
    }
}
