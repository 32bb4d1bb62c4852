import ArgumentParser

/// `alvh db`: where the ledger's database is, and the embedded cluster's life cycle.
struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the ledger's database: the embedded PostgreSQL cluster and the schema.",
        discussion: """
        With no --database, DATABASE_URL, PGHOST or PGDATABASE, alvh keeps a private PostgreSQL cluster \
        in $ALVH_HOME (default $XDG_DATA_HOME/alvh, else ~/.local/share/alvh), reachable only through a \
        Unix socket, and starts it on demand. Run as root, the server runs as the postgres system user.
        """,
        subcommands: clusterCommands + schemaCommands
    )

    /// The embedded cluster's life cycle.
    static let clusterCommands: [ParsableCommand.Type] = [DBStartCommand.self, DBStopCommand.self, DBStatusCommand.self]

    /// Schema commands from the store (Commands/Store/): the lead adds `MigrateCommand.self` here.
    static let schemaCommands: [ParsableCommand.Type] = [MigrateCommand.self]
}
