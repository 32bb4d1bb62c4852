import Foundation
import Ledger

/// Reads tastytrade's "Transactions" CSV export into `BrokerFill`s and `SkippedRow`s.
///
/// Columns are found by their header names (any order, any case): `Date, Type, Sub Type, Action,
/// Symbol, Instrument Type, Description, Value, Quantity, Average Price, Commissions, Fees,
/// Multiplier, Root Symbol, Underlying Symbol, Expiration Date, Strike Price, Call or Put, Order #,
/// Currency`. `Sub Type`, `Currency` and `Total` are optional (older exports lack the first two,
/// newer ones add `Total`); other extra columns are ignored.
///
/// - Dates are ISO 8601 instants with an offset (`2024-09-20T23:00:00+0200`).
/// - Amounts may carry thousands separators (`"1,250.00"`); empty commissions or fees are `--`.
/// - `Type` `Trade` rows are order fills; `Receive Deliver` rows without an order are expirations
///   (Sub Type `Expiration`, or a description mentioning expiration) and cash settlements
///   (`Cash Settled Assignment` / `Cash Settled Exercise`); `Money Movement` rows are skipped.
/// - Imported: SPX/SPXW/XSP options (condor legs), VIX/VIXW options, `/VX` futures and VXX, UVXY,
///   VIXY shares (hedges). Every other instrument is skipped and counted.
/// - Every imported row must have a valid date, a known action (`BUY_TO_OPEN`, `SELL_TO_OPEN`,
///   `BUY_TO_CLOSE`, `SELL_TO_CLOSE`, `BUY`, `SELL`, or the same words with spaces), numbers in
///   Value, Quantity, Commissions and Fees, and for options an expiration, a strike and a right.
///   Every row needs a valid date. Problems are reported with their line and column.
public enum TastytradeParser {
    static let required = ["date", "type", "action", "symbol", "instrument type", "description", "value", "quantity", "average price",
                           "commissions", "fees", "multiplier", "root symbol", "underlying symbol", "expiration date", "strike price",
                           "call or put", "order #"]
    static let optional = ["sub type", "currency", "total"]

    static let actions: [String: (isBuy: Bool, opens: Bool?)] = [
        "BUY_TO_OPEN": (true, true), "SELL_TO_OPEN": (false, true), "BUY_TO_CLOSE": (true, false), "SELL_TO_CLOSE": (false, false),
        "BUY": (true, nil), "SELL": (false, nil),
    ]

