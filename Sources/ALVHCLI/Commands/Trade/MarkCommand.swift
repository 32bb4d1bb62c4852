import ArgumentParser
import Ledger

/// `alvh mark`: record a market snapshot.
struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Record a market snapshot: SPX, VIX, optional VIX9D/VIX3M, VIX futures and option quotes.",
        discussion: "Quotes: 'YYYY-MM-DD P|C STRIKE=BID/ASK[@IV]' with IV as a fraction (0.21). Marks on one feed must not go back in time.")

    @OptionGroup var global: GlobalOptions
    @Option(parsing: .unconditional, help: ArgumentHelp("The instant observed.", valueName: "ISO8601")) var at: String
    @Option(parsing: .unconditional, help: ArgumentHelp("SPX level.", valueName: "X")) var spx: String
    @Option(parsing: .unconditional, help: ArgumentHelp("VIX level.", valueName: "V")) var vix: String
    @Option(parsing: .unconditional, help: ArgumentHelp("VIX9D level.", valueName: "V")) var vix9d: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("VIX3M level.", valueName: "V")) var vix3m: String?
    @Option(name: .customLong("advance-decline"), parsing: .unconditional, help: ArgumentHelp("NYSE advance-decline reading.", valueName: "N")) var advanceDecline: String?
    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("A VIX future's price (repeatable).", valueName: "YYYY-MM=PRICE")) var vx: [String] = []
    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("An SPX option quote (repeatable).", valueName: "'YYYY-MM-DD P|C STRIKE=BID/ASK[@IV]'")) var quote: [String] = []
    @Option(parsing: .unconditional, help: ArgumentHelp("Market feed name (default spx).", valueName: "NAME")) var feed: String?
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        var a = CommandArguments()
        a.set("--at", at); a.set("--spx", spx); a.set("--vix", vix); a.set("--vix9d", vix9d); a.set("--vix3m", vix3m)
        a.set("--advance-decline", advanceDecline); a.set("--vx", all: vx); a.set("--quote", all: quote); a.set("--feed", feed)
        try TradeRunner.record("mark", a, global: global, recording: recording)
    }
}
