import CLibPQ

/// Parsing and building libpq connection strings (URLs `postgresql://…` or `key=value` strings),
/// using libpq's own parser so that the rules are exactly the server client's.
public enum ConnectionString {
    /// The parameters a connection string sets, in libpq's order. Throws
    /// `PostgresError(kind: .invalidConnectionString)` naming the problem when it is malformed.
    public static func parse(_ string: String) throws -> [(key: String, value: String)] {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(string, &errorMessage) else {
            var message = "invalid connection string"
            if let errorMessage {
                message += ": " + String(cString: errorMessage).trimmingTrailingWhitespace()
                PQfreemem(errorMessage)
            }
            throw PostgresError(kind: .invalidConnectionString, message: message)
        }
        defer { PQconninfoFree(options) }
        var result: [(key: String, value: String)] = []
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val {
                result.append((String(cString: keyword), String(cString: value)))
            }
            cursor += 1
        }
        return result
    }

    /// A `key='value' …` string for the given parameters, quoted for libpq.
    public static func build(_ parameters: [(key: String, value: String)]) -> String {
        parameters.map { "\($0.key)=\(quote($0.value))" }.joined(separator: " ")
    }

    /// `string` with `dbname` replaced (or set): how tests and the benchmark reach a database they created.
    public static func replacingDatabase(in string: String, with database: String) throws -> String {
        var parameters = try parse(string).filter { $0.key != "dbname" }
        parameters.append(("dbname", database))
        return build(parameters)
    }

    static func quote(_ value: String) -> String {
        var out = "'"
        for character in value {
            if character == "'" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "'"
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var copy = self
        while let last = copy.last, last.isWhitespace { copy.removeLast() }
        return copy
    }
}