    /// Parses a whole file; throws `BrokerImportFailure` listing every problem (up to `maximumIssues`).
    public static func parse(_ data: Data, maximumIssues: Int = 50) throws -> BrokerStatement {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(data)
        } catch let malformed as CSVReader.Malformed {
            throw BrokerImportFailure(issues: [BrokerImportIssue(line: malformed.line, column: malformed.column, columnName: "", message: malformed.message)])
        }
        guard let header = records.first else {
            throw BrokerImportFailure(issues: [BrokerImportIssue(line: 1, column: 1, columnName: "Date", message: "the file is empty; expected tastytrade's Transactions CSV with a header row")])
        }
        var columns: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            if columns[key] == nil { columns[key] = index }
        }
        let missing = required.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw BrokerImportFailure(issues: [BrokerImportIssue(line: header.line, column: 1, columnName: "header",
                                                     message: "not a tastytrade Transactions export: missing column(s) \(missing.map { "'\(display($0))'" }.joined(separator: ", "))")])
        }
        var issues: [BrokerImportIssue] = []
        var fills: [BrokerFill] = []
        var skipped: [SkippedRow] = []
        var identity = BrokerRowIdentity()
        for record in records.dropFirst() {
            if issues.count >= maximumIssues { break }
            guard record.fields.count == header.fields.count else {
                issues.append(BrokerImportIssue(line: record.line, column: record.fields.count + 1, columnName: "",
                                          message: "has \(record.fields.count) fields; the header has \(header.fields.count)"))
                continue
            }
            var row = RowReader(record: record, columns: columns)
            switch row.read(identity: &identity) {
            case .fill(let fill): fills.append(fill)
            case .skip(let skip): skipped.append(skip)
            case .invalid: break
            }
            issues += row.issues
        }
        guard issues.isEmpty else { throw BrokerImportFailure(issues: Array(issues.prefix(maximumIssues))) }
        return BrokerStatement(fills: fills, skipped: skipped)
    }

    /// The header name as tastytrade writes it.
    static func display(_ key: String) -> String {
        key == "order #" ? "Order #" : key.split(separator: " ").map { $0 == "or" ? "or" : $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    enum Outcome { case fill(BrokerFill), skip(SkippedRow), invalid }

    /// One data row, with the issues found while reading it.
    struct RowReader {
        let record: CSVReader.Record
        let columns: [String: Int]
        var issues: [BrokerImportIssue] = []

        init(record: CSVReader.Record, columns: [String: Int]) {
            self.record = record
            self.columns = columns
        }

        func cell(_ key: String) -> String {
            guard let index = columns[key], index < record.fields.count else { return "" }
            return record.fields[index].trimmingCharacters(in: .whitespaces)
        }

        mutating func issue(_ key: String, _ message: String) {
            issues.append(BrokerImportIssue(line: record.line, column: (columns[key] ?? 0) + 1, columnName: display(key), message: message))
        }

        /// Reads the row in phases (when, what kind of row, what it trades, the trade's fields,
        /// the instrument); every problem becomes an issue naming its column.
        mutating func read(identity: inout BrokerRowIdentity) -> Outcome {
            let dateText = cell("date")
            let date = TastytradeValues.instant(dateText)
            if date == nil {
                issue("date", "must be a date and time with a zone like 2024-09-20T23:00:00+0200 (got \(Echo.quoted(dateText)))")
            }
            let type = cell("type")
            let fees = (TastytradeValues.fee(cell("commissions")) ?? 0) + (TastytradeValues.fee(cell("fees")) ?? 0)
            let what = Traded(self)
            if let category = skipCategory(type: type, traded: what) {
                return date == nil ? .invalid : .skip(SkippedRow(line: record.line, category: category, fees: -fees))
            }
            // An imported row: every field must be right.
            let (actionKey, action, quantity, value, orderID) = tradeFields()
            guard let kind = rowKind(type: type, orderID: orderID, symbol: what.symbol) else { return .invalid }
            let instrument = instrument(what)
            guard issues.isEmpty, let date, let action, let quantity, let value, let instrument else { return .invalid }

            var unitPrice: Decimal?
            if let average = TastytradeValues.amount(cell("average price")), let multiplier = TastytradeValues.amount(cell("multiplier")), multiplier > 0 {
                unitPrice = (average < 0 ? -average : average) / multiplier
            }
            let opens = kind == .trade ? (action.opens ?? action.isBuy) : false
            let rowID = identity.next(["tastytrade", String(Int64((date.timeIntervalSince1970 * 1000).rounded())), type.lowercased(), actionKey,
                                       what.symbol, String(quantity), DecimalParser.format(value), DecimalParser.format(fees), orderID])
            return .fill(BrokerFill(line: record.line, rowID: rowID, at: date, kind: kind, isBuy: action.isBuy, opens: opens,
                                    instrument: instrument, quantity: quantity, value: value, fees: -fees,
                                    exchangeFees: -(TastytradeValues.fee(cell("fees")) ?? 0), unitPrice: unitPrice,
                                    orderID: orderID.isEmpty ? nil : orderID))
        }

        /// What a row trades, as far as its type and symbol say.
        struct Traded {
            let symbol: String
            let root: String
            let instrumentType: String
            let isOption: Bool
            let indexRoot: Underlying?
            let futureMonth: ContractMonth?
            let etp: VolatilityETP?

            init(_ row: RowReader) {
                symbol = row.cell("symbol")
                var root = row.cell("root symbol").uppercased()
                if root.isEmpty { root = String(symbol.split(separator: " ").first ?? "").uppercased() }
                self.root = root
                instrumentType = row.cell("instrument type")
                isOption = instrumentType.lowercased().contains("option")
                indexRoot = Underlying(spec: root)
                futureMonth = instrumentType.lowercased() == "future"
                    ? TastytradeParser.vixFutureMonth(symbol: symbol, expiration: row.cell("expiration date")) : nil
                etp = instrumentType.lowercased() == "equity" ? VolatilityETP(rawValue: symbol.uppercased()) : nil
            }

            var isVIXOption: Bool { isOption && (root == "VIX" || root == "VIXW") }
            var isImported: Bool { (isOption && indexRoot != nil) || isVIXOption || futureMonth != nil || etp != nil }
        }

        /// The skip category of a row the ledger does not import (money movements, other types and instruments).
        private func skipCategory(type: String, traded: Traded) -> String? {
            switch type.lowercased() {
            case "trade", "receive deliver":
                guard !traded.isImported else { return nil }
                let category = traded.instrumentType.isEmpty ? "other instruments" : traded.instrumentType
                return category + (traded.isOption && !traded.root.isEmpty ? " (\(traded.root))" : "")
            case "money movement":
                let what = cell("sub type").isEmpty ? cell("description") : cell("sub type")
                return "Money Movement" + (what.isEmpty ? "" : ": \(what)")
            default:
                return type.isEmpty ? "rows without a Type" : type
            }
        }

        /// Action, quantity, value, commissions and fees, checked; the order number as written.
        private mutating func tradeFields() -> (actionKey: String, action: (isBuy: Bool, opens: Bool?)?, quantity: Int?, value: Decimal?, orderID: String) {
            let actionText = cell("action")
            let actionKey = actionText.uppercased().replacingOccurrences(of: " ", with: "_")
            let action = TastytradeParser.actions[actionKey]
            if action == nil {
                issue("action", "must be one of BUY_TO_OPEN, SELL_TO_OPEN, BUY_TO_CLOSE, SELL_TO_CLOSE, BUY, SELL (got \(Echo.quoted(actionText)))")
            }
            let quantity = TastytradeValues.quantity(cell("quantity"))
            if quantity == nil { issue("quantity", "must be a whole number of contracts or shares ≥ 1 (got \(Echo.quoted(cell("quantity"))))") }
            let value = TastytradeValues.amount(cell("value"))
            if value == nil { issue("value", "must be an amount like -1,250.00 (got \(Echo.quoted(cell("value"))))") }
            if TastytradeValues.fee(cell("commissions")) == nil { issue("commissions", "must be an amount or -- (got \(Echo.quoted(cell("commissions"))))") }
            if TastytradeValues.fee(cell("fees")) == nil { issue("fees", "must be an amount or -- (got \(Echo.quoted(cell("fees"))))") }
            return (actionKey, action, quantity, value, cell("order #"))
        }

        /// A Trade row is a trade (with an order number); a Receive Deliver row an expiration or a
        /// cash settlement. Nil (with an issue) for any other Receive Deliver.
        private mutating func rowKind(type: String, orderID: String, symbol: String) -> BrokerRowKind? {
            if type.lowercased() == "trade" {
                if orderID.isEmpty { issue("order #", "a Trade row needs an order number") }
                return .trade
            }
            let subType = cell("sub type")
            let text = (subType + " " + cell("description")).lowercased()
            if text.contains("expiration") || text.contains("expired") { return .expiration }
            if text.contains("cash settle") || text.contains("assignment") || text.contains("exercise") || text.contains("settlement") {
                return .cashSettlement
            }
            issue("sub type", "a Receive Deliver row for \(symbol) must be an expiration or a cash settlement (got \(Echo.quoted(subType.isEmpty ? cell("description") : subType)))")
            return nil
        }

        /// The contract: an option's expiration, strike and right are checked.
        private mutating func instrument(_ what: Traded) -> BrokerInstrument? {
            if let futureMonth = what.futureMonth, !what.isOption { return .hedge(.vixFuture(month: futureMonth)) }
            if let etp = what.etp, !what.isOption { return .hedge(.etp(etp)) }
            guard what.isOption else { return nil }
            let expiryText = cell("expiration date")
            let expiry = TastytradeValues.expiry(expiryText)
            if expiry == nil { issue("expiration date", "an option row needs an expiration date like 9/20/24 (got \(Echo.quoted(expiryText)))") }
            let strikeText = cell("strike price")
            let strike = TastytradeValues.amount(strikeText)
            if strikeText.isEmpty {
                issue("strike price", "an option row needs a strike price")
            } else if strike == nil || strike! <= 0 {
                issue("strike price", "must be a number > 0 (got \(Echo.quoted(strikeText)))")
            }
            let rightText = cell("call or put")
            let right = OptionRight(spec: rightText)
            if right == nil { issue("call or put", "must be CALL or PUT (got \(Echo.quoted(rightText)))") }
            guard let expiry, let strike, strike > 0, let right else { return nil }
            if let indexRoot = what.indexRoot {
                return .indexOption(IndexOptionContract(underlying: indexRoot, expiry: expiry, right: right, strike: strike))
            }
            return .hedge(.vixOption(expiry: expiry, right: right, strike: strike))
        }
    }

    /// The contract month of a VIX future: `/VXZ4`, `/VXZ24` (month code and year), else the
    /// month of its expiration date. Nil for anything that is not a standard VIX future (`/VXM` minis).
    static func vixFutureMonth(symbol: String, expiration: String) -> ContractMonth? {
        let s = symbol.uppercased().replacingOccurrences(of: " ", with: "")
        guard s.hasPrefix("/VX"), !s.hasPrefix("/VXM") else { return nil }
        let codes: [Character: Int] = ["F": 1, "G": 2, "H": 3, "J": 4, "K": 5, "M": 6, "N": 7, "Q": 8, "U": 9, "V": 10, "X": 11, "Z": 12]
        let rest = Array(s.dropFirst(3))
        if let expiry = TastytradeValues.expiry(expiration) {
            return ContractMonth(iso: String(format: "%04d-%02d", expiry.year, expiry.month))
        }
        guard let code = rest.first, let month = codes[code], rest.count >= 2,
              let digits = Int(String(rest.dropFirst())), rest.count <= 3 else { return nil }
        let year = rest.count == 2 ? 2020 + digits : 2000 + digits
        return ContractMonth(iso: String(format: "%04d-%02d", year, month))
    }
}
