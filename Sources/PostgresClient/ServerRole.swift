import CLibPQ

extension PostgresConnection {
    /// Whether the server this session reached is a hot standby (read-only, replaying a primary's
    /// WAL). From the `in_hot_standby` parameter the server reports at connect time and again when it
    /// changes (a promotion), so it costs no round trip. Nil before PostgreSQL 14 or once closed.
    public var isInHotStandby: Bool? {
        guard !isClosed, let value = PQparameterStatus(handle, "in_hot_standby") else { return nil }
        return String(cString: value) == "on"
    }

    /// The server this session reached, as `host:port` (a host name, an address or a Unix socket
    /// directory): with a connection string naming several hosts, the one libpq chose.
    public var serverAddress: String {
        guard !isClosed else { return "" }
        let host = PQhost(handle).map { String(cString: $0) } ?? ""
        let port = PQport(handle).map { String(cString: $0) } ?? ""
        return port.isEmpty ? host : host + ":" + port
    }
}
