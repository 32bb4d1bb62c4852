import Foundation
import Finance

/// A CSV table as the `alvh calc` commands read it: a header row, then data rows. Fields may be
/// double-quoted (with `""` for a quote); blank lines are skipped; `\r\n` is accepted. Each row
/// keeps its raw field text so that pass-through columns are written back exactly as read.
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

    init(text: String) throws {
        var header: [String]?
        var rows: [Row] = []
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line[...]
            if trimmed.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let raw = try CalcTable.split(trimmed, line: lineNumber)
            let values = raw.map(CalcTable.unquote)
            if header == nil {
                header = values
            } else {
                guard raw.count == header!.count else {
                    throw CLIFailure.invalid("line \(lineNumber)", "has \(raw.count) fields, the header has \(header!.count)")
                }
                rows.append(Row(line: lineNumber, raw: raw, values: values))
            }
        }
        guard let header else { throw CLIFailure.invalid("input", "is empty: a CSV header row is required") }
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

    static func split(_ line: Substring, line number: Int) throws -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let following = iterator.next() {
                        if following == "\"" { current.append("\"\"") } else { inQuotes = false; current.append("\""); pending = following }
                    } else {
                        inQuotes = false
                        current.append("\"")
                    }
                } else {
                    current.append(character)
                }
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                if character == "\"" { inQuotes = true }
                current.append(character)
            }
        }
        guard !inQuotes else { throw CLIFailure.invalid("line \(number)", "has an unterminated quoted field") }
        fields.append(current)
        return fields
    }

    static func unquote(_ field: String) -> String {
        let trimmed = field.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return trimmed }
        return String(trimmed.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
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
