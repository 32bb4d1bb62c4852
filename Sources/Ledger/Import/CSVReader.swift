import CSVFile
import Foundation

/// The CSV records of an import file, read by the tool's one CSV reader (`CSVFile`: RFC 4180,
/// UTF-8, a BOM skipped, every error with its line and column). Kept for the callers of
/// `CSVReader.records(_:)`.
public enum CSVReader {
    /// One record and the 1-based line it starts on.
    public struct Record: Equatable, Sendable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// A file that is not well-formed CSV or not UTF-8.
    public typealias Malformed = CSVFile.Malformed

    public static func records(_ data: Data) throws -> [Record] {
        try CSVFile.records(data).map { Record(line: $0.line, fields: $0.fields) }
    }
}
