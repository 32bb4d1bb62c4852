import Foundation

/// The executables `swift test` builds next to the test bundle (`.build/<config>/`).
enum BuiltPrograms {
    static var directory: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
    }

    /// The `alvh` command line.
    static var alvh: URL { directory.appendingPathComponent("alvh") }

    /// The writer process of these tests (`Sources/alvh-load`).
    static var load: URL { directory.appendingPathComponent("alvh-load") }

    static func require() throws {
        for program in [alvh, load] where !FileManager.default.isExecutableFile(atPath: program.path) {
            throw RunningProcess.ChildFailure(description: "\(program.path) is missing: swift test builds every executable next to the test bundle")
        }
    }
}
