import ArgumentParser
import Foundation
import Ledger

/// `alvh mark`: record a market snapshot.
struct MarkCommand: RecordingCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Record a market snapshot: SPX, VIX, optional VIX9D/VIX3M, VIX futures and option quotes.",
        discussion: "Quotes: 'YYYY-MM-DD P|C STRIKE=BID/ASK[@IV]' with IV as a fraction (0.21). Marks on one feed must not go back in time.")

    @OptionGroup var global: GlobalOptions
    @Option(name: Field.at.long, parsing: .unconditional, help: ArgumentHelp("The instant observed.", valueName: "ISO8601"), transform: Field.at.read)
    var at: Checked<Date>
    @Option(name: Field.spx.long, parsing: .unconditional, help: ArgumentHelp("SPX level.", valueName: "X"), transform: Field.spx.read)
    var spx: Checked<Decimal>
    @Option(name: Field.markVIX.long, parsing: .unconditional, help: ArgumentHelp("VIX level.", valueName: "V"), transform: Field.markVIX.read)
    var vix: Checked<Decimal>
    @Option(name: Field.markVIX9D.long, parsing: .unconditional, help: ArgumentHelp("VIX9D level.", valueName: "V"), transform: Field.markVIX9D.read)
    var vix9d: Checked<Decimal>?
    @Option(name: Field.markVIX3M.long, parsing: .unconditional, help: ArgumentHelp("VIX3M level.", valueName: "V"), transform: Field.markVIX3M.read)
    var vix3m: Checked<Decimal>?
    @Option(name: Field.markAdvanceDecline.long, parsing: .unconditional, help: ArgumentHelp("NYSE advance-decline reading.", valueName: "N"),
            transform: Field.markAdvanceDecline.read) var advanceDecline: Checked<Decimal>?
    @Option(name: Field.vx.long, parsing: .unconditionalSingleValue, help: ArgumentHelp("A VIX future's price (repeatable).", valueName: "YYYY-MM=PRICE"),
            transform: Field.vx.read) var vx: [Checked<FuturesQuote>] = []
    @Option(name: Field.quote.long, parsing: .unconditionalSingleValue,
            help: ArgumentHelp("An SPX option quote (repeatable).", valueName: "'YYYY-MM-DD P|C STRIKE=BID/ASK[@IV]'"),
            transform: Field.quote.read) var quote: [Checked<OptionQuote>] = []
    @Option(name: Field.feed.long, parsing: .unconditional, help: ArgumentHelp("Market feed name (default spx).", valueName: "NAME"), transform: Field.feed.read)
    var feed: Checked<String>?
    @OptionGroup var recording: RecordingOptions

    /// The fields in `RecordMarket.parse`'s order: the futures curve first.
    func ledgerCommand() throws -> LedgerCommand {
        let futures = try RecordMarket.distinctMonths(vx.map { try $0.get() })
        return .recordMarket(RecordMarket(
            feed: try feed?.get() ?? StreamName.defaultMarketFeed, at: try at.get(), spx: try spx.get(), vix: try vix.get(),
            vix9d: try vix9d?.get(), vix3m: try vix3m?.get(), advanceDecline: try advanceDecline?.get(), futures: futures,
            quotes: try quote.map { try $0.get() }))
    }
}
