import Foundation
import Testing

/// Reads the reference vectors in ../shared/oracles (beside the package root, located from this
/// file's path). A missing file is a test failure with a message, never a silent pass.
enum OracleFiles {
    static var sharedDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent() // FinanceTests
            .deletingLastPathComponent() // Tests
            .deletingLastPathComponent() // package root
            .deletingLastPathComponent()
            .appendingPathComponent("shared")
    }

    /// One CSV row as column name → text, with its 1-based line number.
    struct Row {
        let line: Int
        let fields: [String: String]

        func text(_ column: String) -> String {
            guard let value = fields[column] else {
                Issue.record("line \(line): missing column \(column)")
                return ""
            }
            return value
        }

        func double(_ column: String) -> Double {
            guard let value = Double(text(column)) else {
                Issue.record("line \(line): \(column) is not a number")
                return .nan
            }
            return value
        }
    }

    /// Rows of `shared/<subdirectory>/<name>`; records an issue (failing the test) when absent.
    static func rows(_ name: String, in subdirectory: String = "oracles") -> [Row] {
        let url = sharedDirectory.appendingPathComponent(subdirectory).appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("reference file \(url.path) is missing: the tests need ../shared beside the package root")
            return []
        }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.split(separator: ",").map(String.init) else { return [] }
        return lines.dropFirst().enumerated().map { index, line in
            let values = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Row(line: index + 2, fields: Dictionary(uniqueKeysWithValues: zip(header, values)))
        }
    }

    static func text(_ name: String, in subdirectory: String) -> String? {
        let url = sharedDirectory.appendingPathComponent(subdirectory).appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("reference file \(url.path) is missing: the tests need ../shared beside the package root")
            return nil
        }
        return text
    }
}

/// |actual − expected| within `relative` × |expected| or `absolute`.
func close(_ actual: Double, _ expected: Double, relative: Double, absolute: Double) -> Bool {
    abs(actual - expected) <= max(relative * abs(expected), absolute)
}
