import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on stderr, redrawn in place; silent unless enabled (by default: only when
/// stderr is a terminal, so pipes and logs stay clean).
final class ProgressBar {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    let label: String
    let unit: String
    let enabled: Bool
    private var lastPercent = -1
    private var drawn = false

    init(label: String, unit: String, enabled: Bool = ProgressBar.stderrIsTerminal) {
        self.label = label
        self.unit = unit
        self.enabled = enabled
    }

    /// Shows `done` of `total` (any integer type); redraws only when the whole percent changes.
    func update<Count: BinaryInteger>(_ done: Count, _ total: Count) {
        guard enabled, total > 0 else { return }
        let percent = Int(done * 100 / total)
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 30
        let filled = min(width, percent * width / 100)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% (\(done)/\(total) \(unit))".utf8))
        drawn = true
    }

    /// Ends the line the bar was drawn on.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\n".utf8))
        drawn = false
    }
}
