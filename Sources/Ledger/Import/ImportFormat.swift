/// The CSV format `alvh import` reads: trades and marks in one file.
///
/// - UTF-8, RFC 4180 (comma-separated, `"` quoting, LF or CRLF); the first record is the header.
/// - Column `command` (required) holds the command as typed after `alvh`: `portfolio add`,
///   `condor open`, `condor roll`, `condor defer`, `condor close`, `condor expire`, `hedge add`,
///   `hedge reduce`, `hedge close`, `mark`, `void`.
/// - The other columns are named after the flags without their dashes (`long-put`, `credit`,
///   `close-price`, `at`, `vix3m`, …). Column `id` is the id the row is about: the new condor's or
///   layer's `--id` for `condor open` / `hedge add`, else the ID / LAYER / EVENT-ID argument.
///   `portfolio add` takes its NAME from `portfolio`.
/// - An empty cell means the flag is absent. A non-empty cell in a column the row's command does
///   not take is an error. Repeatable flags (`vx`, `quote`, `protects`) take several values
///   separated by `;` in one cell.
/// - `line:N` in `id` or `protects` refers to the condor or layer created by the row on line N.
/// - Rows are applied in file order against the ledger as it would be after the rows before.
///   The whole file is checked first; any error (reported as `line L, column C (name): rule`) and
///   nothing is written. Otherwise every event goes in one atomic append.
/// - Each row's command id is derived from its content (its non-empty cells by column, plus how
///   many identical rows came before it), so importing the same file again records nothing new,
///   and a file with rows appended records only the new rows.
public enum ImportFormat {
    static let signalColumns = SignalArguments.flags.map { String($0.dropFirst(2)) }

    /// The columns each command takes (besides `command`).
    public static let columns: [String: Set<String>] = [
        "portfolio add": ["portfolio"],
        "condor open": Set(["id", "portfolio", "underlying", "expiry", "long-put", "short-put", "short-call", "long-call", "contracts",
                            "credit", "fees", "at", "note"] + signalColumns),
        "condor roll": Set(["id", "side", "expiry", "long-put", "short-put", "short-call", "long-call", "close-price", "open-price", "fees",
                            "at", "reason", "fixed-rule", "alvh"] + signalColumns),
        "condor defer": Set(["id", "reason", "at", "fixed-rule", "alvh"] + signalColumns),
        "condor close": Set(["id", "price", "fees", "exchange-fees", "at", "reason", "note"] + signalColumns),
        "condor expire": ["id", "settlement", "fees", "at"],
        "hedge add": Set(["id", "protects", "portfolio", "instrument", "quantity", "price", "fees", "tier", "at", "reason"] + signalColumns),
        "hedge reduce": Set(["id", "quantity", "price", "fees", "at", "reason"] + signalColumns),
        "hedge close": Set(["id", "price", "fees", "at", "reason"] + signalColumns),
        "mark": ["at", "spx", "vix", "vix9d", "vix3m", "vx", "quote", "feed", "advance-decline"],
        "void": ["id", "reason"],
    ]

    static let repeatable: Set<String> = ["vx", "quote", "protects"]

    /// Every column any command takes.
    public static var allColumns: Set<String> { columns.values.reduce(["command"]) { $0.union($1) } }

    /// Whether `id` is the `--id` flag (creating commands) rather than the positional argument.
    static func idIsFlag(_ command: String) -> Bool { command == "condor open" || command == "hedge add" }

    /// The column a validation error's field came from.
    static func column(forField field: String, command: String) -> String {
        switch field {
        case "ID", "LAYER", "EVENT-ID": "id"
        case "NAME": "portfolio"
        case "payload", "command": "command"
        default: field.hasPrefix("--") ? String(field.dropFirst(2)) : field
        }
    }
}
