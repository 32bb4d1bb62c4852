import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating-system account the PostgreSQL server runs as: the caller itself, or — when the caller
/// is root, which initdb and postgres refuse — the `postgres` system user.
struct ServerAccount: Sendable, Equatable {
    /// User whose identity `runuser` takes, or nil to run as the caller.
    var runAsUser: String?
    var uid: uid_t
    var gid: gid_t
    /// The account's groups, for deciding whether it may enter a directory.
    var groups: [gid_t]

    static var current: ServerAccount {
        ServerAccount(runAsUser: nil, uid: geteuid(), gid: getegid(), groups: [getegid()])
    }

    static var callerIsRoot: Bool { geteuid() == 0 }

    /// The account for this process: `postgres` when root, else the caller.
    static func forServer() throws -> ServerAccount {
        guard callerIsRoot else { return .current }
        guard let entry = getpwnam("postgres") else { throw LocalClusterError.postgresUserMissing }
        let uid = entry.pointee.pw_uid
        let gid = entry.pointee.pw_gid
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist("postgres", gid, &groups, &count) < 0 {
            groups = [gid]
        } else {
            groups = Array(groups.prefix(Int(count)))
        }
        return ServerAccount(runAsUser: "postgres", uid: uid, gid: gid, groups: groups)
    }

    /// Whether this account can enter `directory` and each of its parents (execute permission on every
    /// component), judged from their modes and owners.
    func canTraverse(_ directory: URL) -> Bool {
        if uid == 0 { return true }
        var path = directory.standardizedFileURL.path
        while true {
            var info = stat()
            guard stat(path, &info) == 0 else { return false }
            let mode = info.st_mode
            let allowed: Bool
            if info.st_uid == uid {
                allowed = mode & S_IXUSR != 0
            } else if groups.contains(info.st_gid) {
                allowed = mode & S_IXGRP != 0
            } else {
                allowed = mode & S_IXOTH != 0
            }
            if !allowed { return false }
            if path == "/" || path.isEmpty { return true }
            path = (path as NSString).deletingLastPathComponent
        }
    }

    /// Gives `url` to this account (no-op unless running as root for another user).
    func takeOwnership(of url: URL) throws {
        guard runAsUser != nil else { return }
        guard chown(url.path, uid, gid) == 0 else {
            throw LocalClusterError.filesystem(path: url.path, reason: "cannot give it to the postgres user: \(String(cString: strerror(errno)))")
        }
    }
}
