import Foundation
import Ledger
import PostgresClient

/// Writes projection rows with COPY (text format), one COPY per table: the same path for a replay
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
            jobs.append(job("COPY alvh_projection.condors (condor_id, portfolio, underlying, status, close_reason, expiry, long_put, short_put, short_call, long_call, contracts, multiplier, opened_at, ended_at, opening_credit, cumulative_credit, rolls, deferrals, fees, cash, realized_pnl, mark_at, mark_value, unrealized_pnl, valuation, last_event_at) FROM STDIN", condors) { c, r in
                    r.uuid(c.condorID); r.text(c.portfolio); r.text(c.underlying.rawValue); r.text(c.status.rawValue); r.text(c.closeReason?.rawValue)
                    r.date(c.strikes.expiry); r.decimal(c.strikes.longPut); r.decimal(c.strikes.shortPut)
                    r.decimal(c.strikes.shortCall); r.decimal(c.strikes.longCall); r.integer(c.contracts); r.decimal(c.multiplier)
                    r.instant(c.openedAt); r.instant(c.endedAt); r.decimal(c.openingCredit); r.decimal(c.cumulativeCredit)
                    r.integer(c.rolls); r.integer(c.deferrals); r.decimal(c.fees); r.decimal(c.cash); r.decimal(c.realizedPnL)
                    r.instant(c.markAt); r.decimal(c.markValue); r.decimal(c.unrealizedPnL); r.text(c.valuation?.rawValue)
                    r.instant(c.lastEventAt)
                })
        }
        let rolls = owners.flatMap(\.rolls)
        if !rolls.isEmpty {
            jobs.append(job("COPY alvh_projection.condor_rolls (condor_id, seq, event_id, rolled_at, side, expiry, long_put, short_put, short_call, long_call, net_credit, cumulative_credit, fees) FROM STDIN", rolls) { x, r in
                    r.uuid(x.condorID); r.integer(x.seq); r.uuid(x.eventID); r.instant(x.rolledAt); r.text(x.side.rawValue)
                    r.date(x.strikes.expiry); r.decimal(x.strikes.longPut); r.decimal(x.strikes.shortPut)
                    r.decimal(x.strikes.shortCall); r.decimal(x.strikes.longCall); r.decimal(x.netCredit)
                    r.decimal(x.cumulativeCredit); r.decimal(x.fees)
                })
        }
        let layers = owners.compactMap(\.layer)
        if !layers.isEmpty {
            jobs.append(job("COPY alvh_projection.hedge_layers (layer_id, portfolio, protects, instrument, instrument_kind, multiplier, entry_price, tier, status, quantity, initial_quantity, cost_basis, realized_pnl, opened_at, ended_at, mark_at, mark_value, unrealized_pnl, valuation, last_event_at) FROM STDIN", layers) { l, r in
                    r.uuid(l.layerID); r.text(l.portfolio); r.text(l.protects.map(CopyFormat.uuid).joined(separator: ",")); r.text(l.instrument.spec)
                    r.text(l.instrumentKind); r.decimal(l.multiplier); r.decimal(l.entryPrice); r.integer(l.tier)
                    r.text(l.status.rawValue); r.integer(l.quantity); r.integer(l.initialQuantity); r.decimal(l.costBasis)
                    r.decimal(l.realizedPnL); r.instant(l.openedAt); r.instant(l.endedAt); r.instant(l.markAt)
                    r.decimal(l.markValue); r.decimal(l.unrealizedPnL); r.text(l.valuation?.rawValue); r.instant(l.lastEventAt)
                })
        }
        let allocations = owners.flatMap(\.allocations)
        if !allocations.isEmpty {
            jobs.append(job("COPY alvh_projection.layer_allocations (layer_id, condor_id, share) FROM STDIN", allocations) { a, r in
                    r.uuid(a.layerID); r.uuid(a.condorID); r.decimal(a.share)
                })
        }
        let flows = owners.flatMap(\.flows)
        if !flows.isEmpty {
            jobs.append(job("COPY alvh_projection.cash_flows (owner_kind, owner_id, seq, portfolio, event_id, flow_date, amount, what) FROM STDIN", flows) { f, r in
                    r.text(f.ownerKind.rawValue); r.uuid(f.ownerID); r.integer(f.seq); r.text(f.portfolio); r.uuid(f.eventID)
                    r.date(f.date); r.decimal(f.amount); r.text(f.what)
                })
        }
        let decisions = owners.flatMap(\.decisions)
        if !decisions.isEmpty {
            jobs.append(job("COPY alvh_projection.decisions (owner_id, event_id, condor_id, portfolio, decided_at, position, kind, alvh_choice, fixed_said, signals, layer_id) FROM STDIN", decisions) { d, r in
                    r.uuid(d.ownerID); r.uuid(d.eventID); r.uuid(d.condorID); r.text(d.portfolio); r.instant(d.decidedAt)
                    r.integer(d.position); r.text(d.kind.rawValue); r.text(d.alvhChoice); r.text(d.fixedSaid)
                    r.text(d.signals.map { String(decoding: $0, as: UTF8.self) }); r.uuid(d.layerID)
                })
        }
        return jobs
    }

    func write(marks: [MarketMark]) throws {
        guard !marks.isEmpty else { return }
        try run([RowWriter.job("COPY alvh_projection.marks (event_id, position, feed, marked_at, spx, vix, vix3m, futures, quotes) FROM STDIN", marks) { m, r in
                r.uuid(m.eventID); r.integer(m.position); r.text(m.feed); r.instant(m.at); r.decimal(m.spx); r.decimal(m.vix)
                r.decimal(m.vix3m); r.text(String(decoding: try LedgerJSON.encode(m.futures), as: UTF8.self))
                r.text(String(decoding: try LedgerJSON.encode(m.quotes), as: UTF8.self))
        }])
    }

    /// One table's COPY: its statement and how to encode its rows.
    struct CopyJob {
        var sql: String
        var rows: Int
        var encode: @Sendable () throws -> [[UInt8]]
    }

    private static func job<T: Sendable>(_ sql: String, _ items: [T], _ row: @escaping @Sendable (T, inout CopyTextBuffer) throws -> Void) -> CopyJob {
        CopyJob(sql: sql, rows: items.count) { try Parallel.copyText(items, row) }
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
