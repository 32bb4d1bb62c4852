import Foundation

/// RFC 4180 CSV: comma-separated fields, `"` quoting with `""` for a quote, records ended by LF
/// or CRLF; a quoted field may span lines. Input must be UTF-8 (a BOM is skipped).
public enum CSVReader {
    /// One record and the 1-based line it starts on.
    public struct Record: Equatable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    /// A file that is not well-formed CSV or not UTF-8.
    public struct Malformed: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    public static func records(_ data: Data) throws -> [Record] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = firstInvalidUTF8Line(bytes)
            throw Malformed(line: line, column: 1, message: "the file is not valid UTF-8 (first bad byte on this line)")
        }
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var scalars = Array(text.unicodeScalars)
        if scalars.last != "\n" { scalars.append("\n") }
        var index = 0
        func endField() {
            fields.append(field)
            field = ""
            fieldWasQuoted = false
        }
        while index < scalars.count {
            let c = scalars[index]
            if inQuotes {
                if c == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case ",":
                    endField()
                case "\"":
                    guard field.isEmpty, !fieldWasQuoted else {
                        throw Malformed(line: line, column: fields.count + 1, message: "a quote may only open a field (write \"\" inside a quoted field)")
                    }
                    inQuotes = true
                    fieldWasQuoted = true
                case "\r" where index + 1 < scalars.count && scalars[index + 1] == "\n":
                    break
                case "\n":
                    endField()
                    if !(fields.count == 1 && fields[0].isEmpty) {
                        records.append(Record(line: recordLine, fields: fields))
                    }
                    fields = []
                    line += 1
                    recordLine = line
                default:
                    if fieldWasQuoted {
                        throw Malformed(line: line, column: fields.count + 1, message: "text after a closing quote")
                    }
                    field.unicodeScalars.append(c)
                }
            }
            index += 1
        }
        if inQuotes {
            throw Malformed(line: recordLine, column: fields.count + 1, message: "a quoted field is never closed")
        }
        return records
    }

    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}
