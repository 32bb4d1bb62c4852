import Foundation
import PostgresClient

/// What `importLedger` restored.
public struct LedgerImportReport: Sendable, Equatable {
    /// Events restored (the ledger's head position afterwards).
    public var events: Int64
    /// The hash of the last event (32 zero bytes for an empty file).
    public var headHash: Data
}

extension EventStore {
    /// Restores an export (`ExportedEvent` lines) into an empty ledger, all or nothing.
    ///
    /// First the whole file is checked without writing: every line parses, and the hash chain verifies
    /// with the same check as `verify()` (`HashChainVerifier`), else `LedgerBackupError` names the first
    /// bad line. Then one transaction restores it through `alvh_restore` (schema/0002), which numbers
    /// nothing itself, recomputes every hash and moves the ledger head; the immutability triggers stay
    /// in force. Throws `.ledgerNotEmpty` when the ledger holds events.
    @discardableResult
    public func importLedger(from file: URL, batchSize: Int = 2000) throws -> LedgerImportReport {
        let contents = try Data(contentsOf: file, options: .alwaysMapped)
        let existing = try headPosition()
        guard existing == 0 else { throw LedgerBackupError.ledgerNotEmpty(events: existing) }

        var chain = HashChainVerifier()
        try Self.forEachLine(in: contents) { number, line in
            let event = try ExportedEvent(line: line, number: number)
            do {
                try StoreNames.validateStreamID(event.streamID)
                try StoreNames.validateType(event.type)
            } catch {
                throw LedgerBackupError.badLine(line: number, problem: "\(error)")
            }
            if let problem = chain.check(globalPosition: event.position, streamID: event.streamID, streamVersion: event.streamVersion,
                                         eventID: event.eventID, type: event.type, schemaVersion: event.schemaVersion,
                                         occurredAtUnixMicros: event.occurredAtMicros, data: event.data, metadata: event.metadata,
                                         prevHash: event.prevHash, hash: event.hash) {
                throw LedgerBackupError.chainBroken(line: number, problem: problem.message)
            }
        }

        try connection.transaction {
            var batch: [ExportedEvent] = []
            batch.reserveCapacity(batchSize)
            func flush() throws {
                guard !batch.isEmpty else { return }
                try connection.execute(
                    "SELECT alvh_restore($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                    [batch.map(\.position), batch.map(\.streamID), batch.map(\.streamVersion), batch.map(\.eventID), batch.map(\.type),
                     batch.map { Int32($0.schemaVersion) }, batch.map(\.occurredAtMicros), batch.map(\.recordedAtMicros),
                     batch.map { PostgresJSONB($0.data) }, batch.map { PostgresJSONB($0.metadata) }, batch.map(\.prevHash), batch.map(\.hash)])
                batch.removeAll(keepingCapacity: true)
            }
            try Self.forEachLine(in: contents) { number, line in
                batch.append(try ExportedEvent(line: line, number: number))
                if batch.count >= batchSize { try flush() }
            }
            try flush()
        }
        return LedgerImportReport(events: chain.verifiedCount, headHash: Data(chain.previous))
    }

    /// Calls `body` with each non-empty line (1-based number, bytes without the newline).
    static func forEachLine(in contents: Data, _ body: (Int, Data) throws -> Void) throws {
        var number = 0
        var start = contents.startIndex
        while start < contents.endIndex {
            let end = contents[start...].firstIndex(of: UInt8(ascii: "\n")) ?? contents.endIndex
            number += 1
            var line = contents[start..<end]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if !line.isEmpty { try body(number, Data(line)) }
            start = end < contents.endIndex ? contents.index(after: end) : end
        }
    }
}
