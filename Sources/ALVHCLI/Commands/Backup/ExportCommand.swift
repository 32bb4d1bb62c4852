import ArgumentParser
import EventStore
import Foundation

/// `alvh export FILE`: the whole ledger as newline-delimited JSON, with its hashes.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every event, in position order, to FILE as newline-delimited JSON with its hashes.",
        discussion: """
            One line per event: position, stream, version, id, type, schema_version, occurred_at_us and \
            recorded_at_us (microseconds since 1970 UTC), prev_hash, hash, metadata and data (exactly as stored). \
            Read from one snapshot. `alvh import-ledger FILE` restores it into an empty database.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The file to write (replaced if it exists; - for standard output).", valueName: "FILE"))
    var file: String

    func run() throws {
        let store = try LedgerSession.openForReading(global, migrate: false)
        defer { store.connection.close() }
        let count: Int64
        if file == "-" {
            count = try store.exportLedger(to: FileHandle.standardOutput)
            return
        }
        let url = URL(fileURLWithPath: file)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw CLIFailure.invalid("FILE", "cannot create \(file) (check the directory exists and is writable)")
        }
        do {
            count = try store.exportLedger(to: handle)
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        if global.json {
            try JSONOutput.print(["exported": count, "file": file])
        } else {
            print("exported \(count) event\(count == 1 ? "" : "s") to \(file)")
        }
    }
}
