import EventStore
import Foundation
import Ledger

/// What a broker import will record, and what it left out.
public struct BrokerImportPlan: Sendable {
    /// Commands that produce events, in time order, with their decisions.
    public var recorded: [(command: PlannedCommand, decision: LedgerDecision)]
    /// Commands an earlier import recorded already (nothing new for them).
    public var alreadyRecorded: [PlannedCommand]
    /// Every new event, one append per stream, numbered in time order (one all-or-nothing batch).
    public var batch: LedgerBatch
    public var appends: [StreamAppend] { batch.appends }
    public var skipped: [SkippedRow]
    /// Orders left out: structures the ledger does not model and the rows that close them.
    public var skippedOrders: [SkippedOrder] = []
    /// Commissions and fees (dollars) of the imported rows: what the events carry in total.
    public var importedFees: Decimal

    public var eventCount: Int { batch.eventCount }

    /// `imported N condors, M layers; skipped K rows: …`.
    public var summary: String {
        func count(_ name: String) -> Int { recorded.filter { $0.command.name == name }.count }
        var parts = ["imported \(count("condor open")) condors, \(count("hedge add")) layers"]
        let actions = [("condor roll", "rolls"), ("condor close", "closes"), ("condor expire", "expiries"),
                       ("hedge reduce", "layer reductions"), ("hedge close", "layer closes")]
            .compactMap { count($0.0) > 0 ? "\(count($0.0)) \($0.1)" : nil }
        if !actions.isEmpty { parts[0] += " (" + actions.joined(separator: ", ") + ")" }
        if !alreadyRecorded.isEmpty { parts[0] += "; \(alreadyRecorded.count) already recorded" }
        if !skippedOrders.isEmpty {
            parts[0] += "; skipped \(skippedOrders.count) order\(skippedOrders.count == 1 ? "" : "s") (\(skippedOrders.reduce(0) { $0 + $1.lines.count }) rows) it does not model"
        }
        var categories: [String: Int] = [:]
        for row in skipped { categories[row.category, default: 0] += 1 }
        let listed = categories.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        var text = parts[0] + "; skipped \(skipped.count) rows" + (listed.isEmpty ? "" : ": " + listed.joined(separator: ", "))
        let skippedFees = skipped.reduce(Decimal(0)) { $0 + $1.fees } + skippedOrders.reduce(Decimal(0)) { $0 + $1.fees }
        text += "; fees \(DecimalParser.format(importedFees)) on imported rows, \(DecimalParser.format(skippedFees)) on skipped rows"
        return text
    }
}

/// Plans a broker import: parses the file, groups rows into ledger commands (`BrokerGrouping`),
/// decides every command with the ledger's own deciders against the ledger as it would be after
/// the commands before (an in-memory overlay), and returns one all-or-nothing batch. Reads only.
public struct BrokerImporter {
    public var reader: any LedgerReading
    public var portfolio: String
    public var links: [String: [String]]
    public var existingCondors: [CondorState]
    public var existingLayers: [HedgeLayerState]
    public var actor: String
    public var toolVersion: String
    public var now: Date
    /// All or nothing: an order the ledger does not model refuses the file instead of being skipped.
    public var strict = false

    public init(reader: any LedgerReading, portfolio: String, links: [String: [String]] = [:], existingCondors: [CondorState] = [],
                existingLayers: [HedgeLayerState] = [], actor: String, toolVersion: String, now: Date = Date(), strict: Bool = false) {
        self.strict = strict
        self.reader = reader
        self.portfolio = portfolio
        self.links = links
        self.existingCondors = existingCondors
        self.existingLayers = existingLayers
        self.actor = actor
        self.toolVersion = toolVersion
        self.now = now
    }

    /// Plans the import of a tastytrade Transactions CSV. Throws `BrokerImportFailure` with every problem.
    public func planTastytrade(csv data: Data) throws -> BrokerImportPlan {
        try plan(try TastytradeParser.parse(data))
    }

