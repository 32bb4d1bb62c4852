import Foundation
import Ledger

/// Reads the "Trades" section of an Interactive Brokers Flex Query exported as CSV into
/// `BrokerFill`s and `SkippedRow`s, for the same grouping as tastytrade (`BrokerGrouping`).
///
/// **Columns**, found by their header names in any order (case and spaces ignored): `AssetClass,
/// Symbol, UnderlyingSymbol, Multiplier, Strike, Expiry, Put/Call, DateTime, Quantity, TradePrice,
/// Proceeds, IBCommission, Buy/Sell, Open/CloseIndicator, Notes/Codes` and `IBOrderID` or `OrderID`
/// (IBOrderID wins when both are present). Optional: `NetCash` (checked: it must equal Proceeds +
/// IBCommission + Taxes), `Taxes` (counted as fees), `Currency` and `IBCommissionCurrency` (USD only
/// on imported rows), `LevelOfDetail` (only `EXECUTION` rows are imported; `ORDER`, `CLOSED_LOT` and
/// summary rows would count fills twice and are skipped). Other columns are ignored.
///
/// **File shape**: the header may appear again mid-file (another account or section; the columns
/// are read afresh). Flex header/trailer records (`BOF, BOA, BOS, EOS, EOA, EOF`) are ignored; rows
/// of a section other than Trades (a header without `TradePrice`, or a `BOS` naming another
/// section than `TRNT`/Trades) are skipped and counted. The Activity Statement CSV (`Trades,Header,…` /
/// `Trades,Data,…` rows) is not supported and refused with a message.
///
/// **Values**: `DateTime` `20240920;153012`, `2024-09-20, 15:30:12` or `2024-09-20 15:30:12`, read
/// as wall-clock time in `timeZone` (New York unless told; Flex writes no zone); an expiry or
/// settlement row with a bare date is placed at 16:00. `Expiry` `20240920` or `2024-09-20`.
/// `Put/Call` `P`/`C`. `Quantity` is signed (+ bought, − sold) and must agree with `Buy/Sell`
/// (`BUY` or `SELL`). Amounts may carry thousands separators.
///
/// **Mapping to `BrokerFill`** (ledger signs): `value` = Proceeds (> 0 received); `fees` =
/// −(IBCommission + Taxes) (> 0 paid); `opens` from `Open/CloseIndicator` (`O`/`C`; a `C;O` row
/// that flips a position through zero is refused: split it at the broker); `orderID` = IBOrderID.
/// `Notes/Codes` containing `Ep` is an expiration (Proceeds must be 0); `A` (assignment) or `Ex`
/// (exercise) on an option is a cash settlement whose Proceeds are the settlement cash (IBKR closes
/// cash-settled index options at their intrinsic value; a file that books the cash in a separate
/// row is not supported: that row is skipped as its asset class). A VIX future moves no cash when
/// it trades: its `value` is 0 and the layer records its `TradePrice` (its Proceeds are notional).
///
/// **Imported**: `OPT` on SPX/SPXW/XSP (condor legs; the class is the root of `Symbol`, else
/// `UnderlyingSymbol`), `OPT` on VIX (root VIX or VIXW), `FUT` VIX futures (`VX…`, not the `VXM`
/// mini; month from `Expiry`, else the symbol's month code) and `STK` VXX/UVXY/VIXY (hedges). Every
/// other row (`STK`, `CASH`, `FOP`, other options and futures) is skipped and counted by
/// `AssetClass`, without checking its cells. Every imported row must be valid in full; problems are
/// reported with line and column and nothing is imported. All accounts of the file go to one
/// portfolio. Cancelled fills (`BUY (Ca.)`) are refused.
///
/// **Row ids** (`BrokerRowIdentity`) hash the parsed instant, kind, AssetClass, Symbol, side,
/// open/close, signed Quantity, Proceeds, fees and IBOrderID — not TradeID, TransactionID or the
/// account — so a later export with other optional columns keeps every id.
public enum IBKRFlexParser {
    /// The zone Flex times are read in unless told otherwise.
    public static let newYork = TimeZone(identifier: "America/New_York")!

    static let required = ["assetclass", "symbol", "underlyingsymbol", "multiplier", "strike", "expiry", "put/call", "datetime",
                           "quantity", "tradeprice", "proceeds", "ibcommission", "buy/sell", "open/closeindicator", "notes/codes"]
    static let structureRecords: Set<String> = ["BOF", "BOA", "BOS", "EOS", "EOA", "EOF"]

