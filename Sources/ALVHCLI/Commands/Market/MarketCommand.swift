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
    @Option(help: ArgumentHelp("The market feed (it must have a mark).", valueName: "NAME")) var feed: String
    @OptionGroup var model: MarketModelOptions
    @Option(help: ArgumentHelp("When the change takes effect (default now); not before the feed's last event.", valueName: "ISO8601")) var at: String?
    @Option(help: "Why (stored verbatim).") var note: String?
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        let feed = try RecordMarket.feedName(self.feed)
        let instant = try at.map { try FieldParser.instant($0, field: "--at") }
        let commandID = try recording.commandID.map { try FieldParser.uuid($0, field: "--command-id") } ?? UUID()
        let store = try LedgerSession.open(global)
        let events = try store.readStream(StreamName.market(feed)).map { try LedgerStreamEvent(recorded: $0) }
        guard !events.isEmpty else {
            throw CLIFailure.invalid("--feed", "no feed '\(feed)' in the ledger: a model belongs to a feed with marks (record one with alvh mark --feed \(feed))")
        }
        let current = MarketModels(try MarketModels.recorded(in: EffectiveStream(events).effective)).model(feed: feed, at: instant ?? .distantFuture)
        guard model.changesAnything else {
            print(global.json ? try Self.json(current) : Self.text(current, feed: feed))
            return
        }
        let change = SetMarketModel(feed: feed, at: instant, model: try model.applied(to: current.parameters), note: note)
        let context = CommandContext(commandID: commandID, actor: TradeRunner.actor, toolVersion: ToolInfo.version)
        let result = try LedgerRecorder(store: store).record(.setMarketModel(change), context: context)
        LedgerSession.catchUpAfterRecording(store)
        print(TradeRunner.render(result, json: global.json))
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
