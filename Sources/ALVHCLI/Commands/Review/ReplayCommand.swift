import ArgumentParser
import Foundation
import Projections
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `alvh replay`: drop and rebuild every projection from position zero.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild every projection from the first event (a progress bar on a terminal, events/s at the end).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try ReviewSession.open(global, catchUp: false)
        let bar = ProgressBar(label: "replay", unit: "events", enabled: ProgressBar.stderrIsTerminal && !global.json)
        let started = Date()
        let outcome = try Projector(store: store).replay { done, total in bar.update(done, total) }
        bar.finish()
        let seconds = max(Date().timeIntervalSince(started), 1e-6)
        let rate = Int((Double(outcome.events) / seconds).rounded())
        if global.json {
            try ReviewOutput.json(["events": outcome.events, "positions": outcome.owners, "checkpoint": outcome.checkpoint,
                                   "seconds": (seconds * 1000).rounded() / 1000, "events_per_s": rate])
        } else {
            print("replayed \(outcome.events) events into \(outcome.owners) positions in \(String(format: "%.2f", seconds)) s: \(rate) events/s (checkpoint \(outcome.checkpoint))")
        }
    }
}
