import ArgumentParser

/// The `alvh` command: the system of record for SPX iron condors hedged with layered VIX positions.
public struct ALVH: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "alvh",
        abstract: "ALVH Ledger: an event-sourced ledger for SPX iron condors hedged with layered VIX positions.",
        discussion: """
        Every trade decision is an immutable event in PostgreSQL. With no --database, no DATABASE_URL \
        and no PGHOST/PGDATABASE, alvh uses a private PostgreSQL cluster under $ALVH_HOME that it \
        creates and starts itself.

        Exit codes: 0 done, 2 usage or validation error, 3 concurrency conflict (safe to retry), \
        4 database unavailable, 1 any other failure.
        """,
        version: ToolInfo.version,
        subcommands: CommandRegistry.all
    )

    public init() {}
}