    /// Parses a whole file; throws `BrokerImportFailure` listing every problem (up to `maximumIssues`).
    public static func parse(_ data: Data, timeZone: TimeZone = newYork, maximumIssues: Int = 50) throws -> BrokerStatement {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(data)
        } catch let malformed as CSVReader.Malformed {
            throw BrokerImportFailure(issues: [BrokerImportIssue(line: malformed.line, column: malformed.column, columnName: "", message: malformed.message)])
        }
        var section: IBKRSection?
        var otherSection: String?
        var issues: [BrokerImportIssue] = []
        var fills: [BrokerFill] = []
        var skipped: [SkippedRow] = []
        var identity = BrokerRowIdentity()
        for record in records {
            if issues.count >= maximumIssues { break }
            let first = record.fields.first?.trimmingCharacters(in: .whitespaces) ?? ""
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            if structureRecords.contains(first.uppercased()) {
                if first.uppercased() == "BOS" {
                    // `"BOS","TRNT","Trades; trade date basis"`: TRNT is the Trades section's code.
                    let code = record.fields.count > 1 ? record.fields[1].trimmingCharacters(in: .whitespaces) : ""
                    let title = record.fields.count > 2 ? record.fields[2].trimmingCharacters(in: .whitespaces).lowercased() : ""
                    let isTrades = code.isEmpty || ["TRNT", "TRADES"].contains(code.uppercased()) || title.hasPrefix("trades")
                    otherSection = isTrades ? nil : code
                    section = nil
                } else if first.uppercased() == "EOS" {
                    otherSection = nil
                    section = nil
                }
                continue
            }
            if section == nil, otherSection == nil, record.fields.count > 2,
               ["header", "data", "total", "subtotal"].contains(record.fields[1].trimmingCharacters(in: .whitespaces).lowercased()) {
                throw BrokerImportFailure(issues: [BrokerImportIssue(line: record.line, column: 1, columnName: "header",
                                                                     message: "this is an Activity Statement CSV ('\(first),\(record.fields[1])' rows), which is not supported; export a Flex Query with the Trades section as CSV")])
            }
            let keys = record.fields.map(IBKRValues.key)
            if keys.contains("assetclass"), keys.contains("symbol") {
                if otherSection == nil, keys.contains("tradeprice") {
                    let header = IBKRSection(header: record)
                    let missing = header.missing
                    guard missing.isEmpty else {
                        throw BrokerImportFailure(issues: [BrokerImportIssue(line: record.line, column: 1, columnName: "header",
                                                                             message: "not an IBKR Flex Trades header: missing column(s) \(missing.map { "'\($0)'" }.joined(separator: ", "))")])
                    }
                    section = header
                } else {
                    section = nil
                    otherSection = otherSection ?? "section without TradePrice"
                }
                continue
            }
            if let name = otherSection {
                skipped.append(SkippedRow(line: record.line, category: "Flex \(name) rows", fees: 0))
                continue
            }
            guard let section else {
                throw BrokerImportFailure(issues: [BrokerImportIssue(line: record.line, column: 1, columnName: "header",
                                                                     message: "expected the header row of an IBKR Flex Trades CSV (with AssetClass, Symbol, TradePrice, …) before the data")])
            }
            guard record.fields.count == section.width else {
                issues.append(BrokerImportIssue(line: record.line, column: min(record.fields.count, section.width) + 1, columnName: "",
                                                message: "has \(record.fields.count) fields; the header on line \(section.line) has \(section.width)"))
                continue
            }
            var row = IBKRRowReader(record: record, section: section, zone: timeZone)
            switch row.read(identity: &identity) {
            case .fill(let fill): fills.append(fill)
            case .skip(let skip): skipped.append(skip)
            case .invalid: break
            }
            issues += row.issues
        }
        guard issues.isEmpty else { throw BrokerImportFailure(issues: Array(issues.prefix(maximumIssues))) }
        return BrokerStatement(fills: fills, skipped: skipped, broker: "IBKR")
    }
}

/// The columns of one Trades header row.
struct IBKRSection {
    var line: Int
    var width: Int
    /// Lookup key → 0-based index.
    var columns: [String: Int] = [:]
    /// Lookup key → the name as the header writes it.
    var names: [String: String] = [:]

    init(header: CSVReader.Record) {
        line = header.line
        width = header.fields.count
        for (index, name) in header.fields.enumerated() {
            let key = IBKRValues.key(name)
            if columns[key] == nil {
                columns[key] = index
                names[key] = name.trimmingCharacters(in: .whitespaces)
            }
        }
        // IBOrderID is the order; OrderID stands in for it when it is the only one.
        if columns["iborderid"] == nil, let index = columns["orderid"] {
            columns["iborderid"] = index
            names["iborderid"] = names["orderid"]
        }
    }

    var missing: [String] {
        let display = ["assetclass": "AssetClass", "symbol": "Symbol", "underlyingsymbol": "UnderlyingSymbol", "multiplier": "Multiplier",
                       "strike": "Strike", "expiry": "Expiry", "put/call": "Put/Call", "datetime": "DateTime", "quantity": "Quantity",
                       "tradeprice": "TradePrice", "proceeds": "Proceeds", "ibcommission": "IBCommission", "buy/sell": "Buy/Sell",
                       "open/closeindicator": "Open/CloseIndicator", "notes/codes": "Notes/Codes", "iborderid": "IBOrderID or OrderID"]
        return (IBKRFlexParser.required + ["iborderid"]).filter { columns[$0] == nil }.map { display[$0]! }
    }
}
