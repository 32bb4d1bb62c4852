import Foundation

/// Where the PostgreSQL server programs (`initdb`, `pg_ctl`, `psql`, …) live on this machine.
public struct PostgresBinaries: Sendable, Equatable {
    /// The directory holding `initdb` and `pg_ctl`.
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The full path of one program in `directory`.
    public func program(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    /// Finds the server binaries: `pg_config --bindir` when that directory has `initdb` and `pg_ctl`,
    /// else the highest-versioned `<versionedRoot>/<N>/bin` that has both (Debian's layout).
    ///
    /// - Parameters:
    ///   - searchPath: directories searched for `pg_config` (normally `$PATH`).
    ///   - versionedRoot: the parent of versioned installs, normally `/usr/lib/postgresql`.
    /// - Throws: `LocalClusterError.serverBinariesNotFound` naming where it looked.
    public static func locate(
        searchPath: [String] = PostgresBinaries.executableSearchPath(),
        versionedRoot: URL = URL(fileURLWithPath: "/usr/lib/postgresql")
    ) throws -> PostgresBinaries {
        var searched: [String] = []
        if let pgConfig = searchPath.lazy
            .map({ URL(fileURLWithPath: $0).appendingPathComponent("pg_config") })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            searched.append("pg_config --bindir")
            if let output = try? ServerCommand.output(of: pgConfig, ["--bindir"]) {
                let candidate = URL(fileURLWithPath: output.trimmingCharacters(in: .whitespacesAndNewlines))
                if hasServerPrograms(candidate) { return PostgresBinaries(directory: candidate) }
            }
        } else {
            searched.append("pg_config on PATH")
        }
        searched.append(versionedRoot.path + "/*/bin")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: versionedRoot.path)) ?? []
        let ordered = versions.sorted { versionKey($0).lexicographicallyPrecedes(versionKey($1)) }
        for version in ordered.reversed() {
            let candidate = versionedRoot.appendingPathComponent(version).appendingPathComponent("bin")
            if hasServerPrograms(candidate) { return PostgresBinaries(directory: candidate) }
        }
        throw LocalClusterError.serverBinariesNotFound(searched: searched)
    }

    /// `$PATH` split into directories.
    public static func executableSearchPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
    }

    private static func hasServerPrograms(_ directory: URL) -> Bool {
        ["initdb", "pg_ctl"].allSatisfy {
            FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent($0).path)
        }
    }

    /// "15" < "16" < "9.6" would sort wrongly as text; compare the numeric parts.
    private static func versionKey(_ name: String) -> [Int] {
        name.split(separator: ".").map { Int($0) ?? -1 }
    }
}
