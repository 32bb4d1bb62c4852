import ArgumentParser
import Foundation

/// Turns any error into the exit status and the one-line message `alvh` prints.
enum ErrorReporting {
    static func describe(_ error: Error) -> (ExitStatus, String) {
        if let failure = error as? CLIFailure {
            return (failure.status, "alvh: " + failure.message)
        }
        if let mapped = mapLibraryError(error) {
            return (mapped.status, "alvh: " + mapped.message)
        }
        // ArgumentParser: help and version requests are successes; everything else is usage.
        let code = ALVH.exitCode(for: error)
        let message = ALVH.fullMessage(for: error)
        if code == .success { return (.success, message) }
        if code == .validationFailure || code.rawValue == 64 { return (.usage, message) }
        return (.failure, message.isEmpty ? "alvh: \(error)" : message)
    }

    /// Library errors (store, database, domain) carry their own classification; see `ErrorMapping`.
    static func mapLibraryError(_ error: Error) -> CLIFailure? {
        ErrorMapping.map(error)
    }
}
