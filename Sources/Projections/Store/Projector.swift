import EventStore
import Foundation
import Ledger
import Market
import PostgresClient

/// Keeps the projections in `alvh_projection` up to date with the ledger.
///
/// - `catchUp()` folds the events after the checkpoint: it finds the condors and layers they touch
///   (a new latest mark of a feed touches every open condor and layer), re-folds those owners from their
///   whole streams, replaces their rows and moves the checkpoint, all in one transaction.
/// - `replay()` rebuilds every projection from position zero: one forward read, then in one
///   transaction the tables emptied, every owner folded (in batches, overlapping the COPY of the
///   batch before), rows bulk-written with COPY and the checkpoint set.
/// Both call the same pure folds (`CondorFold`, `HedgeLayerFold`) with the same choice of marks
/// (`MarkChoice`: a portfolio's own backtest feed, else the latest live mark), each valued with the
/// market model its feed had in force then (`MarketModels`), so an incremental projection and a
/// replay produce identical rows.
public final class Projector {
    public let store: EventStore
    var connection: PostgresConnection { store.connection }

    public init(store: EventStore) {
        self.store = store
    }

    /// What a catch-up or replay did.
    public struct Outcome: Sendable, Equatable {
        /// Events read and folded.
        public var events: Int
        /// Condors and layers whose rows were (re)written.
        public var owners: Int
        /// The checkpoint after it: the global position of the last event folded.
        public var checkpoint: Int64
        /// Seconds spent per phase of a replay (`read_decode`; `fold_write`, folding overlapped with
        /// the COPYs, of which `fold_write_waiting` the connection waited for folded rows;
        /// `index_commit`); empty for a catch-up.
        public var phases: [String: Double] = [:]
    }

    /// Catches the projections of the ledger behind `store` up (installing them first when needed).
    /// The trade commands call this after every recording command.
    @discardableResult
    public static func catchUp(store: EventStore) throws -> Outcome {
        try Projector(store: store).catchUp()
    }

    /// Installs the projection schema if it is missing or was built by other SQL.
    public func prepare() throws {
        try ProjectionSchema.install(on: connection)
    }

    /// The global position of the last event folded into the projections.
    public func checkpoint() throws -> Int64 {
        try prepare()
        return try connection.query("SELECT checkpoint FROM alvh_projection.meta WHERE id = 1").scalar(Int64.self)
    }

    // MARK: Catch-up

    /// Folds every event after the checkpoint (a fresh or rebuilt schema is replayed instead).
    @discardableResult
    public func catchUp() throws -> Outcome {
        try prepare()
        let head = try store.headPosition()
        let start = try connection.query("SELECT checkpoint FROM alvh_projection.meta WHERE id = 1").scalar(Int64.self)
        if start == head { return Outcome(events: 0, owners: 0, checkpoint: start) }
        if start == 0 { return try replay() }
        return try connection.transaction {
            // Serialises catch-ups and replays: the second waits, then sees the moved checkpoint.
            let checkpoint = try connection.query("SELECT checkpoint FROM alvh_projection.meta WHERE id = 1 FOR UPDATE").scalar(Int64.self)
            let head = try store.headPosition()
            guard head > checkpoint else { return Outcome(events: 0, owners: 0, checkpoint: checkpoint) }
            let events = try EventReader(connection: connection).read(after: checkpoint, upTo: head, limit: Int(head - checkpoint))

            var condors = Set<UUID>()
            var layers = Set<UUID>()
            var market = MarketEvents()
            for item in events {
                let stream = item.event.streamID
                if let id = StreamName.condorID(of: stream) { condors.insert(id) }
                else if let id = StreamName.layerID(of: stream) { layers.insert(id) }
                else { try market.take(item) }
            }
            let writer = RowWriter(connection: connection)
            let (choice, markChanged) = try apply(market, writer: writer)
            // Open positions whose own streams did not move only need revaluing at the mark (and
            // model) now chosen for their portfolio: the same `marked(at:)` the fold applies.
            var remarkedCondors: [CondorRow] = []
            var remarkedLayers: [HedgeLayerRow] = []
            if markChanged {
                remarkedCondors = try ProjectionBook.condorRows(connection, openOnly: true).filter { !condors.contains($0.condorID) }
                    .map { $0.marked(at: choice.mark(forPortfolio: $0.portfolio)) }
                remarkedLayers = try ProjectionBook.layerRows(connection, openOnly: true).filter { !layers.contains($0.layerID) }
                    .map { $0.marked(at: choice.mark(forPortfolio: $0.portfolio)) }
                try writer.deletePositionRows(condors: remarkedCondors.map(\.condorID), layers: remarkedLayers.map(\.layerID))
            }
            let streams = condors.map(StreamName.condor) + layers.map(StreamName.hedge)
            let grouped = Dictionary(grouping: try EventReader(connection: connection).read(streams: streams), by: \.event.streamID)
            var owners: [OwnerRows] = []
            for id in condors.sorted(by: { $0.uuidString < $1.uuidString }) {
                owners.append(CondorFold.rows(events: grouped[StreamName.condor(id)] ?? [], marks: choice))
            }
            for id in layers.sorted(by: { $0.uuidString < $1.uuidString }) {
                owners.append(HedgeLayerFold.rows(events: grouped[StreamName.hedge(id)] ?? [], marks: choice))
            }
            try writer.delete(owners: Array(condors) + Array(layers))
            try writer.write(owners)
            try writer.write(remarkedCondors.map { row in var rows = OwnerRows(); rows.condor = row; return rows }
                             + remarkedLayers.map { row in var rows = OwnerRows(); rows.layer = row; return rows })
            try connection.execute("UPDATE alvh_projection.meta SET checkpoint = $1 WHERE id = 1", [head])
            return Outcome(events: events.count, owners: condors.count + layers.count + remarkedCondors.count + remarkedLayers.count, checkpoint: head)
        }
    }

