/// One problem in a broker file, located by line (1-based) and, when it is one cell's fault, by
/// column (0: the row or its order as a whole).
public struct BrokerImportIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    /// The broker's header name of the column (`Strike Price`), or what the problem concerns.
    public var columnName: String
    public var message: String

    public init(line: Int, column: Int, columnName: String, message: String) {
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    public var description: String {
        column > 0 ? "line \(line), column \(column) (\(columnName)): \(message)" : "line \(line): \(message)"
    }
}

/// Every problem found in a broker file; nothing was written.
public struct BrokerImportFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var issues: [BrokerImportIssue]

    public init(issues: [BrokerImportIssue]) { self.issues = issues }

    public var description: String {
        "import refused, nothing written: " + issues.map(\.description).joined(separator: "; ")
    }
}
