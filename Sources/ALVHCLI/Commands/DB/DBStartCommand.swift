import ArgumentParser
import EventStore
import Foundation

/// `alvh db start`: creates the embedded cluster if needed and starts it.
struct DBStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Create (if needed) and start the embedded PostgreSQL cluster in $ALVH_HOME."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        DBCommandNotes.warnIfOverridden(global, environment: environment)
        let cluster = LocalCluster(directory: LocalCluster.defaultDirectory(environment: environment))
        let action: LocalClusterAction
        do {
            action = try cluster.prepare()
        } catch {
            throw DatabaseTarget.embeddedFailure(error, home: cluster.directory)
        }
        let report = ClusterReport(cluster.status(), action: action)
        print(global.json ? try report.json() : report.text)
    }
}
