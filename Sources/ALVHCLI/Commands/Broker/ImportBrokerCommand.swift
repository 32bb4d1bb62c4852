import ArgumentParser
import BrokerImport
import EventStore
import Foundation
import Ledger

/// `alvh import-broker FORMAT FILE`: record the trades of a broker export; what the ledger does not
/// model is skipped and listed (`--strict`: all or nothing).
struct ImportBrokerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-broker",
        abstract: "Record condors, credit spreads, rolls and hedge layers from a broker export; list what it skips.",
        subcommands: [ImportTastytradeCommand.self, ImportIBKRCommand.self])
}

/// `alvh import-broker tastytrade FILE [--portfolio NAME] [--dry-run] [--strict] [--link HEDGE=CONDOR…]`.
struct ImportTastytradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tastytrade",
        abstract: "Import tastytrade's Transactions CSV.",
        discussion: """
        The four SPX/SPXW/XSP legs of one order that form an iron condor open it (two legs: a credit spread; the \
        missing side sold later on the same expiry and quantity legs in); a closing order with an opening order (the \
        same one, or the next the same day) rolls it; a closing order alone closes it, all of it or some contracts; \
        Receive Deliver expiration and settlement rows expire it. VIX options, /VX futures and VXX/UVXY/VIXY purchases \
        become hedge layers (one order's VIX legs, a vertical, one layer) protecting the portfolio, or the condors of \
        the orders named by --link. Orders of structures the ledger does not model (butterflies, debit spreads, lone \
        options) are skipped with every later row closing them and listed on stderr; --strict refuses the file \
        instead. Money movements and every other instrument are skipped and counted. Re-importing the same rows \
        records nothing twice.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The Transactions CSV exported from tastytrade.", valueName: "FILE.csv")) var file: String
    @Option(name: .long, help: ArgumentHelp("Portfolio the trades belong to.", valueName: "NAME")) var portfolio = "tastytrade"
    @Flag(name: .long, help: "Check the file and print what would be recorded, without writing.") var dryRun = false
    @Flag(name: .long, help: "All or nothing: refuse the file when an order is a structure the ledger does not model.") var strict = false
    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("A hedge order protects the condors opened by other orders (repeatable).", valueName: "HEDGE-ORDER=CONDOR-ORDER[+CONDOR-ORDER…]"))
    var link: [String] = []

    func run() throws {
        try BrokerImportRun(global: global, file: file, portfolio: portfolio, dryRun: dryRun, strict: strict, links: try Self.parseLinks(link))
            .run { try TastytradeParser.parse($0) }
    }

    /// `HEDGE=CONDOR[+CONDOR…]` → hedge order → condor orders (or condor ids).
    static func parseLinks(_ texts: [String]) throws -> [String: [String]] {
        var links: [String: [String]] = [:]
        for text in texts {
            let parts = text.split(separator: "=", omittingEmptySubsequences: false)
            let targets = parts.count == 2 ? parts[1].split(separator: "+").map(String.init) : []
            guard parts.count == 2, !parts[0].isEmpty, !targets.isEmpty, targets.allSatisfy({ !$0.isEmpty }) else {
                throw CLIFailure.invalid("--link", "must be HEDGE-ORDER=CONDOR-ORDER[+CONDOR-ORDER…], e.g. 4001=1001 (got \(Echo.quoted(text)))")
            }
            links[String(parts[0]), default: []] += targets
        }
        return links
    }
}

/// The shared body of every `import-broker FORMAT` command: read, parse, plan, record, report.
struct BrokerImportRun {
    var global: GlobalOptions
    var file: String
    var portfolio: String
    var dryRun: Bool
    var strict: Bool
    var links: [String: [String]]

    /// Parses the file with `parse`, plans the import and records it (unless a dry run).
    func run(_ parse: (Data) throws -> BrokerStatement) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CLIFailure.invalid("FILE", "cannot read \(file): \(error.localizedDescription)")
        }
        let statement: BrokerStatement
        do {
            statement = try parse(data)
        } catch let failure as BrokerImportFailure {
            throw CLIFailure(.usage, failure.description)
        }
        // Planned against the ledger on each attempt: after a lost server, rows recorded already are skipped.
        let (plan, positionsWritten) = try RecordingSession.make(global).record(catchUp: false) { store in
            try planAndRecord(statement, store: store)
        }.value
        let lines = plan.recorded.flatMap { item in item.decision.lines.map { text in item.command.lines.first.map { "line \($0): \(text)" } ?? text } }
        // Each order left out, as a warning: the import itself succeeded.
        for order in plan.skippedOrders { FileHandle.standardError.write(Data((order.description + "\n").utf8)) }
        if global.json {
            let output = ImportBrokerOutput(dryRun: dryRun, summary: plan.summary,
                                            events: plan.appends.flatMap { $0.events.map(\.eventID.lowercasedString) },
                                            positions: positionsWritten, lines: lines,
                                            alreadyRecordedLines: plan.alreadyRecorded.flatMap(\.lines).sorted(),
                                            skippedLines: plan.skipped.map(\.line), skippedOrders: plan.skippedOrders.map(\.description))
            print(String(decoding: try LedgerJSON.encode(output), as: UTF8.self))
            return
        }
        if dryRun { print("dry run: nothing written; would record \(plan.eventCount) events:") }
        for line in lines { print(line) }
        print(plan.summary + (dryRun ? "" : "; \(plan.eventCount) events written"))
    }
}

extension BrokerImportRun {
    /// Plans the import against the ledger and appends it in one commit (unless a dry run); returns
    /// the plan and the positions written.
    func planAndRecord(_ statement: BrokerStatement, store: EventStore) throws -> (BrokerImportPlan, [Int64]) {
        let positions = try LedgerPositions.read(store)
        let importer = BrokerImporter(reader: StoreLedgerReader(store: store), portfolio: portfolio, links: links,
                                      existingCondors: positions.condors, existingLayers: positions.layers,
                                      actor: TradeRunner.actor, toolVersion: ToolInfo.version, strict: strict)
        let plan: BrokerImportPlan
        do {
            plan = try importer.plan(statement)
        } catch let failure as BrokerImportFailure {
            throw CLIFailure(.usage, failure.description)
        } catch let error as LedgerValidationError {
            throw CLIFailure.invalid(error.field, error.rule)
        }
        guard !dryRun, !plan.appends.isEmpty else { return (plan, []) }
        let written = try store.append(plan.appends, eventOrder: plan.batch.eventOrder).flatMap(\.positions)
        LedgerSession.catchUpAfterRecording(store)
        return (plan, written)
    }
}

/// `alvh import-broker ibkr FILE [--portfolio NAME] [--dry-run] [--strict] [--link HEDGE=CONDOR…] [--time-zone ZONE]`.
struct ImportIBKRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ibkr",
        abstract: "Import an Interactive Brokers Flex Query Trades CSV.",
        discussion: """
        Reads the Trades section of a Flex Query exported as CSV with a header row (the header may repeat for \
        more accounts or sections). Needed columns: AssetClass, Symbol, UnderlyingSymbol, Multiplier, Strike, Expiry, \
        Put/Call, DateTime, Quantity, TradePrice, Proceeds, IBCommission, Buy/Sell, Open/CloseIndicator, Notes/Codes and \
        IBOrderID (or OrderID). Rows are grouped as for tastytrade: SPX/SPXW/XSP legs of one IBOrderID form, roll or \
        close condors; Notes/Codes Ep (expired) and A/Ex (cash settled) rows expire them; VIX options, VX futures and \
        VXX/UVXY/VIXY shares become hedge layers. Other asset classes are skipped and counted. Fees are -IBCommission \
        (plus Taxes when present). Re-importing the same rows records nothing twice.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The Flex Query Trades CSV exported from Interactive Brokers.", valueName: "FILE.csv")) var file: String
    @Option(name: .long, help: ArgumentHelp("Portfolio the trades belong to.", valueName: "NAME")) var portfolio = "ibkr"
    @Flag(name: .long, help: "Check the file and print what would be recorded, without writing.") var dryRun = false
    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("A hedge order protects the condors opened by other orders (repeatable).", valueName: "HEDGE-ORDER=CONDOR-ORDER[+CONDOR-ORDER…]"))
    var link: [String] = []
    @Flag(name: .long, help: "All or nothing: refuse the file when an order is a structure the ledger does not model.") var strict = false
    @Option(name: .long, help: ArgumentHelp("Time zone the file's DateTime values are in (Flex writes none).", valueName: "IANA-ZONE"))
    var timeZone = "America/New_York"

    func run() throws {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw CLIFailure.invalid("--time-zone", "must be an IANA time zone like America/New_York (got \(Echo.quoted(timeZone)))")
        }
        try BrokerImportRun(global: global, file: file, portfolio: portfolio, dryRun: dryRun, strict: strict, links: try ImportTastytradeCommand.parseLinks(link))
            .run { try IBKRFlexParser.parse($0, timeZone: zone) }
    }
}

struct ImportBrokerOutput: Encodable {
    var dryRun: Bool
    var summary: String
    var events: [String]
    var positions: [Int64]
    var lines: [String]
    var alreadyRecordedLines: [Int]
    var skippedLines: [Int]
    /// `skipped order N (lines …): reason`, one per order left out.
    var skippedOrders: [String]
}
