import Foundation

/// Where each part of an embedded cluster lives.
///
/// The cluster's files sit under a *cluster root*: normally `ALVH_HOME` itself
/// (`<home>/data`, `<home>/run`, `<home>/log/postgresql.log`). When alvh runs as root the server runs as
/// the `postgres` user, which must be able to enter every parent of its data directory; root's home
/// (`/root/.local/share/alvh`) is not enterable. In that case the root moves to
/// `/var/lib/alvh/<key>` (owned by postgres, mode 0700; `<key>` is a hash of the home's path), the
/// choice is recorded in `<home>/cluster.location` so that later runs find it, and `<home>/log` links
/// to the server log. The Unix socket lives in `<root>/run`, or in `/tmp/alvh-<uid>-<key>` when that
/// path would exceed the 107-byte socket path limit.
struct LocalClusterLayout: Equatable, Sendable {
    /// `ALVH_HOME`: configuration, lock and (usually) the cluster itself.
    var home: URL
    /// Parent of `data`, `run` and `log`.
    var root: URL
    var socketDirectory: URL

    static let port = 5432
    static let relocationParent = URL(fileURLWithPath: "/var/lib/alvh")
    /// Longest Unix socket path the kernel accepts (`sun_path` is 108 bytes with the terminator).
    static let maximumSocketPathBytes = 107

    var dataDirectory: URL { root.appendingPathComponent("data") }
    var logDirectory: URL { root.appendingPathComponent("log") }
    var logFile: URL { logDirectory.appendingPathComponent("postgresql.log") }
    var lockFile: URL { home.appendingPathComponent("cluster.lock") }
    var locationFile: URL { home.appendingPathComponent("cluster.location") }
    var socketFile: URL { socketDirectory.appendingPathComponent(".s.PGSQL.\(Self.port)") }
    var isRelocated: Bool { root != home }

    /// Works out the layout for `home`, honouring a recorded location. `account` is the server's account.
    static func resolve(home rawHome: URL, account: ServerAccount) -> LocalClusterLayout {
        let home = rawHome.standardizedFileURL
        let key = Self.key(for: home.path)
        let root: URL
        if let recorded = try? String(contentsOf: home.appendingPathComponent("cluster.location"), encoding: .utf8),
           !recorded.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            root = URL(fileURLWithPath: recorded.trimmingCharacters(in: .whitespacesAndNewlines))
        } else if serverCanUse(home: home, account: account) {
            root = home
        } else {
            root = relocationParent.appendingPathComponent(key)
        }
        var socketDirectory = root.appendingPathComponent("run")
        if socketDirectory.path.utf8.count + "/.s.PGSQL.\(port)".utf8.count > maximumSocketPathBytes {
            socketDirectory = URL(fileURLWithPath: "/tmp/alvh-\(account.uid)-\(key)")
        }
        return LocalClusterLayout(home: home, root: root, socketDirectory: socketDirectory)
    }

    /// Whether the server's account can keep its files under `home`. A home that does not exist yet is
    /// created with mode 0700, so only the caller itself could use it.
    private static func serverCanUse(home: URL, account: ServerAccount) -> Bool {
        guard account.runAsUser != nil else { return true }
        guard FileManager.default.fileExists(atPath: home.path) else { return false }
        return account.canTraverse(home)
    }

    /// A stable 16-hex-digit name for a path (FNV-1a, 64 bit).
    static func key(for path: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
