/// Why an export or an import of the ledger was refused.
public enum LedgerBackupError: Error, Equatable, CustomStringConvertible {
    /// A line of the file is not an exported event (1-based line number).
    case badLine(line: Int, problem: String)
    /// The file's hash chain does not verify: the first bad line and what is wrong there.
    case chainBroken(line: Int, problem: String)
    /// Import needs an empty ledger; this one holds events.
    case ledgerNotEmpty(events: Int64)

    public var description: String {
        switch self {
        case let .badLine(line, problem): "line \(line): \(problem)"
        case let .chainBroken(line, problem): "line \(line): the hash chain does not verify: \(problem)"
        case let .ledgerNotEmpty(events): "ledger: must be empty to import into (it holds \(events) event\(events == 1 ? "" : "s"))"
        }
    }
}