    /// Writes the market events of a catch-up (voids delete marks and models) and says which mark
    /// now values each portfolio, and whether that changed (a new latest mark, or a model change).
    func apply(_ market: MarketEvents, writer: RowWriter) throws -> (choice: MarkChoice, changed: Bool) {
        let before = try markChoice()
        guard !market.isEmpty else { return (before, false) }
        if !market.voided.isEmpty {
            let voided = [SQLArray.uuids(Array(market.voided))]
            try connection.execute("DELETE FROM alvh_projection.marks WHERE event_id = ANY($1::uuid[])", voided)
            try connection.execute("DELETE FROM alvh_projection.market_models WHERE event_id = ANY($1::uuid[])", voided)
        }
        try writer.write(marks: market.standing)
        try writer.write(models: market.standingModels)
        let after = try markChoice()
        return (after, market.touchesModels || !before.choosesAsSame(after))
    }

    /// Reads every event up to `head`: the condor and layer streams, and what the market streams
    /// say. The next batch is fetched while the previous one is decoded on the other threads.
    func readAll(upTo head: Int64, batchSize: Int, progress: ((Int64, Int64) -> Void)?) throws
        -> (streams: [String: [SourcedEvent]], market: MarketEvents, count: Int) {
        let reader = EventReader(connection: connection)
        var streams: [String: [SourcedEvent]] = [:]
        var market = MarketEvents()
        var position: Int64 = 0
        var count = 0
        progress?(0, head)
        // Sorts the events of a decoded batch (chunks in order) into their streams.
        func absorb(_ batch: [[SourcedEvent]]) throws {
            for chunk in batch {
                for item in chunk {
                    let stream = item.event.streamID
                    if stream.hasPrefix("condor-") || stream.hasPrefix("hedge-") {
                        streams[stream, default: []].append(item)
                    } else {
                        try market.take(item)
                    }
                }
                count += chunk.count
                if let last = chunk.last { progress?(last.position, head) }
            }
        }
        var decoding: (group: DispatchGroup, box: Parallel.Box<[[SourcedEvent]]>)?
        while position < head {
            let fetched = try reader.fetch(after: position, upTo: head, limit: batchSize)
            if let previous = decoding {
                previous.group.wait()
                try absorb(try previous.box.take(0)!.get())
                decoding = nil
            }
            guard let last = fetched.lastPosition else { break }
            position = last
            let group = DispatchGroup()
            let box = Parallel.Box<[[SourcedEvent]]>(count: 1)
            DispatchQueue.global().async(group: group) { box.set(0, Result { try EventReader.decodeChunks(fetched) }) }
            decoding = (group, box)
        }
        if let previous = decoding {
            previous.group.wait()
            try absorb(try previous.box.take(0)!.get())
        }
        return (streams, market, count)
    }

