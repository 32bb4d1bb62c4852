import Foundation

/// ../shared beside the package root, located from this file's path; nil when absent (CI without it).
enum SharedData {
    static var directory: URL? {
        // Tests/StrategyTests/Support/SharedData.swift → the package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = root.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: data.appendingPathComponent("spx_daily.csv").path) ? data : nil
    }

    static func file(_ name: String) -> URL? { directory?.appendingPathComponent(name) }
}
