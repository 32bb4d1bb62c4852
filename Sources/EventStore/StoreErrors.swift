import Foundation
import PostgresClient

/// SQLSTATEs raised by the store's SQL (schema/0001) and their translation into `EventStoreError`.
public enum StoreErrors {
    public static let wrongExpectedVersion = SQLState("AL001")
    public static let eventIDConflict = SQLState("AL002")
    public static let invalidBatch = SQLState("AL003")
    public static let immutable = SQLState("AL004")

    static func translate(_ error: PostgresError, batch: [StreamAppend]) -> Error {
        let detail = error.detail.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] } ?? [:]
        switch error.code {
        case wrongExpectedVersion?:
            let stream = detail["stream"] as? String ?? ""
            let actual = (detail["actual"] as? NSNumber)?.int64Value ?? -1
            let expected = batch.first { $0.streamID == stream }?.expected ?? .any
            return EventStoreError.wrongExpectedVersion(stream: stream, expected: expected, actual: actual)
        case eventIDConflict?:
            let id = (detail["event_id"] as? String).flatMap(UUID.init(uuidString:)) ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
            let position = (detail["position"] as? NSNumber)?.int64Value ?? -1
            return EventStoreError.eventIDConflict(eventID: id, existingPosition: position)
        case invalidBatch?:
            return EventStoreError.invalidArgument(error.message)
        case SQLState.invalidTextRepresentation?, SQLState.invalidParameterValue?, SQLState.checkViolation?:
            return EventStoreError.invalidArgument("append refused by the database: \(error.message)")
        default:
            return error
        }
    }
}
