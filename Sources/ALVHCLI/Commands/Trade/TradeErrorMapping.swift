import Ledger

/// The trading domain's errors as exit statuses: validation and import problems are usage errors (2).
enum TradeErrorMapping {
    static func map(_ error: Error) -> CLIFailure? {
        switch error {
        case let invalid as LedgerValidationError:
            CLIFailure(.usage, invalid.description)
        case let failure as ImportFailure:
            CLIFailure(.usage, "import refused, nothing written:\n" + failure.issues.map { "  " + $0.description }.joined(separator: "\n"))
        case let unreadable as LedgerDecodingError:
            CLIFailure(.failure, "ledger holds an event this version cannot read: \(unreadable)")
        default:
            nil
        }
    }
}
