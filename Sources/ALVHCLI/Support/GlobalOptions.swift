import ArgumentParser

/// Options every command accepts: where the ledger lives, how to print results, and what to do when
/// the database has standbys (`--retry-for`, `--read-from`). The last two are text, checked by the
/// sessions (`RetryPolicy`, `ReadPreference`) so that a bad value is one `flag: rule` line, exit 2.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("PostgreSQL connection URL or libpq keyword string (default: DATABASE_URL, PG* variables, else the embedded cluster).", valueName: "URL"))
    public var database: String?

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    public var json = false

    @Option(name: .customLong("retry-for"), parsing: .unconditional,
            help: ArgumentHelp("Recording commands: how long to keep reconnecting and re-sending the command after losing the server, e.g. 30s, 2m, 0 (default: ALVH_RETRY_FOR, else 30s when the URL names several hosts, else 0).", valueName: "DURATION"))
    public var retryFor: String?

    @Option(name: .customLong("read-from"), parsing: .unconditional,
            help: ArgumentHelp("Commands that only read: primary, or standby (a hot standby when one answers, else the primary; what is read may be behind). Default: as the URL says.", valueName: "SERVER"))
    public var readFrom: String?

    public init() {}
}
