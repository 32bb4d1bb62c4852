import Foundation
import Ledger
import PostgresClient

/// Writes projection rows with COPY (text format), one COPY per table: the same path for a replay
/// (every owner) and a catch-up (the owners it replaces).
struct RowWriter {
    let connection: PostgresConnection

    func write(_ owners: [OwnerRows]) throws {
        typealias F = CopyFormat
        var jobs: [CopyJob] = []
        let condors = owners.compactMap(\.condor)
        if !condors.isEmpty {
            jobs.append(job("COPY alvh_projection.condors (condor_id, portfolio, underlying, status, close_reason, expiry, long_put, short_put, short_call, long_call, contracts, multiplier, opened_at, ended_at, opening_credit, cumulative_credit, rolls, deferrals, fees, cash, realized_pnl, mark_at, mark_value, unrealized_pnl, valuation, last_event_at) FROM STDIN", condors) { c in
                    [F.uuid(c.condorID), c.portfolio, c.underlying.rawValue, c.status.rawValue, c.closeReason?.rawValue,
                                    F.date(c.strikes.expiry), F.decimal(c.strikes.longPut), F.decimal(c.strikes.shortPut),
                                    F.decimal(c.strikes.shortCall), F.decimal(c.strikes.longCall), String(c.contracts), F.decimal(c.multiplier),
                                    F.instant(c.openedAt), c.endedAt.map(F.instant), F.decimal(c.openingCredit), F.decimal(c.cumulativeCredit),
                                    String(c.rolls), String(c.deferrals), F.decimal(c.fees), F.decimal(c.cash), c.realizedPnL.map(F.decimal),
                                    c.markAt.map(F.instant), c.markValue.map(F.decimal), c.unrealizedPnL.map(F.decimal), c.valuation?.rawValue,
                                    F.instant(c.lastEventAt)]
                })
        }
        let rolls = owners.flatMap(\.rolls)
        if !rolls.isEmpty {
            jobs.append(job("COPY alvh_projection.condor_rolls (condor_id, seq, event_id, rolled_at, side, expiry, long_put, short_put, short_call, long_call, net_credit, cumulative_credit, fees) FROM STDIN", rolls) { r in
                    [F.uuid(r.condorID), String(r.seq), F.uuid(r.eventID), F.instant(r.rolledAt), r.side.rawValue,
                                    F.date(r.strikes.expiry), F.decimal(r.strikes.longPut), F.decimal(r.strikes.shortPut),
                                    F.decimal(r.strikes.shortCall), F.decimal(r.strikes.longCall), F.decimal(r.netCredit),
                                    F.decimal(r.cumulativeCredit), F.decimal(r.fees)]
                })
        }
        let layers = owners.compactMap(\.layer)
        if !layers.isEmpty {
            jobs.append(job("COPY alvh_projection.hedge_layers (layer_id, portfolio, protects, instrument, instrument_kind, multiplier, entry_price, tier, status, quantity, initial_quantity, cost_basis, realized_pnl, opened_at, ended_at, mark_at, mark_value, unrealized_pnl, valuation, last_event_at) FROM STDIN", layers) { l in
                    [F.uuid(l.layerID), l.portfolio, l.protects.map(F.uuid).joined(separator: ","), l.instrument.spec,
                                    l.instrumentKind, F.decimal(l.multiplier), F.decimal(l.entryPrice), l.tier.map(String.init),
                                    l.status.rawValue, String(l.quantity), String(l.initialQuantity), F.decimal(l.costBasis),
                                    F.decimal(l.realizedPnL), F.instant(l.openedAt), l.endedAt.map(F.instant), l.markAt.map(F.instant),
                                    l.markValue.map(F.decimal), l.unrealizedPnL.map(F.decimal), l.valuation?.rawValue, F.instant(l.lastEventAt)]
                })
        }
        let allocations = owners.flatMap(\.allocations)
        if !allocations.isEmpty {
            jobs.append(job("COPY alvh_projection.layer_allocations (layer_id, condor_id, share) FROM STDIN", allocations) { a in
                    [F.uuid(a.layerID), F.uuid(a.condorID), F.decimal(a.share)]
                })
        }
        let flows = owners.flatMap(\.flows)
        if !flows.isEmpty {
            jobs.append(job("COPY alvh_projection.cash_flows (owner_kind, owner_id, seq, portfolio, event_id, flow_date, amount, what) FROM STDIN", flows) { f in
                    [f.ownerKind.rawValue, F.uuid(f.ownerID), String(f.seq), f.portfolio, F.uuid(f.eventID),
                                    F.date(f.date), F.decimal(f.amount), f.what]
                })
        }
        let decisions = owners.flatMap(\.decisions)
        if !decisions.isEmpty {
            jobs.append(job("COPY alvh_projection.decisions (owner_id, event_id, condor_id, portfolio, decided_at, position, kind, alvh_choice, fixed_said, signals, layer_id) FROM STDIN", decisions) { d in
                    [F.uuid(d.ownerID), F.uuid(d.eventID), d.condorID.map(F.uuid), d.portfolio, F.instant(d.decidedAt),
                                    String(d.position), d.kind.rawValue, d.alvhChoice, d.fixedSaid,
                                    d.signals.map { String(decoding: $0, as: UTF8.self) }, d.layerID.map(F.uuid)]
                })
        }
        try run(jobs)
    }

    func write(marks: [MarketMark]) throws {
        guard !marks.isEmpty else { return }
        typealias F = CopyFormat
        try run([job("COPY alvh_projection.marks (event_id, position, feed, marked_at, spx, vix, vix3m, futures, quotes) FROM STDIN", marks) { m in
                [F.uuid(m.eventID), String(m.position), m.feed, F.instant(m.at), F.decimal(m.spx), F.decimal(m.vix),
                                m.vix3m.map(F.decimal), String(decoding: try LedgerJSON.encode(m.futures), as: UTF8.self),
                                String(decoding: try LedgerJSON.encode(m.quotes), as: UTF8.self)]
        }])
    }

    /// One table's COPY: its statement and how to encode its rows.
    struct CopyJob {
        var sql: String
        var rows: Int
        var encode: @Sendable () throws -> [[UInt8]]
    }

    private func job<T: Sendable>(_ sql: String, _ items: [T], _ fields: @escaping @Sendable (T) throws -> [String?]) -> CopyJob {
        CopyJob(sql: sql, rows: items.count) { try Parallel.copyText(items, fields) }
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
