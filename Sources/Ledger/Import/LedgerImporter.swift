import EventStore
import Foundation

/// One problem in an import file, located by line and column (1-based).
public struct ImportIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var columnName: String
    public var message: String

    public var description: String { "line \(line), column \(column) (\(columnName)): \(message)" }
}

/// Every problem found in a file; nothing was written.
public struct ImportFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var issues: [ImportIssue]
    public var description: String {
        "import refused, nothing written: " + issues.map(\.description).joined(separator: "; ")
    }
}

/// What an import will record: every event of every new row, as one multi-stream append.
public struct ImportPlan: Sendable {
    /// Rows that produce events, in file order.
    public var rows: [(line: Int, decision: LedgerDecision)]
    /// Lines already recorded by an earlier import of the same rows.
    public var alreadyRecorded: [Int]
    /// Every new event, one append per stream, numbered in file order.
    public var batch: LedgerBatch

    public var appends: [StreamAppend] { batch.appends }
    public var eventCount: Int { batch.eventCount }
}

/// Reads an import file (see `ImportFormat`), simulates every row against the ledger and plans
/// one all-or-nothing append. Reads only; the caller appends `plan.appends`.
public struct LedgerImporter {
    public var reader: any LedgerReading
    public var actor: String
    public var toolVersion: String
    public var now: Date
    /// Stop collecting after this many issues.
    public var maximumIssues = 50

    public init(reader: any LedgerReading, actor: String, toolVersion: String, now: Date = Date()) {
        self.reader = reader
        self.actor = actor
        self.toolVersion = toolVersion
        self.now = now
    }

    public func plan(csv data: Data) throws -> ImportPlan {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(data)
        } catch let malformed as CSVReader.Malformed {
            throw ImportFailure(issues: [ImportIssue(line: malformed.line, column: malformed.column, columnName: "", message: malformed.message)])
        }
        guard let header = records.first else {
            throw ImportFailure(issues: [ImportIssue(line: 1, column: 1, columnName: "command", message: "the file is empty; the first line must be a header with a command column")])
        }
        var run = ImportRun(importer: self, header: try ImportHeader(header))
        for record in records.dropFirst() {
            if run.issues.count >= maximumIssues { break }
            run.take(record)
        }
        guard run.issues.isEmpty else { throw ImportFailure(issues: run.issues) }
        return ImportPlan(rows: run.rows, alreadyRecorded: run.alreadyRecorded, batch: LedgerBatch(run.rows.map(\.decision)))
    }

    /// The condor or layer an already-recorded creating row made.
    static func createdEntity(command: String, commandID: UUID, explicit: String?) -> UUID? {
        guard ImportFormat.idIsFlag(command) else { return nil }
        if let explicit, let id = UUID(uuidString: explicit) { return id }
        return EventIdentity.entityID(command: commandID, kind: command == OpenCondor.name ? "condor" : "layer")
    }
}

/// The header of an import file: column name → index, every name known and given once.
struct ImportHeader {
    let record: CSVReader.Record
    let columnIndex: [String: Int]
    let commandColumn: Int

    init(_ record: CSVReader.Record) throws {
        var issues: [ImportIssue] = []
        var columnIndex: [String: Int] = [:]
        for (index, name) in record.fields.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            if !ImportFormat.allColumns.contains(key) {
                issues.append(ImportIssue(line: record.line, column: index + 1, columnName: name, message: "unknown column '\(name)'"))
            } else if columnIndex[key] != nil {
                issues.append(ImportIssue(line: record.line, column: index + 1, columnName: name, message: "column '\(key)' appears twice"))
            } else {
                columnIndex[key] = index
            }
        }
        guard let commandColumn = columnIndex["command"] else {
            issues.append(ImportIssue(line: record.line, column: 1, columnName: "command", message: "the header needs a command column"))
            throw ImportFailure(issues: issues)
        }
        guard issues.isEmpty else { throw ImportFailure(issues: issues) }
        self.record = record
        self.columnIndex = columnIndex
        self.commandColumn = commandColumn
    }
}

/// One pass over an import file's rows: each row is checked, resolved (`line:N`), identified by
/// its content and decided against the ledger as it would be after the rows before.
struct ImportRun {
    let importer: LedgerImporter
    let header: ImportHeader
    let overlay: InMemoryLedger
    let correlationID = EventIdentity.commandID(content: "import/" + UUID().uuidString)
    private(set) var issues: [ImportIssue] = []
    private(set) var rows: [(line: Int, decision: LedgerDecision)] = []
    private(set) var alreadyRecorded: [Int] = []
    /// The condor or layer each creating row made, by line.
    private var created: [Int: UUID] = [:]
    /// How many identical rows came before, by content.
    private var occurrences: [String: Int] = [:]
    private var refusedLines = Set<Int>()

    init(importer: LedgerImporter, header: ImportHeader) {
        self.importer = importer
        self.header = header
        overlay = InMemoryLedger(base: importer.reader)
    }

    private mutating func issue(_ record: CSVReader.Record, _ column: String, _ message: String) {
        refusedLines.insert(record.line)
        let index = header.columnIndex[column] ?? header.commandColumn
        issues.append(ImportIssue(line: record.line, column: index + 1, columnName: column, message: message))
    }

