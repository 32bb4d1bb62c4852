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
        var issues: [ImportIssue] = []
        var columnIndex: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            if !ImportFormat.allColumns.contains(key) {
                issues.append(ImportIssue(line: header.line, column: index + 1, columnName: name, message: "unknown column '\(name)'"))
            } else if columnIndex[key] != nil {
                issues.append(ImportIssue(line: header.line, column: index + 1, columnName: name, message: "column '\(key)' appears twice"))
            } else {
                columnIndex[key] = index
            }
        }
        guard let commandColumn = columnIndex["command"] else {
            issues.append(ImportIssue(line: header.line, column: 1, columnName: "command", message: "the header needs a command column"))
            throw ImportFailure(issues: issues)
        }
        guard issues.isEmpty else { throw ImportFailure(issues: issues) }

        let overlay = InMemoryLedger(base: reader)
        let correlationID = EventIdentity.commandID(content: "import/" + UUID().uuidString)
        var created: [Int: UUID] = [:]
        var occurrences: [String: Int] = [:]
        var rows: [(line: Int, decision: LedgerDecision)] = []
        var alreadyRecorded: [Int] = []

        var refusedLines = Set<Int>()
        for record in records.dropFirst() {
            if issues.count >= maximumIssues { break }
            func issue(_ column: String, _ message: String) {
                refusedLines.insert(record.line)
                let index = columnIndex[column] ?? commandColumn
                issues.append(ImportIssue(line: record.line, column: index + 1, columnName: column, message: message))
            }
            guard record.fields.count == header.fields.count else {
                refusedLines.insert(record.line)
                issues.append(ImportIssue(line: record.line, column: min(record.fields.count, header.fields.count) + 1, columnName: "",
                                          message: "has \(record.fields.count) fields; the header has \(header.fields.count)"))
                continue
            }
            let command = record.fields[commandColumn].trimmingCharacters(in: .whitespaces).lowercased()
            guard let allowed = ImportFormat.columns[command] else {
                issue("command", "must be one of \(LedgerCommand.names.joined(separator: ", ")) (got \(Echo.quoted(record.fields[commandColumn])))")
                continue
            }
            var cells: [String: String] = [:]
            var rowOK = true
            for (name, index) in columnIndex where name != "command" && !record.fields[index].isEmpty {
                guard allowed.contains(name) else {
                    issue(name, "column '\(name)' does not apply to \(command)")
                    rowOK = false
                    continue
                }
                cells[name] = record.fields[index]
            }
            guard rowOK else { continue }

            // References to rows above.
            func resolve(_ text: String, column: String) -> String? {
                guard text.hasPrefix("line:") else { return text }
                guard let target = Int(text.dropFirst(5)), let id = created[target] else {
                    if let target = Int(text.dropFirst(5)), refusedLines.contains(target) {
                        issue(column, "'\(text)' refers to line \(target), which is refused above")
                    } else {
                        issue(column, "'\(text)' refers to no condor or layer created on that line")
                    }
                    return nil
                }
                return id.uuidString.lowercased()
            }
            var arguments = CommandArguments()
            for (name, value) in cells {
                switch name {
                case "id":
                    let isFlag = ImportFormat.idIsFlag(command)
                    guard let resolved = isFlag ? value : resolve(value, column: "id") else { rowOK = false; continue }
                    if isFlag { arguments.set("--id", resolved) } else { arguments.positional = resolved }
                case "portfolio" where command == "portfolio add":
                    arguments.positional = value
                case "protects":
                    let parts = value.split(whereSeparator: { $0 == ";" || $0 == "," }).map { String($0) }
                    let resolved = parts.map { resolve($0, column: "protects") }
                    guard resolved.allSatisfy({ $0 != nil }) else { rowOK = false; continue }
                    arguments.set("--protects", resolved.compactMap { $0 }.joined(separator: ","))
                case let repeatable where ImportFormat.repeatable.contains(repeatable):
                    arguments.set("--" + name, all: value.split(separator: ";").map(String.init))
                default:
                    arguments.set("--" + name, value)
                }
            }
            guard rowOK else { continue }

            let canonical = ([command] + cells.keys.sorted().map { "\($0)=\(cells[$0]!)" }).joined(separator: "\u{1F}")
            let occurrence = occurrences[canonical, default: 0]
            occurrences[canonical] = occurrence + 1
            let commandID = EventIdentity.commandID(content: canonical + "\u{1E}\(occurrence)")
            do {
                if try overlay.locate(eventID: EventIdentity.eventID(command: commandID, index: 0)) != nil {
                    alreadyRecorded.append(record.line)
                    if let id = Self.createdEntity(command: command, commandID: commandID, explicit: arguments.optional("--id")) {
                        created[record.line] = id
                    }
                    continue
                }
                let parsed = try LedgerCommand.parse(name: command, arguments: arguments)
                let context = CommandContext(commandID: commandID, correlationID: correlationID, actor: actor, toolVersion: toolVersion,
                                             now: now, importLine: record.line)
                let decision = try LedgerDecider(reader: overlay, context: context).decide(parsed)
                try overlay.append(decision.appends)
                if ImportFormat.idIsFlag(command) { created[record.line] = decision.condorID ?? decision.layerID }
                rows.append((record.line, decision))
            } catch let error as LedgerValidationError {
                issue(ImportFormat.column(forField: error.field, command: command), error.rule)
            } catch {
                issue("command", "\(error)")
            }
        }
        guard issues.isEmpty else { throw ImportFailure(issues: issues) }

        return ImportPlan(rows: rows, alreadyRecorded: alreadyRecorded, batch: LedgerBatch(rows.map(\.decision)))
    }

    /// The condor or layer an already-recorded creating row made.
    static func createdEntity(command: String, commandID: UUID, explicit: String?) -> UUID? {
        guard ImportFormat.idIsFlag(command) else { return nil }
        if let explicit, let id = UUID(uuidString: explicit) { return id }
        return EventIdentity.entityID(command: commandID, kind: command == "condor open" ? "condor" : "layer")
    }
}
