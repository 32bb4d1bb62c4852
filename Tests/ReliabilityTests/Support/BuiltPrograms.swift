import Foundation
import TestSupport

/// The executables `swift test` builds next to the test bundle (`.build/<config>/`).
enum BuiltPrograms {
    /// The `alvh` command line (found by TestSupport).
    static var alvh: URL { URL(fileURLWithPath: ALVHProcess.path) }

    static var directory: URL { alvh.deletingLastPathComponent() }

    /// The writer process of these tests (`Sources/alvh-load`).
    static var load: URL { directory.appendingPathComponent("alvh-load") }

    static func require() throws {
        for program in [alvh, load] where !FileManager.default.isExecutableFile(atPath: program.path) {
            throw RunningProcess.ChildFailure(description: "\(program.path) is missing: swift test builds every executable next to the test bundle")
        }
    }
}
