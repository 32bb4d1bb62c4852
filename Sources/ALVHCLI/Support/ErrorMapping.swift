import Finance

/// Maps errors from the lower modules to exit statuses. Each module's errors are added here.
enum ErrorMapping {
    static func map(_ error: Error) -> CLIFailure? {
        if let error = error as? FinanceError { return CLIFailure.invalid(error.field, error.rule) }
        if let failure = TradeErrorMapping.map(error) { return failure }
        return nil
    }
}
