import Finance
import Foundation
import Ledger

/// Reads a CBOE SPX quote-table chain in the layout of `../shared/data/SOURCES.md` (one row per
/// expiration, root and strike; the call on the left, the put on the right; the root read from the
/// symbol, `SPX…` or `SPXW…`). Every row must carry the same quote date and index level. Rows with
/// no quote keep bid 0 (the comparisons skip them). Errors name the file, line and column (exit 2).
enum ChainFile {
    static let columns = ["quote_date", "underlying_last", "expiration", "strike", "call_symbol", "call_last", "call_net", "call_bid",
                          "call_ask", "call_volume", "call_iv", "call_delta", "call_gamma", "call_open_interest", "put_symbol", "put_last",
                          "put_net", "put_bid", "put_ask", "put_volume", "put_iv", "put_delta", "put_gamma", "put_open_interest"]

    static func read(_ path: String, flag: String = "--chain") throws -> OptionChain {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure.invalid(flag, "cannot read \(path): no such file or not readable")
        }
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(data)
        } catch let error as CSVReader.Malformed {
            throw CLIFailure.invalid("\(path): line \(error.line), column \(error.column)", error.message)
        }
        guard let header = records.first else { throw CLIFailure.invalid(flag, "\(path) is empty: a CSV header row is required") }
        let index = try columnIndex(header.fields, path: path)
        var quote: (date: CalendarDay, spot: Double)?
        var byExpiry: [String: (expiry: CalendarDay, root: ChainRoot, strikes: [ChainStrike])] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw CLIFailure.invalid("\(path): line \(record.line)", "has \(record.fields.count) fields, the header has \(header.fields.count)")
            }
            let row = ChainRow(record: record, index: index, path: path)
            let date = try row.date("quote_date"), spot = try row.positive("underlying_last")
            if let quote, quote.date != date || quote.spot != spot {
                throw CLIFailure.invalid(row.place("quote_date"), "every row must have the quote date and underlying_last of line 2 (\(quote.date), \(quote.spot))")
            }
            quote = (date, spot)
            let expiry = try row.date("expiration"), strike = try row.positive("strike")
            let root = try row.root()
            let key = "\(expiry) \(root.rawValue)"
            var entry = byExpiry[key] ?? (expiry, root, [])
            entry.strikes.append(ChainStrike(strike: strike, call: try row.side("call"), put: try row.side("put")))
            byExpiry[key] = entry
        }
        guard let quote else { throw CLIFailure.invalid(flag, "\(path) has a header but no quotes") }
        let expiries = byExpiry.values.map { ChainExpiry(expiry: $0.expiry, root: $0.root, strikes: $0.strikes.sorted { $0.strike < $1.strike }) }
            .sorted { ($0.expiry, $0.root.rawValue) < ($1.expiry, $1.root.rawValue) }
        return OptionChain(quoteDate: quote.date, spot: quote.spot, expiries: expiries)
    }

    /// Column name → index; every column of the layout present, no other.
    static func columnIndex(_ header: [String], path: String) throws -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard columns.contains(name) else {
                throw CLIFailure.invalid("\(path): line 1, column \(position + 1)", "unknown column `\(name)` (a CBOE chain has \(columns.joined(separator: ",")))")
            }
            guard index[name] == nil else { throw CLIFailure.invalid("\(path): line 1, column \(position + 1)", "column `\(name)` appears twice") }
            index[name] = position
        }
        if let missing = columns.first(where: { index[$0] == nil }) {
            throw CLIFailure.invalid("\(path): line 1", "missing column `\(missing)`")
        }
        return index
    }
}

/// One data row of a chain file, with errors that name the file, line and column.
struct ChainRow {
    let record: CSVReader.Record
    let index: [String: Int]
    let path: String

    func place(_ column: String) -> String { "\(path): line \(record.line), column \(index[column]! + 1) (\(column))" }

    func text(_ column: String) throws -> String {
        let position = index[column]!
        guard position < record.fields.count else { throw CLIFailure.invalid(place(column), "missing: the row has \(record.fields.count) fields, the header \(index.count)") }
        return record.fields[position].trimmingCharacters(in: .whitespaces)
    }

    func number(_ column: String) throws -> Double {
        let text = try text(column)
        guard let value = Double(text), value.isFinite else { throw CLIFailure.invalid(place(column), "must be a number (got \"\(text)\")") }
        return value
    }

    func positive(_ column: String) throws -> Double {
        let value = try number(column)
        guard value > 0 else { throw CLIFailure.invalid(place(column), "must be greater than 0 (got \(value))") }
        return value
    }

    func date(_ column: String) throws -> CalendarDay {
        let text = try text(column)
        guard let day = CalendarDay(iso: text) else { throw CLIFailure.invalid(place(column), "must be a date YYYY-MM-DD (got \"\(text)\")") }
        return day
    }

    /// SPX or SPXW from the call symbol (the put symbol must agree).
    func root() throws -> ChainRoot {
        let call = try text("call_symbol"), put = try text("put_symbol")
        func root(_ symbol: String) -> ChainRoot? { symbol.hasPrefix("SPXW") ? .spxw : symbol.hasPrefix("SPX") ? .spx : nil }
        guard let callRoot = root(call) else { throw CLIFailure.invalid(place("call_symbol"), "must start with SPX or SPXW (got \"\(call)\")") }
        guard root(put) == callRoot else { throw CLIFailure.invalid(place("put_symbol"), "must have the call's root \(callRoot.rawValue) (got \"\(put)\")") }
        return callRoot
    }

    func side(_ prefix: String) throws -> OptionQuoteSide {
        let bid = try number("\(prefix)_bid"), ask = try number("\(prefix)_ask")
        guard bid >= 0, ask >= 0 else { throw CLIFailure.invalid(place("\(prefix)_bid"), "bid and ask must not be negative (got \(bid)/\(ask))") }
        return OptionQuoteSide(bid: bid, ask: ask, impliedVolatility: try number("\(prefix)_iv"), delta: try number("\(prefix)_delta"))
    }
}
