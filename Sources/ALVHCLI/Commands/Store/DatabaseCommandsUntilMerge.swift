import ArgumentParser

/// STAND-IN for the cluster helper's `db` group (start, stop, status): at merge, keep theirs and add
/// `MigrateCommand.self` to its subcommands, then delete this file.
struct DatabaseCommandsUntilMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the ledger's database.",
        subcommands: [MigrateCommand.self]
    )
}
