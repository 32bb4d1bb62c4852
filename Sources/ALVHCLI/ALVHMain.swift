import ArgumentParser
import Foundation

/// Entry point shared by the `alvh` executable and the tests: parses, runs, and maps every error
/// to one line on stderr and the documented exit status.
public enum ALVHMain {
    /// Runs `alvh` with `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        StandbyReading.current = nil
        do {
            var command = try ALVH.parseAsRoot(GlobalArguments.hoist(arguments))
            try command.run()
            return ExitStatus.success.rawValue
        } catch {
            let (status, message) = ErrorReporting.describe(error)
            if !message.isEmpty {
                if status == .success {
                    print(message)
                } else {
                    FileHandle.standardError.write(Data((message + "\n").utf8))
                }
            }
            return status.rawValue
        }
    }
}
