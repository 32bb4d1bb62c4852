import Foundation

/// The command line of `alvh-load`:
///
///     alvh-load --database URL --writer N --commands N [--epoch-length N] [--condors N]
///               [--portfolio NAME] [--max-retries N] [--stop-on-unavailable] [--timings]
struct LoadOptions: Sendable {
    /// libpq connection string or URL of the ledger.
    var database = ""
    /// This writer's number (1…); writers share condors, each has its own market feed.
    var writer = 1
    /// How many commands to record (each retried until it succeeds, see `maxRetries`).
    var commands = 100
    /// Commands per writer that go to one set of condors before the next set is used.
    var epochLength = 20
    /// Condors in each set: every writer works on all of them, so appends conflict.
    var condors = 4
    /// Portfolio all condors belong to.
    var portfolio = "load"
    /// Attempts of one command that ended in a conflict (exit 3) before giving up on it.
    var maxRetries = 100
    /// Stop (exit 4) at the first command that finds the database unavailable.
    var stopOnUnavailable = false
    /// Also log each attempt's wall time (`% …` lines, see `LoadWriter`), for `alvh-bench load`.
    var timings = false

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ arguments: [String]) throws -> LoadOptions {
        var options = LoadOptions()
        var index = 0
        func value(_ name: String) throws -> String {
            index += 1
            guard index < arguments.count else { throw Invalid(description: "\(name): needs a value") }
            return arguments[index]
        }
        func count(_ name: String, minimum: Int = 1) throws -> Int {
            let text = try value(name)
            guard let number = Int(text), number >= minimum else { throw Invalid(description: "\(name): must be an integer ≥ \(minimum), got '\(text)'") }
            return number
        }
        while index < arguments.count {
            let name = arguments[index]
            switch name {
            case "--database": options.database = try value(name)
            case "--writer": options.writer = try count(name)
            case "--commands": options.commands = try count(name, minimum: 0)
            case "--epoch-length": options.epochLength = try count(name)
            case "--condors": options.condors = try count(name)
            case "--portfolio": options.portfolio = try value(name)
            case "--max-retries": options.maxRetries = try count(name)
            case "--stop-on-unavailable": options.stopOnUnavailable = true
            case "--timings": options.timings = true
            default: throw Invalid(description: "unknown argument '\(name)'")
            }
            index += 1
        }
        guard !options.database.isEmpty else { throw Invalid(description: "--database: is required") }
        return options
    }
}
