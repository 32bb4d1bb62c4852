import Foundation

/// The process exit codes `alvh` promises (see `alvh --help`).
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case failure = 1
    case usage = 2
    case conflict = 3
    case databaseUnavailable = 4
}

/// An error the command line reports as one line on stderr with a given exit status.
public struct CLIFailure: Error, CustomStringConvertible, Sendable {
    public var status: ExitStatus
    public var message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// A validation failure: names the field and the rule that was broken.
    public static func invalid(_ field: String, _ rule: String) -> CLIFailure {
        CLIFailure(.usage, "\(field): \(rule)")
    }

    public var description: String { message }
}
