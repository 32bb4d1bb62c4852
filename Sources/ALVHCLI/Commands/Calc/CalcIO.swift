import ArgumentParser
import Foundation

/// Where a calc command reads its CSV and writes its result.
struct CalcIO: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("CSV file to read (default: standard input).", valueName: "FILE"))
    var input: String?

    @Option(name: .long, help: ArgumentHelp("File to write the result CSV to (default: standard output).", valueName: "FILE"))
    var output: String?

    func read() throws -> String {
        if let input {
            do {
                return try String(contentsOfFile: input, encoding: .utf8)
            } catch {
                throw CLIFailure.invalid("--input", "cannot read \(input): \(error.localizedDescription)")
            }
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else { throw CLIFailure.invalid("input", "is not UTF-8 text") }
        return text
    }

    func write(_ text: String) throws {
        if let output {
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw CLIFailure(.failure, "--output: cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Reads, transforms and writes; nothing is written when the transform fails.
    func run(_ transform: (String) throws -> String) throws {
        try write(transform(read()))
    }
}
