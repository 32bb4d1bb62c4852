import Foundation
import Ledger
import Market
import PostgresClient

/// Writes projection rows with COPY (binary format, `CopyBinaryRows`), one COPY per table: the same path for a replay
/// (every owner) and a catch-up (the owners it replaces).
struct RowWriter {
    let connection: PostgresConnection

    func write(_ owners: [OwnerRows]) throws {
        try run(RowWriter.jobs(for: owners))
    }

    /// Writes owners produced in `batches` batches: `produce(i)` (folding, typically) and the COPY
    /// encoding of batch i run on other threads while this connection sends the batches before it,
    /// so the client's folding overlaps the server's ingest. `meanwhile` runs on this connection
    /// first, while batch 0 is produced. Batches are written in order: rows land as `write` of all
    /// batches concatenated would write them. Returns the owners written and the seconds this
    /// connection waited for produced batches.
    func write(batches: Int, meanwhile: () throws -> Void,
               _ produce: @escaping @Sendable (Int) throws -> [OwnerRows]) throws -> (owners: Int, waited: Double) {
        let handOff = HandOff<(owners: Int, copies: [(sql: String, bytes: [[UInt8]])])>(depth: 2)
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            for index in 0..<batches where !handOff.isCancelled {
                let batch = Result { () -> (owners: Int, copies: [(sql: String, bytes: [[UInt8]])]) in
                    let owners = try produce(index)
                    return (owners.count, try RowWriter.jobs(for: owners).map { ($0.sql, try $0.encode()) })
                }
                guard handOff.put(batch), case .success = batch else { break }
            }
            handOff.finish()
        }
        defer {
            handOff.cancel()
            done.wait()
        }
        try meanwhile()
        var owners = 0
        var waited = 0.0
        while true {
            let start = Date()
            guard let next = handOff.take() else { break }
            waited += Date().timeIntervalSince(start)
            let batch = try next.get()
            owners += batch.owners
            for copy in batch.copies {
                try connection.copyIn(copy.sql) { writer in
                    for chunk in copy.bytes { try writer.write(chunk) }
                }
            }
        }
        return (owners, waited)
    }

    /// One COPY per table that has rows among these owners, in table order.
    private static func jobs(for owners: [OwnerRows]) -> [CopyJob] {
        var jobs: [CopyJob] = []
        let condors = owners.compactMap(\.condor)
        if !condors.isEmpty {
            jobs.append(job("COPY alvh_projection.condors (condor_id, portfolio, underlying, status, close_reason, expiry, long_put, short_put, short_call, long_call, contracts, multiplier, opened_at, ended_at, opening_credit, cumulative_credit, rolls, deferrals, fees, cash, realized_pnl, mark_at, mark_value, unrealized_pnl, valuation, model_id, last_event_at) FROM STDIN (FORMAT binary)", condors) { c, r in
                    r.uuid(c.condorID); r.text(c.portfolio); r.text(c.underlying.rawValue); r.text(c.status.rawValue); r.text(c.closeReason?.rawValue)
                    r.date(c.strikes.expiry); try r.numeric(c.strikes.longPut); try r.numeric(c.strikes.shortPut)
                    try r.numeric(c.strikes.shortCall); try r.numeric(c.strikes.longCall); try r.int4(c.contracts); try r.numeric(c.multiplier)
                    r.timestamptz(c.openedAt); r.timestamptz(c.endedAt); try r.numeric(c.openingCredit); try r.numeric(c.cumulativeCredit)
                    try r.int4(c.rolls); try r.int4(c.deferrals); try r.numeric(c.fees); try r.numeric(c.cash); try r.numeric(c.realizedPnL)
                    r.timestamptz(c.markAt); try r.numeric(c.markValue); try r.numeric(c.unrealizedPnL); r.text(c.valuation?.rawValue)
                    r.uuid(c.modelID); r.timestamptz(c.lastEventAt)
                })
        }
        let rolls = owners.flatMap(\.rolls)
        if !rolls.isEmpty {
            jobs.append(job("COPY alvh_projection.condor_rolls (condor_id, seq, event_id, rolled_at, side, expiry, long_put, short_put, short_call, long_call, net_credit, cumulative_credit, fees) FROM STDIN (FORMAT binary)", rolls) { x, r in
                    r.uuid(x.condorID); try r.int4(x.seq); r.uuid(x.eventID); r.timestamptz(x.rolledAt); r.text(x.side.rawValue)
                    r.date(x.strikes.expiry); try r.numeric(x.strikes.longPut); try r.numeric(x.strikes.shortPut)
                    try r.numeric(x.strikes.shortCall); try r.numeric(x.strikes.longCall); try r.numeric(x.netCredit)
                    try r.numeric(x.cumulativeCredit); try r.numeric(x.fees)
                })
        }
        let layers = owners.compactMap(\.layer)
        if !layers.isEmpty {
            jobs.append(job("COPY alvh_projection.hedge_layers (layer_id, portfolio, protects, instrument, instrument_kind, multiplier, entry_price, tier, status, quantity, initial_quantity, cost_basis, realized_pnl, opened_at, ended_at, mark_at, mark_value, unrealized_pnl, valuation, model_id, last_event_at) FROM STDIN (FORMAT binary)", layers) { l, r in
                    r.uuid(l.layerID); r.text(l.portfolio); r.text(l.protects.map(CopyFormat.uuid).joined(separator: ",")); r.text(l.instrument.spec)
                    r.text(l.instrumentKind); try r.numeric(l.multiplier); try r.numeric(l.entryPrice); try r.int4(l.tier)
                    r.text(l.status.rawValue); try r.int4(l.quantity); try r.int4(l.initialQuantity); try r.numeric(l.costBasis)
                    try r.numeric(l.realizedPnL); r.timestamptz(l.openedAt); r.timestamptz(l.endedAt); r.timestamptz(l.markAt)
                    try r.numeric(l.markValue); try r.numeric(l.unrealizedPnL); r.text(l.valuation?.rawValue); r.uuid(l.modelID); r.timestamptz(l.lastEventAt)
                })
        }
        let allocations = owners.flatMap(\.allocations)
        if !allocations.isEmpty {
            jobs.append(job("COPY alvh_projection.layer_allocations (layer_id, condor_id, share) FROM STDIN (FORMAT binary)", allocations) { a, r in
                    r.uuid(a.layerID); r.uuid(a.condorID); try r.numeric(a.share)
                })
        }
        let flows = owners.flatMap(\.flows)
        if !flows.isEmpty {
            jobs.append(job("COPY alvh_projection.cash_flows (owner_kind, owner_id, seq, portfolio, event_id, flow_date, amount, what) FROM STDIN (FORMAT binary)", flows) { f, r in
                    r.text(f.ownerKind.rawValue); r.uuid(f.ownerID); try r.int4(f.seq); r.text(f.portfolio); r.uuid(f.eventID)
                    r.date(f.date); try r.numeric(f.amount); r.text(f.what)
                })
        }
        let decisions = owners.flatMap(\.decisions)
        if !decisions.isEmpty {
            jobs.append(job("COPY alvh_projection.decisions (owner_id, event_id, condor_id, portfolio, decided_at, position, kind, alvh_choice, fixed_said, signals, layer_id) FROM STDIN (FORMAT binary)", decisions) { d, r in
                    r.uuid(d.ownerID); r.uuid(d.eventID); r.uuid(d.condorID); r.text(d.portfolio); r.timestamptz(d.decidedAt)
                    r.int8(d.position); r.text(d.kind.rawValue); r.text(d.alvhChoice); r.text(d.fixedSaid)
                    r.jsonb(d.signals); r.uuid(d.layerID)
                })
        }
        return jobs
    }

    func write(marks: [MarketMark]) throws {
        guard !marks.isEmpty else { return }
        try run([RowWriter.job("COPY alvh_projection.marks (event_id, position, feed, marked_at, spx, vix, vix9d, vix3m, futures, quotes) FROM STDIN (FORMAT binary)", marks) { m, r in
                r.uuid(m.eventID); r.int8(m.position); r.text(m.feed); r.timestamptz(m.at); try r.numeric(m.spx); try r.numeric(m.vix)
                try r.numeric(m.vix9d); try r.numeric(m.vix3m); r.jsonb(try LedgerJSON.encode(m.futures))
                r.jsonb(try LedgerJSON.encode(m.quotes))
        }])
    }

    /// The market models (with the global position of their events).
    func write(models: [(model: MarketModel, position: Int64)]) throws {
        guard !models.isEmpty else { return }
        try run([RowWriter.job("COPY alvh_projection.market_models (event_id, position, feed, effective_at, parameters) FROM STDIN (FORMAT binary)", models) { m, r in
                r.uuid(m.model.eventID); r.int8(m.position); r.text(m.model.feed); r.timestamptz(m.model.effectiveFrom)
                r.jsonb(try LedgerJSON.encode(m.model.parameters))
        }])
    }

    /// One table's COPY: its statement and how to encode its rows.
    struct CopyJob {
        var sql: String
        var rows: Int
        var encode: @Sendable () throws -> [[UInt8]]
    }

    private static func job<T: Sendable>(_ sql: String, _ items: [T], _ row: @escaping @Sendable (T, inout CopyBinaryRows) throws -> Void) -> CopyJob {
        CopyJob(sql: sql, rows: items.count) { try Parallel.copyRows(items, row) }
    }

    /// Runs the COPYs in order, encoding the next table's rows on other threads while the server
    /// ingests the current one.
    private func run(_ jobs: [CopyJob]) throws {
        guard !jobs.isEmpty else { return }
        var current = Result { try jobs[0].encode() }
        for index in jobs.indices {
            let next = index + 1 < jobs.count ? Parallel.Box<[[UInt8]]>(count: 1) : nil
            let group = DispatchGroup()
            if let next {
                let encode = jobs[index + 1].encode
                DispatchQueue.global().async(group: group) { next.set(0, Result { try encode() }) }
            }
            let chunks = try current.get()
            try connection.copyIn(jobs[index].sql) { writer in
                for chunk in chunks { try writer.write(chunk) }
            }
            group.wait()
            if let next { current = next.results[0]! }
        }
    }

    /// Removes only the position rows (not rolls, flows or decisions) of these condors and layers.
    func deletePositionRows(condors: [UUID], layers: [UUID]) throws {
        if !condors.isEmpty {
            try connection.execute("DELETE FROM alvh_projection.condors WHERE condor_id = ANY($1::uuid[])", [SQLArray.uuids(condors)])
        }
        if !layers.isEmpty {
            try connection.execute("DELETE FROM alvh_projection.hedge_layers WHERE layer_id = ANY($1::uuid[])", [SQLArray.uuids(layers)])
        }
    }

    /// Removes every row of these owners (condors and layers).
    func delete(owners: [UUID]) throws {
        guard !owners.isEmpty else { return }
        let ids = SQLArray.uuids(owners)
        try connection.execute("DELETE FROM alvh_projection.condors WHERE condor_id = ANY($1::uuid[])", [ids])
        try connection.execute("DELETE FROM alvh_projection.condor_rolls WHERE condor_id = ANY($1::uuid[])", [ids])
        try connection.execute("DELETE FROM alvh_projection.hedge_layers WHERE layer_id = ANY($1::uuid[])", [ids])
        try connection.execute("DELETE FROM alvh_projection.layer_allocations WHERE layer_id = ANY($1::uuid[])", [ids])
        try connection.execute("DELETE FROM alvh_projection.cash_flows WHERE owner_id = ANY($1::uuid[])", [ids])
        try connection.execute("DELETE FROM alvh_projection.decisions WHERE owner_id = ANY($1::uuid[])", [ids])
    }
}
