import CSVFile
import Finance
import Foundation

/// A CSV table as the `alvh calc` commands read it (with `CSVFile`): a header row, then data rows;
/// blank lines are skipped. Each row keeps its raw field text so that pass-through columns are
/// written back exactly as read.
struct CalcTable {
    struct Row {
        /// 1-based line number in the input.
        let line: Int
        /// Fields as written (quotes included).
        var raw: [String]
        /// Fields unquoted and trimmed.
        let values: [String]
    }

    var header: [String]
    var rows: [Row]

    /// Reads `text` with the tool's CSV reader (`CSVFile`); blank lines are skipped.
    init(text: String) throws {
        let records: [CSVFile.Record]
        do {
            records = try CSVFile.records(Data(text.utf8)).filter { !$0.rawFields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        } catch let malformed as CSVFile.Malformed {
            throw CLIFailure.invalid("line \(malformed.line)", "column \(malformed.column): \(malformed.message)")
        }
        guard let first = records.first else { throw CLIFailure.invalid("input", "is empty: a CSV header row is required") }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [Row] = []
        for record in records.dropFirst() {
            guard record.fields.count == header.count else {
                throw CLIFailure.invalid("line \(record.line)", "has \(record.fields.count) fields, the header has \(header.count)")
            }
            rows.append(Row(line: record.line, raw: record.rawFields, values: record.fields.map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        self.header = header
        self.rows = rows
    }

    /// The index of a required input column.
    func column(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw CLIFailure.invalid("input", "missing column `\(name)` (header: \(header.joined(separator: ",")))")
        }
        return index
    }

    /// Writes the table with `outputs` computed per row: a computed column whose name is already in
    /// the header replaces that column's value in place; the others are appended in order.
    func render(outputs: [String], compute: (Row) throws -> [String]) throws -> String {
        var targets: [Int] = []
        var outHeader = header
        for name in outputs {
            if let existing = header.firstIndex(of: name) {
                targets.append(existing)
            } else {
                targets.append(outHeader.count)
                outHeader.append(name)
            }
        }
        var text = outHeader.map(CalcTable.quoteIfNeeded).joined(separator: ",") + "\n"
        for row in rows {
            var fields = row.raw
            fields.append(contentsOf: repeatElement("", count: outHeader.count - fields.count))
            for (target, value) in zip(targets, try compute(row)) { fields[target] = value }
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    static func quoteIfNeeded(_ field: String) -> String {
        guard field.contains(",") || field.contains("\"") else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension CalcTable.Row {
    /// The number in `column`, or a usage error naming the line and column.
    func number(_ column: Int, _ name: String) throws -> Double {
        guard let value = Double(values[column]), value.isFinite else {
            throw CLIFailure.invalid("line \(line): \(name)", "must be a finite number (got \"\(values[column])\")")
        }
        return value
    }

    /// `c`/`call`/`p`/`put`, or a usage error naming the line.
    func right(_ column: Int) throws -> Finance.OptionRight {
        guard let right = Finance.OptionRight(code: values[column]) else {
            throw CLIFailure.invalid("line \(line): right", "must be c, p, call or put (got \"\(values[column])\")")
        }
        return right
    }

    /// Runs a finance computation, turning its errors into `line N: field: rule`.
    func compute<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as FinanceError {
            throw CLIFailure.invalid("line \(line): \(error.field)", error.rule)
        }
    }
}

/// Full-precision text of a Double: Swift's shortest representation that reads back to the same value.
func calcFormat(_ value: Double) -> String { "\(value)" }
