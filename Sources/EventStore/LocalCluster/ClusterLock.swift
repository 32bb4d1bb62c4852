import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on `<home>/cluster.lock`, held while a process creates, starts or stops the
/// cluster so that two `alvh` processes never run initdb or pg_ctl on it at the same time. The
/// descriptor is close-on-exec so the server never inherits (and keeps) the lock.
final class ClusterLock {
    private let descriptor: Int32

    /// Waits up to `timeout` seconds for the lock.
    init(file: URL, timeout: TimeInterval = 120) throws {
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LocalClusterError.filesystem(path: file.path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw LocalClusterError.filesystem(path: file.path, reason: "another alvh process has held the cluster lock for over \(Int(timeout)) s")
            }
            usleep(20_000)
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
