import ArgumentParser

/// Options every command accepts: where the ledger lives and how to print results.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("PostgreSQL connection URL or libpq keyword string (default: DATABASE_URL, PG* variables, else the embedded cluster).", valueName: "URL"))
    public var database: String?

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    public var json = false

    public init() {}
}
