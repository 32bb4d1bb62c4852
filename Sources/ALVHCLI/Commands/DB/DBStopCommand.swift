import ArgumentParser
import EventStore
import Foundation

/// `alvh db stop`: stops the embedded cluster (fast shutdown; committed work is kept).
struct DBStopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop the embedded PostgreSQL cluster in $ALVH_HOME (its data is kept)."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        DBCommandNotes.warnIfOverridden(global, environment: environment)
        let cluster = LocalCluster(directory: LocalCluster.defaultDirectory(environment: environment))
        do {
            try cluster.stop()
        } catch {
            throw DatabaseTarget.embeddedFailure(error, home: cluster.directory)
        }
        let report = ClusterReport(cluster.status(), action: nil)
        print(global.json ? try report.json() : report.text)
    }
}

/// Notes shared by `db start` and `db stop`.
enum DBCommandNotes {
    /// start/stop manage the embedded cluster; if another database is configured, say that other
    /// commands will not use it.
    static func warnIfOverridden(_ global: GlobalOptions, environment: [String: String]) {
        guard let source = try? DatabaseTarget.resolve(database: global.database, environment: environment) else { return }
        let name: String
        switch source {
        case .option: name = "--database is given"
        case .databaseURL: name = "DATABASE_URL is set"
        case .libpqEnvironment: name = "PGHOST/PGDATABASE are set"
        case .embedded: return
        }
        FileHandle.standardError.write(Data("alvh: note: \(name), so other commands use that database, not the embedded cluster\n".utf8))
    }
}