    /// Checks, resolves and decides one row; its problems become issues.
    mutating func take(_ record: CSVReader.Record) {
        let fieldCount = header.record.fields.count
        guard record.fields.count == fieldCount else {
            refusedLines.insert(record.line)
            issues.append(ImportIssue(line: record.line, column: min(record.fields.count, fieldCount) + 1, columnName: "",
                                      message: "has \(record.fields.count) fields; the header has \(fieldCount)"))
            return
        }
        let commandText = record.fields[header.commandColumn]
        let command = commandText.trimmingCharacters(in: .whitespaces).lowercased()
        guard ImportFormat.columns[command] != nil else {
            return issue(record, "command", "must be one of \(LedgerCommand.names.joined(separator: ", ")) (got \(Echo.quoted(commandText)))")
        }
        guard let cells = cells(record, command: command), let arguments = arguments(record, command: command, cells: cells) else { return }
        decide(record, command: command, cells: cells, arguments: arguments)
    }

    /// The row's non-empty cells by column; nil (with issues) when one does not apply to `command`.
    private mutating func cells(_ record: CSVReader.Record, command: String) -> [String: String]? {
        let allowed = ImportFormat.columns[command] ?? []
        var cells: [String: String] = [:]
        var rowOK = true
        for (name, index) in header.columnIndex where name != "command" && !record.fields[index].isEmpty {
            guard allowed.contains(name) else {
                issue(record, name, "column '\(name)' does not apply to \(command)")
                rowOK = false
                continue
            }
            cells[name] = record.fields[index]
        }
        return rowOK ? cells : nil
    }

    /// The condor a row recorded by an earlier import split off (a partial roll or side close), if any;
    /// only a roll or close row naming `contracts` can have split one off, so no other row reads the ledger.
    private func splitOffCondor(command: String, cells: [String: String], commandID: UUID) throws -> UUID? {
        guard command == RollCondor.name || command == CloseCondor.name, cells[Field.contracts.column] != nil else { return nil }
        let id = EventIdentity.entityID(command: commandID, kind: "condor")
        return try overlay.events(inStream: StreamName.condor(id)).isEmpty ? nil : id
    }

    /// `line:N` → the id of the condor or layer created on line N.
    private mutating func resolve(_ text: String, column: String, _ record: CSVReader.Record) -> String? {
        guard text.hasPrefix("line:") else { return text }
        guard let target = Int(text.dropFirst(5)), let id = created[target] else {
            if let target = Int(text.dropFirst(5)), refusedLines.contains(target) {
                issue(record, column, "'\(text)' refers to line \(target), which is refused above")
            } else {
                issue(record, column, "'\(text)' refers to no condor or layer created on that line")
            }
            return nil
        }
        return id.uuidString.lowercased()
    }

    /// The command's arguments from the cells, references resolved; nil when one does not resolve.
    private mutating func arguments(_ record: CSVReader.Record, command: String, cells: [String: String]) -> CommandArguments? {
        var arguments = CommandArguments()
        var rowOK = true
        for (name, value) in cells {
            switch name {
            case Field.id.column:
                let isFlag = ImportFormat.idIsFlag(command)
                guard let resolved = isFlag ? value : resolve(value, column: Field.id.column, record) else { rowOK = false; continue }
                if isFlag { arguments.set(Field.id.name, resolved) } else { arguments.positional = resolved }
            case Field.portfolio.column where command == AddPortfolio.name || command == SetPortfolioCapital.name:
                arguments.positional = value
            case Field.protects.column:
                let resolved = value.split(whereSeparator: { $0 == ";" || $0 == "," }).map { resolve(String($0), column: "protects", record) }
                guard resolved.allSatisfy({ $0 != nil }) else { rowOK = false; continue }
                arguments.set(Field.protects.name, resolved.compactMap { $0 }.joined(separator: ","))
            case let repeatable where ImportFormat.repeatable.contains(repeatable):
                arguments.set("--" + name, all: value.split(separator: ";").map(String.init))
            default:
                arguments.set("--" + name, value)
            }
        }
        return rowOK ? arguments : nil
    }

    /// The row's command id (from its content and how many identical rows came before); a row
    /// recorded by an earlier import is noted, anything else is parsed, decided and applied to the overlay.
    private mutating func decide(_ record: CSVReader.Record, command: String, cells: [String: String], arguments: CommandArguments) {
        let canonical = ([command] + cells.keys.sorted().map { "\($0)=\(cells[$0]!)" }).joined(separator: "\u{1F}")
        let occurrence = occurrences[canonical, default: 0]
        occurrences[canonical] = occurrence + 1
        let commandID = EventIdentity.commandID(content: canonical + "\u{1E}\(occurrence)")
        do {
            if try overlay.locate(eventID: EventIdentity.eventID(command: commandID, index: 0)) != nil {
                alreadyRecorded.append(record.line)
                if let id = LedgerImporter.createdEntity(command: command, commandID: commandID, explicit: arguments.optional(Field.id.name)) {
                    created[record.line] = id
                } else if let id = try splitOffCondor(command: command, cells: cells, commandID: commandID) {
                    created[record.line] = id
                }
                return
            }
            let parsed = try LedgerCommand.parse(name: command, arguments: arguments)
            let context = CommandContext(commandID: commandID, correlationID: correlationID, actor: importer.actor, toolVersion: importer.toolVersion,
                                         now: importer.now, importLine: record.line)
            let decision = try LedgerDecider(reader: overlay, context: context).decide(parsed)
            try overlay.append(decision.appends)
            if ImportFormat.idIsFlag(command) {
                created[record.line] = decision.condorID ?? decision.layerID
            } else if let split = decision.appends.first(where: { $0.expected == .noStream && $0.streamID.hasPrefix("condor-") }) {
                // A partial roll or a partial side close: its contracts continue as a new condor.
                created[record.line] = StreamName.condorID(of: split.streamID)
            }
            rows.append((record.line, decision))
        } catch let error as LedgerValidationError {
            issue(record, ImportFormat.column(forField: error.field, command: command), error.rule)
        } catch {
            issue(record, "command", "\(error)")
        }
    }
}