    /// Which mark values each portfolio's open positions, from the projected marks.
    public func markChoice() throws -> MarkChoice {
        MarkChoice(marks: try MarkStore(connection: connection).latestPerFeed())
    }

    // MARK: Replay

    /// Drops every projection row and rebuilds them from position zero. `progress` receives
    /// (events read, events to read) after each batch of `batchSize` events read. Owners (condors
    /// and layers) are folded and written `ownersPerBatch` at a time, folding one batch while the
    /// server ingests the one before; the rows written do not depend on it.
    @discardableResult
    public func replay(batchSize: Int = 50_000, ownersPerBatch: Int = 15_000, progress: ((Int64, Int64) -> Void)? = nil) throws -> Outcome {
        try prepare()
        // Events are immutable and positions gapless up to the head, so everything up to it can be
        // read before the writing transaction starts.
        let head = try store.headPosition()
        var phases: [String: Double] = [:]
        var phaseStart = Date()
        func lap(_ name: String) {
            let now = Date()
            phases[name, default: 0] += now.timeIntervalSince(phaseStart)
            phaseStart = now
        }
        let read = try readAll(upTo: head, batchSize: batchSize, progress: progress)
        var streams = read.streams
        let market = read.market, count = read.count
        lap("read_decode")
        let models = market.standingModels
        let marks = MarketModels(models.map(\.model)).attach(to: market.standing)
        let choice = MarkChoice(marks: marks)
        // The decoded events, read by the folding threads. Freeing a million of them takes a good
        // part of a second, so once every owner is folded they are freed on another thread.
        let grouped = Parallel.Held(streams)
        streams = [:]
        let keys = grouped.value!.keys.sorted()
        // Owners are folded in batches on other threads while the server ingests the rows of the
        // batches before (and, for the first, while the tables are emptied).
        let perBatch = max(1, ownersPerBatch)
        let batches = max(1, (keys.count + perBatch - 1) / perBatch)
        var written = (owners: 0, waited: 0.0)
        try connection.transaction {
            try connection.execute("SET LOCAL statement_timeout = 0")
            _ = try connection.query("SELECT checkpoint FROM alvh_projection.meta WHERE id = 1 FOR UPDATE")
            // Bulk load without secondary indexes, then build them once (faster than maintaining
            // them row by row). Their definitions come from the catalog as installed.
            let indexes = try connection.query("""
                SELECT i.indexname, i.indexdef FROM pg_indexes i
                 WHERE i.schemaname = 'alvh_projection'
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                    WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
                 ORDER BY i.indexname
                """).rows.map { (try $0.decode(String.self, 0), try $0.decode(String.self, 1)) }
            let writer = RowWriter(connection: connection)
            written = try writer.write(batches: batches, meanwhile: {
                try connection.execute("TRUNCATE alvh_projection.condors, alvh_projection.condor_rolls, alvh_projection.hedge_layers, alvh_projection.layer_allocations, alvh_projection.cash_flows, alvh_projection.decisions, alvh_projection.marks, alvh_projection.market_models")
                for (name, _) in indexes { try connection.execute("DROP INDEX alvh_projection.\(try connection.quoteIdentifier(name))") }
                try writer.write(marks: marks)
                try writer.write(models: models)
            }) { batch in
                let slice = keys[min(keys.count, batch * perBatch)..<min(keys.count, (batch + 1) * perBatch)]
                return try Parallel.map(Array(slice), minimumPerChunk: 500) { stream -> OwnerRows in
                    let events = grouped.value![stream]!
                    return stream.hasPrefix("condor-")
                        ? CondorFold.rows(events: events, marks: choice)
                        : HedgeLayerFold.rows(events: events, marks: choice)
                }
            }
            lap("fold_write")
            grouped.releaseInBackground()
            for (_, definition) in indexes { try connection.executeScript(definition) }
            try connection.execute("UPDATE alvh_projection.meta SET checkpoint = $1 WHERE id = 1", [head])
        }
        lap("index_commit")
        // How long the connection sat idle waiting for folded rows, within fold_write.
        phases["fold_write_waiting"] = written.waited
        return Outcome(events: count, owners: written.owners, checkpoint: head, phases: phases)
    }
}
