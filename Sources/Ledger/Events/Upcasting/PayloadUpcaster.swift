import Foundation

/// Rewrites a stored payload of one event type from one schema version to the next, at the JSON
/// level, so that events written by older versions of alvh decode into today's payload types.
/// Stored events are never changed: upcasting happens every time they are read.
public protocol PayloadUpcaster: Sendable {
    /// The event type it applies to, e.g. `CondorClosed`.
    var eventType: String { get }
    /// The version it reads; it produces `fromVersion + 1`.
    var fromVersion: Int { get }
    /// The payload object of version `fromVersion` → the payload object of the next version. Throws
    /// `EventUpcastingError.malformed` when the payload is not the shape that version had.
    func upcast(_ payload: [String: Any]) throws -> [String: Any]
}

/// Why a stored payload could not be brought to the current schema version.
public enum EventUpcastingError: Error, Equatable, CustomStringConvertible {
    /// The event was written by a newer alvh than this one.
    case newerThanSupported(type: String, version: Int, newest: Int)
    /// Versions start at 1.
    case invalidVersion(type: String, version: Int)
    /// The payload does not have the shape its version had.
    case malformed(type: String, version: Int, field: String, rule: String)
    /// No upcaster reads this version.
    case noUpcaster(type: String, version: Int)

    public var description: String {
        switch self {
        case let .newerThanSupported(type, version, newest):
            "\(type) schema version \(version) is newer than this alvh reads (at most \(newest)): use a newer alvh"
        case let .invalidVersion(type, version):
            "\(type) schema version \(version) is not valid: versions start at 1"
        case let .malformed(type, version, field, rule):
            "\(type) schema version \(version): \(field) \(rule)"
        case let .noUpcaster(type, version):
            "\(type) schema version \(version) cannot be read: no upcaster from it"
        }
    }
}
