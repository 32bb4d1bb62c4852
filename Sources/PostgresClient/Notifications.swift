import CLibPQ
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A NOTIFY received on a channel this session LISTENs to.
public struct PostgresNotification: Sendable, Equatable {
    public var channel: String
    public var payload: String
    /// Server process id of the session that sent it.
    public var senderPID: Int32
}

extension PostgresConnection {
    public func listen(_ channel: String) throws {
        try execute("LISTEN " + quoteIdentifier(channel))
    }

    public func unlisten(_ channel: String) throws {
        try execute("UNLISTEN " + quoteIdentifier(channel))
    }

    /// Sends a notification (delivered when the current transaction commits).
    public func notify(_ channel: String, payload: String = "") throws {
        try execute("SELECT pg_notify($1, $2)", [channel, payload])
    }

    /// Waits up to `timeout` seconds for a notification; nil when none came. Throws
    /// `.connectionFailed` when the session is lost while waiting.
    public func waitForNotification(timeout: Double) throws -> PostgresNotification? {
        try checkOpen()
        if let pending = try nextNotification() { return pending }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return nil }
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            guard descriptor.fd >= 0 else { throw connectionError() }
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 60_000).rounded(.up)))
            if ready < 0 && errno != EINTR { throw connectionError() }
            if let notification = try nextNotification() { return notification }
        }
    }

    /// Reads whatever has arrived and returns one queued notification, if any.
    private func nextNotification() throws -> PostgresNotification? {
        guard PQconsumeInput(handle) == 1 else { throw connectionError() }
        guard let notify = PQnotifies(handle) else {
            if PQstatus(handle) != CONNECTION_OK { throw connectionError() }
            return nil
        }
        defer { PQfreemem(notify) }
        return PostgresNotification(channel: String(cString: notify.pointee.relname),
                                    payload: String(cString: notify.pointee.extra),
                                    senderPID: notify.pointee.be_pid)
    }
}
