import Foundation

/// The one CSV reader of the tool (trade imports, broker exports, daily bars, macro calendars, the
/// calculators): RFC 4180 — comma-separated fields, `"` quoting with `""` for a quote, records
/// ended by LF or CRLF, a quoted field may span lines. Input must be UTF-8; a byte-order mark is
/// skipped. Every error names the line (1-based) and the column where it is.
///
/// Strict where a lenient reader would guess: a quote that does not open a field, text after a
/// closing quote and a quoted field never closed are errors, not data. An empty line is no record.
public enum CSVFile {
    /// One record, the line it starts on, its fields unquoted, and each field's text as written.
    public struct Record: Equatable, Sendable {
        public var line: Int
        public var fields: [String]
        /// Each field exactly as it stands in the file between its delimiters (quotes included).
        public var rawFields: [String]

        public init(line: Int, fields: [String], rawFields: [String]? = nil) {
            self.line = line
            self.fields = fields
            self.rawFields = rawFields ?? fields
        }
    }

    /// A file that is not well-formed CSV or not UTF-8.
    public struct Malformed: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String

        public init(line: Int, column: Int, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }

        public var description: String { "line \(line), column \(column): \(message)" }
    }

    public static func records(_ data: Data) throws -> [Record] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Malformed(line: firstInvalidUTF8Line(bytes), column: 1, message: "the file is not valid UTF-8 (first bad byte on this line)")
        }
        var tokenizer = Tokenizer(text)
        return try tokenizer.read()
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

/// The state machine over the text's Unicode scalars.
private struct Tokenizer {
    var scalars: [Unicode.Scalar]
    var records: [CSVFile.Record] = []
    var fields: [String] = []
    var rawFields: [String] = []
    var field = String.UnicodeScalarView()
    var fieldStart = 0
    var line = 1
    var recordLine = 1
    var inQuotes = false
    var fieldWasQuoted = false

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        if scalars.last != "\n" { scalars.append("\n") }
    }

    mutating func read() throws -> [CSVFile.Record] {
        var index = 0
        while index < scalars.count {
            index = inQuotes ? quoted(at: index) : try unquoted(at: index)
            index += 1
        }
        if inQuotes {
            throw CSVFile.Malformed(line: recordLine, column: fields.count + 1, message: "a quoted field is never closed")
        }
        return records
    }

    /// Inside quotes: `""` is a quote, `"` closes; anything else (newlines too) is data.
    private mutating func quoted(at index: Int) -> Int {
        let c = scalars[index]
        guard c == "\"" else {
            if c == "\n" { line += 1 }
            field.append(c)
            return index
        }
        if index + 1 < scalars.count, scalars[index + 1] == "\"" {
            field.append("\"")
            return index + 1
        }
        inQuotes = false
        return index
    }

    /// Outside quotes: delimiters, record ends, a field's opening quote, data.
    private mutating func unquoted(at index: Int) throws -> Int {
        let c = scalars[index]
        switch c {
        case ",":
            endField(at: index)
        case "\"":
            guard field.isEmpty, !fieldWasQuoted else {
                throw CSVFile.Malformed(line: line, column: fields.count + 1, message: "a quote may only open a field (write \"\" inside a quoted field)")
            }
            inQuotes = true
            fieldWasQuoted = true
        case "\r" where index + 1 < scalars.count && scalars[index + 1] == "\n":
            endField(at: index)
            endRecord()
            fieldStart = index + 2
            return index + 1
        case "\n":
            endField(at: index)
            endRecord()
        default:
            if fieldWasQuoted {
                throw CSVFile.Malformed(line: line, column: fields.count + 1, message: "text after a closing quote")
            }
            field.append(c)
        }
        return index
    }

    private mutating func endField(at index: Int) {
        fields.append(String(field))
        var raw = String.UnicodeScalarView()
        raw.append(contentsOf: scalars[fieldStart..<index])
        rawFields.append(String(raw))
        field = String.UnicodeScalarView()
        fieldWasQuoted = false
        fieldStart = index + 1
    }

    private mutating func endRecord() {
        if !(fields.count == 1 && fields[0].isEmpty) {
            records.append(CSVFile.Record(line: recordLine, fields: fields, rawFields: rawFields))
        }
        fields = []
        rawFields = []
        line += 1
        recordLine = line
    }
}
