import ArgumentParser
import Foundation
import Projections

/// `alvh project`: catch the projections up with the ledger explicitly.
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Catch every projection up with the ledger (recording commands do this themselves).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try ReviewSession.open(global, catchUp: false)
        let outcome = try Projector.catchUp(store: store)
        if global.json {
            try ReviewOutput.json(["events": outcome.events, "positions_updated": outcome.owners, "checkpoint": outcome.checkpoint])
        } else {
            print("projections at position \(outcome.checkpoint): \(outcome.events) event\(outcome.events == 1 ? "" : "s") folded, \(outcome.owners) position\(outcome.owners == 1 ? "" : "s") updated")
        }
    }
}
