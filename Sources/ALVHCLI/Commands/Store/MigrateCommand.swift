import ArgumentParser
import EventStore
import Foundation

/// `alvh db migrate`: applies the schema migrations this build carries.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the ledger's schema migrations that are missing (a no-op when up to date).",
        discussion: "Each migration runs in its own transaction and is recorded with its sha256 checksum; a migration that was changed after it was applied is refused."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try LedgerSession.open(global, migrate: false)
        defer { store.connection.close() }
        let applied = try store.migrate()
        // e.g. the application role could not be created by a user without CREATEROLE.
        for warning in store.connection.notices where warning.hasPrefix("WARNING") {
            FileHandle.standardError.write(Data(("alvh: " + warning.replacingOccurrences(of: "\n", with: " ") + "\n").utf8))
        }
        let total = Migration.embedded.count
        if global.json {
            try JSONOutput.print(["applied": applied, "up_to_date": applied.isEmpty, "migrations": total])
        } else if applied.isEmpty {
            print("database is up to date (\(total) migration\(total == 1 ? "" : "s"))")
        } else {
            for name in applied { print("applied \(name)") }
        }
    }
}
