import Foundation

/// Debian's `chromium` in headless mode: loads a local file, runs its scripts, and returns the DOM
/// as serialised after them, with every console message the page produced (from Chromium's log on
/// stderr, `--enable-logging=stderr`: lines with `:CONSOLE`).
struct HeadlessChromium {
    let executable: String

    /// `ALVH_CHROMIUM`, else `chromium` or `chromium-browser` on the usual paths; nil when absent.
    static func find() -> HeadlessChromium? {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["ALVH_CHROMIUM"]].compactMap { $0 }
            + ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium", "/snap/bin/chromium"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map(HeadlessChromium.init(executable:))
    }

    static var runningInCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    struct Page {
        var dom: String
        /// Console messages (log, warning, error, uncaught exceptions), one per line.
        var console: [String]
        var stderr: String
    }

    func load(file path: String, timeout: TimeInterval = 120) throws -> Page {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("dom.html"), errURL = directory.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
                             "--enable-logging=stderr", "--v=0", "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
                             "--virtual-time-budget=2000", "--dump-dom", URL(fileURLWithPath: path).absoluteString]
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failure(message: "chromium did not finish within \(Int(timeout)) s")
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        let dom = try String(contentsOf: outURL, encoding: .utf8)
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0, !dom.isEmpty else {
            throw Failure(message: "chromium exited with \(process.terminationStatus): \(stderr.suffix(2000))")
        }
        return Page(dom: dom, console: stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init), stderr: stderr)
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