    public func plan(_ statement: BrokerStatement) throws -> BrokerImportPlan {
        _ = try TextRule.name(portfolio, field: "--portfolio")
        let start = statement.fills.map(\.at).min() ?? now
        var grouping = BrokerGrouping(portfolio: portfolio, links: links,
                                      existingCondors: existingCondors.filter { $0.status == .open && $0.portfolio == portfolio && $0.openedAt < start },
                                      existingLayers: existingLayers.filter { $0.status == .open && $0.portfolio == portfolio && $0.openedAt < start })
        grouping.broker = statement.broker
        grouping.strict = strict
        let grouped = grouping.group(statement.fills)
        guard grouped.issues.isEmpty else { throw BrokerImportFailure(issues: grouped.issues) }

        let overlay = InMemoryLedger(base: reader)
        let correlationID = EventIdentity.commandID(content: "import-broker/" + UUID().uuidString)
        var issues: [BrokerImportIssue] = []
        var recorded: [(command: PlannedCommand, decision: LedgerDecision)] = []
        var already: [PlannedCommand] = []
        var recordedAsLots: Set<Int> = []
        for command in grouped.commands {
            let commandID = command.commandID
            do {
                if command.name == AddPortfolio.name {
                    if try !overlay.events(inStream: StreamName.portfolio(portfolio)).isEmpty { continue }
                    if grouped.commands.count == 1 { continue }  // nothing to import: no portfolio either
                }
                if try overlay.locate(eventID: EventIdentity.eventID(command: commandID, index: 0)) != nil {
                    already.append(command)
                    continue
                }
                // A position an earlier import recorded as lots: its rows are in the ledger already.
                if let position = command.position, recordedAsLots.contains(position) {
                    already.append(command)
                    continue
                }
                if let lot = command.lotContent, let position = command.position,
                   try overlay.locate(eventID: EventIdentity.eventID(command: EventIdentity.commandID(content: lot), index: 0)) != nil {
                    recordedAsLots.insert(position)
                    already.append(command)
                    continue
                }
                try command.command.validate()
                let context = CommandContext(commandID: commandID, correlationID: correlationID, actor: actor, toolVersion: toolVersion,
                                             now: now, importLine: command.lines.first)
                let decision = try LedgerDecider(reader: overlay, context: context).decide(command.command)
                try overlay.append(decision.appends)
                recorded.append((command, decision))
            } catch let error as LedgerValidationError {
                issues.append(BrokerImportIssue(line: command.lines.first ?? 0, column: 0, columnName: error.field,
                                                message: "\(command.name) from lines \(command.lines.map(String.init).joined(separator: ", ")): \(error.field): \(error.rule)"))
            }
        }
        guard issues.isEmpty else { throw BrokerImportFailure(issues: issues) }

        let importedFees = statement.fills.reduce(Decimal(0)) { $0 + $1.fees }
            - grouped.skipped.reduce(Decimal(0)) { $0 + $1.fees } - grouped.skippedOrders.reduce(Decimal(0)) { $0 + $1.fees }
        return BrokerImportPlan(recorded: recorded, alreadyRecorded: already, batch: LedgerBatch(recorded.map(\.decision)),
                                skipped: (statement.skipped + grouped.skipped).sorted { $0.line < $1.line }, skippedOrders: grouped.skippedOrders,
                                importedFees: importedFees)
    }
}

/// Reads the open condors and hedge layers of the ledger (for positions opened before a file).
public enum LedgerPositions {
    /// Every condor and layer stream folded, read through `readAll` in pages.
    public static func read(_ store: EventStore, pageSize: Int = 5000) throws -> (condors: [CondorState], layers: [HedgeLayerState]) {
        var streams: [String: [LedgerStreamEvent]] = [:]
        var position: Int64 = 0
        while true {
            let page = try store.readAll(after: position, limit: pageSize)
            for event in page where event.streamID.hasPrefix("condor-") || event.streamID.hasPrefix("hedge-") {
                streams[event.streamID, default: []].append(try LedgerStreamEvent(recorded: event))
            }
            guard let last = page.last else { break }
            position = last.globalPosition
        }
        let condors = streams.filter { $0.key.hasPrefix("condor-") }.values.compactMap { CondorState.fold($0) }
        let layers = streams.filter { $0.key.hasPrefix("hedge-") }.values.compactMap { HedgeLayerState.fold($0) }
        return (condors.sorted { $0.openedAt < $1.openedAt }, layers.sorted { $0.openedAt < $1.openedAt })
    }
}

