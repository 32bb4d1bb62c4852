import ArgumentParser
import EventStore
import Foundation
import Ledger
import Market

/// `alvh market`: the market model a feed is valued with.
struct MarketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "market", abstract: "The market model a feed's marks are valued with.",
        subcommands: [MarketModelCommand.self])
}

/// `alvh market model --feed NAME [--rate …] …`: print the feed's current model, or record a change.
struct MarketModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Print a feed's market model, or record a change of it (effective from --at).",
        discussion: """
        A feed's model values its marks: condor legs (quotes where recorded, else Black-Scholes-Merton at the skewed vol), \
        VIX options (Black-76), and the fills and fees the fixed rule's counterfactuals and backtests pay. Without a change flag \
        it prints the model in force now; with one it records a MarketModelSet with every parameter (the others unchanged), \
        valuing the feed's marks from --at on. A feed's first mark records the default model.
        """)

    @OptionGroup var global: GlobalOptions
    @Option(name: Field.feed.long, parsing: .unconditional, help: ArgumentHelp("The market feed (it must have a mark).", valueName: "NAME"),
            transform: Field.feed.read) var feed: Checked<String>
    @OptionGroup var model: MarketModelOptions
    @Option(name: Field.at.long, parsing: .unconditional,
            help: ArgumentHelp("When the change takes effect (default now); not before the feed's last event.", valueName: "ISO8601"),
            transform: Field.at.read) var at: Checked<Date>?
    @Option(name: Field.note.long, parsing: .unconditional, help: "Why (stored verbatim).", transform: Field.note.read) var note: Checked<String>?
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        // Everything that can be checked without the database is checked before connecting.
        let feed = try self.feed.get()
        let instant = try at?.get()
        let note = try self.note?.get()
        let commandID = try recording.commandID?.get() ?? UUID()
        guard model.changesAnything else {
            let store = try LedgerSession.openForReading(global)
            let current = try Self.current(feed: feed, at: instant ?? .distantFuture, store: store)
            print(global.json ? try Self.json(current) : Self.text(current, feed: feed))
            return
        }
        _ = try model.applied(to: .standard)
        let context = CommandContext(commandID: commandID, actor: TradeRunner.actor, toolVersion: ToolInfo.version)
        let session = try RecordingSession.make(global)
        let result = try session.record { store in
            let current = try Self.current(feed: feed, at: instant ?? .distantFuture, store: store)
            let change = SetMarketModel(feed: feed, at: instant, model: try model.applied(to: current.parameters), note: note)
            return try LedgerRecorder(store: store).record(.setMarketModel(change), context: context)
        }.value
        print(TradeRunner.render(result, json: global.json))
    }

    /// The feed's model in force at `instant`; the feed must have events (exit 2 otherwise).
    static func current(feed: String, at instant: Date, store: EventStore) throws -> MarketModel {
        let events = try store.readStream(StreamName.market(feed)).map { try LedgerStreamEvent(recorded: $0) }
        guard !events.isEmpty else {
            throw CLIFailure.invalid(Field.feed.name, "no feed '\(feed)' in the ledger: a model belongs to a feed with marks (record one with alvh mark --feed \(feed))")
        }
        return MarketModels(try MarketModels.recorded(in: EffectiveStream(events).effective)).model(feed: feed, at: instant)
    }

    static func text(_ model: MarketModel, feed: String) -> String {
        "feed \(feed): \(model.label)\n" + model.assumptions.split(separator: ";").map { "  " + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
    }

    static func json(_ model: MarketModel) throws -> String {
        struct Shown: Encodable {
            var model: String
            var feed: String?
            var effectiveFrom: Date?
            var parameters: MarketModelParameters
        }
        let shown = Shown(model: model.id, feed: model.feed, effectiveFrom: model.effectiveFrom, parameters: model.parameters)
        return String(decoding: try LedgerJSON.encode(shown), as: UTF8.self)
    }
}
