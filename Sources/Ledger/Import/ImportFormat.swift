/// The CSV format `alvh import` reads: trades and marks in one file.
///
/// - UTF-8, RFC 4180 (comma-separated, `"` quoting, LF or CRLF); the first record is the header.
/// - Column `command` (required) holds the command as typed after `alvh`: `portfolio add`,
///   `portfolio add`, `portfolio set`, `condor open`, `condor roll`, `condor defer`, `condor close`,
///   `condor expire`, `condor leg-in`, `hedge add`, `hedge reduce`, `hedge close`, `mark`, `void`.
/// - The other columns are named after the flags without their dashes (`long-put`, `credit`,
///   `close-price`, `at`, `vix3m`, …). Column `id` is the id the row is about: the new condor's or
///   layer's `--id` for `condor open` / `hedge add`, else the ID / LAYER / EVENT-ID argument.
///   `portfolio add` and `portfolio set` take their NAME from `portfolio`.
/// - An empty cell means the flag is absent. A non-empty cell in a column the row's command does
///   not take is an error. Repeatable flags (`vx`, `quote`, `protects`, `leg`) take several values
///   separated by `;` in one cell. A credit spread is a `condor open` row with the put strikes or the
///   call strikes empty; `contracts` on a `condor close` or `condor roll` row acts on that many of
///   the open contracts; `side` (`put` or `call`) on a `condor close` row closes that side alone; `leg` on a `hedge add` row replaces `instrument`, `quantity` and `price`.
/// - `line:N` in `id` or `protects` refers to the condor or layer created by the row on line N (for a
///   partial roll or a partial side close, the condor its contracts continue as).
/// - Rows are applied in file order against the ledger as it would be after the rows before.
///   The whole file is checked first; any error (reported as `line L, column C (name): rule`) and
///   nothing is written. Otherwise every event goes in one atomic append.
/// - Each row's command id is derived from its content (its non-empty cells by column, plus how
///   many identical rows came before it), so importing the same file again records nothing new,
///   and a file with rows appended records only the new rows.
public enum ImportFormat {
    static let signalColumns = SignalArguments.fields.map { String($0.dropFirst(2)) }

    /// The columns each command takes (besides `command`): its fields' names without the dashes.
    public static let columns: [String: Set<String>] = [
        AddPortfolio.name: [Field.portfolio.column],
        SetPortfolioCapital.name: [Field.portfolio.column, Field.capital.column],
        OpenCondor.name: Set([Field.id.column, Field.portfolio.column, Field.underlying.column, Field.expiry.column, Field.longPut.column,
                              Field.shortPut.column, Field.shortCall.column, Field.longCall.column, Field.contracts.column, Field.credit.column,
                              Field.fees.column, Field.at.column, Field.note.column] + signalColumns),
        RollCondor.name: Set([Field.id.column, Field.side.column, Field.expiry.column, Field.longPut.column, Field.shortPut.column, Field.shortCall.column,
                              Field.longCall.column, Field.closePrice.column, Field.openPrice.column, Field.fees.column, Field.at.column,
                              Field.reason.column, Field.fixedRule.column, Field.alvh.column, Field.contracts.column] + signalColumns),
        DeferRoll.name: Set([Field.id.column, Field.reason.column, Field.at.column, Field.fixedRule.column, Field.alvh.column] + signalColumns),
        CloseCondor.name: Set([Field.id.column, Field.contracts.column, Field.side.column, Field.price.column, Field.fees.column, Field.exchangeFees.column, Field.at.column,
                               Field.closeReason.column, Field.note.column] + signalColumns),
        ExpireCondor.name: [Field.id.column, Field.settlement.column, Field.fees.column, Field.at.column],
        LegInCondor.name: Set([Field.id.column, Field.longPut.column, Field.shortPut.column, Field.shortCall.column, Field.longCall.column,
                               Field.credit.column, Field.fees.column, Field.at.column, Field.note.column] + signalColumns),
        AddHedgeLayer.name: Set([Field.id.column, Field.protects.column, Field.portfolio.column, Field.instrument.column, Field.quantity.column,
                                 Field.price.column, Field.leg.column, Field.fees.column, Field.tier.column, Field.at.column, Field.reason.column] + signalColumns),
        ReduceHedgeLayer.name: Set([Field.id.column, Field.quantity.column, Field.price.column, Field.fees.column, Field.at.column,
                                    Field.reason.column] + signalColumns),
        CloseHedgeLayer.name: Set([Field.id.column, Field.price.column, Field.fees.column, Field.at.column, Field.reason.column] + signalColumns),
        RecordMarket.name: [Field.at.column, Field.spx.column, Field.markVIX.column, Field.markVIX9D.column, Field.markVIX3M.column, Field.vx.column,
                            Field.quote.column, Field.feed.column, Field.markAdvanceDecline.column],
        VoidEvent.name: [Field.id.column, Field.reason.column],
    ]

    /// Columns that take several values separated by `;`.
    static let repeatable: Set<String> = [Field.vx.column, Field.quote.column, Field.protects.column, Field.leg.column]

    /// Every column any command takes.
    public static var allColumns: Set<String> { columns.values.reduce(["command"]) { $0.union($1) } }

    /// Whether `id` is the `--id` flag (creating commands) rather than the positional argument.
    static func idIsFlag(_ command: String) -> Bool { command == OpenCondor.name || command == AddHedgeLayer.name }

    /// The column a validation error's field came from.
    static func column(forField field: String, command: String) -> String {
        switch field {
        case Field.condor.name, Field.layer.name, Field.event.name: Field.id.column
        case Field.name.name: Field.portfolio.column
        case "payload", "command": "command"
        default: field.hasPrefix("--") ? String(field.dropFirst(2)) : field
        }
    }
}
