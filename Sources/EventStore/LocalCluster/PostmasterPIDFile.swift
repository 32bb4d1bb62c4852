import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server's `postmaster.pid`, which says whether a server runs on a data directory. Reading it
/// costs microseconds: this is how an already running cluster is recognised without spawning anything.
struct PostmasterPIDFile: Equatable {
    var pid: Int32
    /// The last line: `ready` once the server accepts connections, `starting` or `stopping` otherwise.
    var serverStatus: String

    /// Parses the file's text (line 1 the pid, line 8 the status).
    init?(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let first = lines.first, let pid = Int32(first), pid > 0 else { return nil }
        self.pid = pid
        self.serverStatus = lines.count > 7 ? lines[7] : ""
    }

    /// Reads `<dataDirectory>/postmaster.pid`, or nil when there is none.
    static func read(dataDirectory: URL) -> PostmasterPIDFile? {
        guard let data = FileManager.default.contents(atPath: dataDirectory.appendingPathComponent("postmaster.pid").path) else {
            return nil
        }
        return PostmasterPIDFile(text: String(decoding: data, as: UTF8.self))
    }

    /// Whether the process named in the file is alive (EPERM means it exists under another user) and,
    /// where `/proc` can tell, is a PostgreSQL server that is not a zombie: a killed server whose parent
    /// has not reaped it still answers `kill(pid, 0)`, and after a reboot the pid may name another program.
    var processExists: Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return true }
        let name = stat[stat.index(after: open)..<close]
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return (name.hasPrefix("postgres") || name.hasPrefix("postmaster")) && state != "Z" && state != "X"
    }
}
