import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private PostgreSQL cluster that alvh creates and runs itself under a directory (`ALVH_HOME`),
/// reachable only through a Unix socket, with a superuser `alvh`, trust authentication on the socket
/// and a database `alvh`.
///
/// It drives the server's own programs (initdb, pg_ctl, psql, createdb). As root they run as the
/// `postgres` system user (see `LocalClusterLayout` for where the files then live). Creating, starting
/// and stopping take an exclusive lock, so concurrent `alvh` processes are safe; recognising an already
/// running cluster only reads `postmaster.pid`.
public struct LocalCluster: Sendable {
    /// `ALVH_HOME`: the directory this cluster belongs to.
    public let directory: URL

    /// The superuser and the database the cluster is created with.
    public static let userName = "alvh"
    public static let databaseName = "alvh"

    /// Marker written once the `alvh` database exists, so the fast path needs no query.
    static let readyMarker = "alvh_database_ready"

    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
    }

    /// `$ALVH_HOME`, else `$XDG_DATA_HOME/alvh`, else `~/.local/share/alvh`.
    public static func defaultDirectory(environment: [String: String]) -> URL {
        if let home = environment["ALVH_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).standardizedFileURL
        }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("alvh").standardizedFileURL
        }
        let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        return URL(fileURLWithPath: userHome).appendingPathComponent(".local/share/alvh").standardizedFileURL
    }

    /// The libpq keyword string for the `alvh` database, e.g. `host=/…/run port=5432 user=alvh dbname=alvh`.
    public var connectionString: String {
        Self.keywordString(layout())
    }

    /// The keyword string for another database of the cluster, e.g. `postgres` for administration
    /// (creating per-test databases). The user is the cluster's superuser `alvh`.
    public func connectionString(database: String) -> String {
        Self.keywordString(layout(), database: database)
    }

    /// Creates the cluster if needed, starts it if needed, creates the `alvh` database if missing, and
    /// returns the connection string. An already running cluster is a fast no-op.
    public func start() throws -> String {
        try prepare()
        return connectionString
    }

    /// Like `start()`, but says what had to be done (for the one-line notice the CLI prints).
    @discardableResult
    public func prepare() throws -> LocalClusterAction {
        if isReady(layout()) { return .alreadyRunning }

        try createHome()
        let lock = try ClusterLock(file: directory.appendingPathComponent("cluster.lock"))
        defer { withExtendedLifetime(lock) {} }

        let account = try ServerAccount.forServer()
        let layout = LocalClusterLayout.resolve(home: directory, account: account)
        if isReady(layout) { return .alreadyRunning }  // another process finished it while we waited

        let binaries = try PostgresBinaries.locate()
        var action = LocalClusterAction.alreadyRunning
        if !Self.isCreated(layout) {
            try initialize(layout, binaries: binaries, account: account)
            action = .created
        }
        if runningServer(layout) == nil {
            try launch(layout, binaries: binaries, account: account)
            if action != .created { action = .started }
        }
        try createDatabaseIfMissing(layout, binaries: binaries)
        return action
    }

    /// Stops the server (fast shutdown: open sessions are ended, committed work is kept). A cluster that
    /// is stopped or not created is left as it is.
    public func stop() throws {
        guard Self.isCreated(layout()) else { return }
        let lock = try ClusterLock(file: directory.appendingPathComponent("cluster.lock"))
        defer { withExtendedLifetime(lock) {} }
        let account = try ServerAccount.forServer()
        let layout = LocalClusterLayout.resolve(home: directory, account: account)
        guard PostmasterPIDFile.read(dataDirectory: layout.dataDirectory) != nil else { return }
        let binaries = try PostgresBinaries.locate()
        let result = try ServerCommand(
            executable: binaries.program("pg_ctl"),
            arguments: ["-D", layout.dataDirectory.path, "-m", "fast", "-w", "-t", "60", "-s", "stop"],
            account: account
        ).run()
        if result.status != 0, runningServer(layout) != nil {
            throw LocalClusterError.commandFailed(program: "pg_ctl stop", status: result.status, output: ServerCommand.tail(result.combined))
        }
    }

    /// Where the cluster is and whether it runs, from its files alone.
    public func status() -> LocalClusterStatus {
        let layout = layout()
        let state: LocalClusterStatus.State
        let pid = runningServer(layout)
        if !Self.isCreated(layout) {
            state = .notCreated
        } else if pid != nil {
            state = .running
        } else {
            state = .stopped
        }
        let version = try? String(contentsOf: layout.dataDirectory.appendingPathComponent("PG_VERSION"), encoding: .utf8)
        return LocalClusterStatus(
            state: state,
            pid: state == .running ? pid : nil,
            home: directory,
            dataDirectory: layout.dataDirectory,
            socketDirectory: layout.socketDirectory,
            logFile: layout.logFile,
            serverVersion: version?.trimmingCharacters(in: .whitespacesAndNewlines),
            connectionString: Self.keywordString(layout)
        )
    }

    /// Stops the server and deletes the cluster's data, socket directory and log (throwaway clusters in
    /// tests). The `ALVH_HOME` directory itself is kept.
    public func destroy() throws {
        try stop()
        let layout = layout()
        let fileManager = FileManager.default
        var doomed = [layout.dataDirectory, layout.logDirectory, layout.socketDirectory,
                      layout.root.appendingPathComponent("run"), layout.lockFile, layout.locationFile]
        if layout.isRelocated {
            doomed.append(layout.root)
            doomed.append(layout.home.appendingPathComponent("log"))
        }
        for url in doomed where fileManager.fileExists(atPath: url.path) || (try? fileManager.destinationOfSymbolicLink(atPath: url.path)) != nil {
            try? fileManager.removeItem(at: url)
        }
    }

    // MARK: - Steps

    private func layout() -> LocalClusterLayout {
        LocalClusterLayout.resolve(home: directory, account: (try? ServerAccount.forServer()) ?? .current)
    }

    static func isCreated(_ layout: LocalClusterLayout) -> Bool {
        FileManager.default.fileExists(atPath: layout.dataDirectory.appendingPathComponent("PG_VERSION").path)
    }

    /// The postmaster's pid when a server runs on this data directory and accepts connections on our socket.
    private func runningServer(_ layout: LocalClusterLayout) -> Int32? {
        guard let file = PostmasterPIDFile.read(dataDirectory: layout.dataDirectory),
              file.processExists, file.serverStatus == "ready",
              FileManager.default.fileExists(atPath: layout.socketFile.path) else { return nil }
        return file.pid
    }

    private func isReady(_ layout: LocalClusterLayout) -> Bool {
        runningServer(layout) != nil
            && FileManager.default.fileExists(atPath: layout.dataDirectory.appendingPathComponent(Self.readyMarker).path)
    }

    private func createHome() throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LocalClusterError.filesystem(path: directory.path, reason: "cannot create the alvh home directory: \(error.localizedDescription)")
        }
    }

    /// Makes `url` (mode 0700) and gives it to the server's account. An existing entry must be a real
    /// directory (not a symbolic link) owned by the caller or the server's account: a directory planted
    /// by someone else (in /tmp, say) is refused rather than used or handed to postgres.
    private func makeServerDirectory(_ url: URL, account: ServerAccount) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LocalClusterError.filesystem(path: url.path, reason: "cannot create directory: \(error.localizedDescription)")
        }
        var info = stat()
        guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
              info.st_uid == geteuid() || info.st_uid == account.uid else {
            throw LocalClusterError.filesystem(path: url.path, reason: "is not a directory owned by this user or by the server's user; remove it")
        }
        try account.takeOwnership(of: url)
    }

    private func initialize(_ layout: LocalClusterLayout, binaries: PostgresBinaries, account: ServerAccount) throws {
        let fileManager = FileManager.default
        if layout.isRelocated {
            if !fileManager.fileExists(atPath: LocalClusterLayout.relocationParent.path) {
                try fileManager.createDirectory(at: LocalClusterLayout.relocationParent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            }
            try makeServerDirectory(layout.root, account: account)
            try Data((layout.root.path + "\n").utf8).write(to: layout.locationFile)
            try Data((layout.home.path + "\n").utf8).write(to: layout.root.appendingPathComponent("alvh-home"))
            let logLink = layout.home.appendingPathComponent("log")
            if (try? fileManager.destinationOfSymbolicLink(atPath: logLink.path)) == nil, !fileManager.fileExists(atPath: logLink.path) {
                try? fileManager.createSymbolicLink(at: logLink, withDestinationURL: layout.logDirectory)
            }
        }
        if let leftovers = try? fileManager.contentsOfDirectory(atPath: layout.dataDirectory.path), !leftovers.isEmpty {
            throw LocalClusterError.filesystem(path: layout.dataDirectory.path, reason: "exists, is not empty and holds no PostgreSQL cluster (no PG_VERSION); move it away")
        }
        try makeServerDirectory(layout.dataDirectory, account: account)
        try makeServerDirectory(layout.logDirectory, account: account)
        do {
            try ServerCommand(
                executable: binaries.program("initdb"),
                arguments: ["-D", layout.dataDirectory.path, "-U", Self.userName,
                            "--auth-local=trust", "--auth-host=reject", "-E", "UTF8", "--locale=C"],
                account: account
            ).check()
        } catch {
            // Leave nothing half made: the next attempt starts from an empty directory.
            if let contents = try? fileManager.contentsOfDirectory(at: layout.dataDirectory, includingPropertiesForKeys: nil) {
                for item in contents { try? fileManager.removeItem(at: item) }
            }
            throw error
        }
        let configuration = layout.dataDirectory.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: configuration)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(ClusterSettings.includeLine.utf8))
        try handle.close()
    }

    private func launch(_ layout: LocalClusterLayout, binaries: PostgresBinaries, account: ServerAccount) throws {
        try makeServerDirectory(layout.socketDirectory, account: account)
        try makeServerDirectory(layout.logDirectory, account: account)
        let settings = layout.dataDirectory.appendingPathComponent(ClusterSettings.fileName)
        try Data(ClusterSettings(socketDirectory: layout.socketDirectory, port: LocalClusterLayout.port).fileText.utf8).write(to: settings)
        try account.takeOwnership(of: settings)
        let result = try ServerCommand(
            executable: binaries.program("pg_ctl"),
            arguments: ["-D", layout.dataDirectory.path, "-l", layout.logFile.path, "-w", "-t", "60", "-s", "start"],
            account: account
        ).run()
        if result.status != 0 {
            let log = (try? String(contentsOf: layout.logFile, encoding: .utf8)) ?? ""
            throw LocalClusterError.commandFailed(
                program: "pg_ctl start", status: result.status,
                output: ServerCommand.tail(result.combined + "\n" + ServerCommand.tail(log, lines: 4)) + " (log: \(layout.logFile.path))")
        }
    }

    private func createDatabaseIfMissing(_ layout: LocalClusterLayout, binaries: PostgresBinaries) throws {
        let marker = layout.dataDirectory.appendingPathComponent(Self.readyMarker)
        if FileManager.default.fileExists(atPath: marker.path) { return }
        let connection = ["-h", layout.socketDirectory.path, "-p", String(LocalClusterLayout.port), "-U", Self.userName]
        let found = try ServerCommand(
            executable: binaries.program("psql"),
            arguments: connection + ["-d", "postgres", "-X", "-t", "-A", "-c", "SELECT 1 FROM pg_database WHERE datname = 'alvh'"]
        ).check().standardOutput
        if found.trimmingCharacters(in: .whitespacesAndNewlines) != "1" {
            try ServerCommand(executable: binaries.program("createdb"), arguments: connection + [Self.databaseName]).check()
        }
        try Data("the alvh database exists\n".utf8).write(to: marker)
    }

    /// libpq keyword/value syntax; values with spaces or quotes are single-quoted with backslash escapes.
    static func keywordString(_ layout: LocalClusterLayout, database: String = LocalCluster.databaseName) -> String {
        [("host", layout.socketDirectory.path), ("port", String(LocalClusterLayout.port)),
         ("user", userName), ("dbname", database)]
            .map { "\($0.0)=\(keywordValue($0.1))" }
            .joined(separator: " ")
    }

    static func keywordValue(_ value: String) -> String {
        let plain = !value.isEmpty && !value.contains { $0 == " " || $0 == "'" || $0 == "\\" || $0.isWhitespace }
        if plain { return value }
        return "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
