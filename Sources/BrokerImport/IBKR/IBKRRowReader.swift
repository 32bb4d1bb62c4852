import Foundation
import Ledger

/// One data row of a Flex Trades section, with the issues found while reading it.
struct IBKRRowReader {
    enum Outcome { case fill(BrokerFill), skip(SkippedRow), invalid }

    let record: CSVReader.Record
    let section: IBKRSection
    let zone: TimeZone
    var issues: [BrokerImportIssue] = []

    init(record: CSVReader.Record, section: IBKRSection, zone: TimeZone) {
        self.record = record
        self.section = section
        self.zone = zone
    }

    func cell(_ key: String) -> String {
        guard let index = section.columns[key], index < record.fields.count else { return "" }
        return record.fields[index].trimmingCharacters(in: .whitespaces)
    }

    func has(_ key: String) -> Bool { section.columns[key] != nil }

    mutating func issue(_ key: String, _ message: String) {
        issues.append(BrokerImportIssue(line: record.line, column: (section.columns[key] ?? -1) + 1,
                                        columnName: section.names[key] ?? key, message: message))
    }

    /// An amount cell; empty is zero when `emptyIsZero`.
    mutating func amount(_ key: String, emptyIsZero: Bool = false) -> Decimal? {
        let text = cell(key)
        if text.isEmpty, emptyIsZero { return 0 }
        guard let value = TastytradeValues.amount(text) else {
            issue(key, "must be an amount like -1,250.00 (got \(Echo.quoted(text)))")
            return nil
        }
        return value
    }

    /// What the row trades, or the skip category when the ledger does not import it.
    enum Target {
        case indexOption(Underlying)
        case vixOption
        case vixFuture
        case etp(VolatilityETP)
        case skip(String)
    }

    func target() -> Target {
        let assetClass = cell("assetclass").uppercased()
        let symbol = cell("symbol").uppercased()
        let root = String(symbol.split(separator: " ").first ?? "")
        let underlying = cell("underlyingsymbol").uppercased()
        switch assetClass {
        case "OPT":
            if let index = Underlying(spec: root) { return .indexOption(index) }
            if root.isEmpty, let index = Underlying(spec: underlying) { return .indexOption(index) }
            if root == "VIX" || root == "VIXW" || (root.isEmpty && underlying == "VIX") { return .vixOption }
            return .skip("OPT (\(underlying.isEmpty ? root : underlying))")
        case "FUT":
            let compact = symbol.replacingOccurrences(of: " ", with: "")
            if compact.hasPrefix("VX"), !compact.hasPrefix("VXM"), underlying.isEmpty || underlying == "VIX" || underlying.hasPrefix("VX") {
                return .vixFuture
            }
            return .skip("FUT (\(underlying.isEmpty ? symbol : underlying))")
        case "STK":
            if let etp = VolatilityETP(rawValue: symbol) { return .etp(etp) }
            return .skip("STK")
        default:
            return .skip(assetClass.isEmpty ? "rows without an AssetClass" : assetClass)
        }
    }

    /// Reads the row in phases (what it trades, when, which side, how many, the money, open or
    /// close, the order, the instrument); every problem becomes an issue naming its column.
    mutating func read(identity: inout BrokerRowIdentity) -> Outcome {
        let what = target()
        if let skipped = skipped(what) { return .skip(skipped) }
        // An imported row: every field must be right.
        let kind = rowKind(what)
        let at = instant(kind)
        let isBuy = side()
        let (quantity, signedQuantity) = quantities(isBuy: isBuy)
        guard let money = money(what) else { return .invalid }
        checkCurrencies()
        let opens = opensPosition(what, kind: kind, isBuy: isBuy)
        let orderID = order(kind: kind, proceeds: money.proceeds)
        let instrument = instrument(what)
        guard issues.isEmpty, let at, let isBuy, let quantity, let signedQuantity, let proceeds = money.proceeds, let opens, let instrument else {
            return .invalid
        }
        let value = what.isFuture ? 0 : proceeds
        let kindText = switch kind { case .trade: "trade"; case .expiration: "expiration"; case .cashSettlement: "settlement" }
        let rowID = identity.next(["ibkr", String(Int64((at.timeIntervalSince1970 * 1000).rounded())), kindText, cell("assetclass").uppercased(),
                                   cell("symbol").uppercased(), isBuy ? "BUY" : "SELL", opens ? "O" : "C", DecimalParser.format(signedQuantity),
                                   DecimalParser.format(proceeds), DecimalParser.format(money.fees), orderID ?? ""])
        return .fill(BrokerFill(line: record.line, rowID: rowID, at: at, kind: kind, isBuy: isBuy, opens: opens, instrument: instrument,
                                quantity: quantity, value: value, fees: money.fees, unitPrice: money.price.map { $0 < 0 ? -$0 : $0 }, orderID: orderID))
    }

    /// A row the ledger does not import (a summary level of detail, another instrument), with its fees.
    private func skipped(_ what: Target) -> SkippedRow? {
        let fees = -((TastytradeValues.amount(cell("ibcommission")) ?? 0) + (TastytradeValues.amount(cell("taxes")) ?? 0))
        let level = cell("levelofdetail").uppercased()
        if !level.isEmpty, level != "EXECUTION" {
            return SkippedRow(line: record.line, category: "LevelOfDetail \(level) rows", fees: fees)
        }
        if case .skip(let category) = what { return SkippedRow(line: record.line, category: category, fees: fees) }
        return nil
    }

    /// `Ep` marks an option's expiration, `A`/`Ex` its cash settlement; anything else is a trade.
    private func rowKind(_ what: Target) -> BrokerRowKind {
        let codes = IBKRValues.codes(cell("notes/codes"))
        guard what.isOption else { return .trade }
        if codes.contains("Ep") { return .expiration }
        if codes.contains("A") || codes.contains("Ex") { return .cashSettlement }
        return .trade
    }

    private mutating func instant(_ kind: BrokerRowKind) -> Date? {
        let dateText = cell("datetime")
        let at = IBKRValues.instant(dateText, zone: zone, dateOnlyAt: kind == .trade ? nil : 16 * 3600)
        if at == nil {
            issue("datetime", "must be a date and time like 20240920;153012 or 2024-09-20, 15:30:12 (got \(Echo.quoted(dateText)))")
        }
        return at
    }

    private mutating func side() -> Bool? {
        let sideText = cell("buy/sell")
        let isBuy: Bool? = switch sideText.uppercased() { case "BUY": true; case "SELL": false; default: nil }
        if isBuy == nil {
            issue("buy/sell", sideText.uppercased().contains("(CA.)")
                  ? "a cancelled fill ('\(sideText)') is not supported: export without the cancelled fill and its cancellation"
                  : "must be BUY or SELL (got \(Echo.quoted(sideText)))")
        }
        return isBuy
    }

    /// The unsigned count and the signed quantity, whose sign must agree with the side.
    private mutating func quantities(isBuy: Bool?) -> (Int?, Decimal?) {
        let quantityText = cell("quantity")
        let quantity = TastytradeValues.quantity(quantityText)
        let signedQuantity = TastytradeValues.amount(quantityText)
        if quantity == nil {
            issue("quantity", "must be a whole, signed number of contracts or shares, not 0 (got \(Echo.quoted(quantityText)))")
        } else if let isBuy, let signedQuantity, (signedQuantity > 0) != isBuy {
            issue("quantity", "a \(isBuy ? "BUY" : "SELL") row has a \(isBuy ? "positive" : "negative") quantity (got \(Echo.quoted(quantityText)))")
        }
        return (quantity, signedQuantity)
    }

    /// Proceeds, price and fees (−(IBCommission + Taxes)); NetCash must agree. Nil when the commission is unreadable.
    private mutating func money(_ what: Target) -> (proceeds: Decimal?, price: Decimal?, fees: Decimal)? {
        let proceeds = amount("proceeds")
        let price = amount("tradeprice")
        guard let fee = amount("ibcommission", emptyIsZero: true) else { return nil }
        let tax = has("taxes") ? amount("taxes", emptyIsZero: true) : 0
        if !what.isFuture, let proceeds, let tax, has("netcash"), !cell("netcash").isEmpty, let netCash = amount("netcash"), netCash != proceeds + fee + tax {
            issue("netcash", "must equal Proceeds + IBCommission\(has("taxes") ? " + Taxes" : "") = \(DecimalParser.format(proceeds + fee + tax)) (got \(Echo.quoted(cell("netcash"))))")
        }
        return (proceeds, price, -(fee + (tax ?? 0)))
    }

    private mutating func checkCurrencies() {
        for key in ["currency", "ibcommissioncurrency"] where has(key) {
            let text = cell(key).uppercased()
            if !text.isEmpty, text != "USD" { issue(key, "must be USD: the ledger keeps dollars (got \(Echo.quoted(cell(key))))") }
        }
    }

    /// `Open/CloseIndicator`: O opens, C closes; empty is allowed for hedges (a buy opens) and non-trades.
    private mutating func opensPosition(_ what: Target, kind: BrokerRowKind, isBuy: Bool?) -> Bool? {
        var opens: Bool?
        switch cell("open/closeindicator").uppercased().replacingOccurrences(of: " ", with: "") {
        case "O": opens = true
        case "C": opens = false
        case "C;O", "O;C":
            issue("open/closeindicator", "a row that closes and opens (C;O) flips a position through zero, which cannot be split into condor legs or layers; not supported")
        case "":
            if case .indexOption = what, kind == .trade {
                issue("open/closeindicator", "an SPX-family option trade must be O (open) or C (close)")
            } else {
                opens = kind == .trade ? isBuy : false
            }
        default:
            issue("open/closeindicator", "must be O or C (got \(Echo.quoted(cell("open/closeindicator"))))")
        }
        if kind != .trade, opens == true {
            issue("open/closeindicator", "an expiration, assignment or exercise row closes a position: must be C (got 'O')")
        }
        return opens
    }

    /// A trade's `IBOrderID`; an expiration moves no cash.
    private mutating func order(kind: BrokerRowKind, proceeds: Decimal?) -> String? {
        var orderID: String?
        if kind == .trade {
            let text = cell("iborderid")
            if text.isEmpty || text == "0" {
                issue("iborderid", "a trade row needs an order id")
            } else {
                orderID = text
            }
        }
        if kind == .expiration, let proceeds, proceeds != 0 {
            issue("proceeds", "an expiration (Ep) row moves no cash: must be 0 (got \(Echo.quoted(cell("proceeds"))))")
        }
        return orderID
    }

    /// The contract traded, with its multiplier checked.
    private mutating func instrument(_ what: Target) -> BrokerInstrument? {
        switch what {
        case .indexOption(let underlying):
            let contract = option()
            checkMultiplier(underlying.multiplier, "\(underlying.rawValue) options")
            return contract.map { .indexOption(IndexOptionContract(underlying: underlying, expiry: $0.expiry, right: $0.right, strike: $0.strike)) }
        case .vixOption:
            let contract = option()
            checkMultiplier(100, "VIX options")
            return contract.map { .hedge(.vixOption(expiry: $0.expiry, right: $0.right, strike: $0.strike)) }
        case .vixFuture:
            checkMultiplier(1000, "VIX futures")
            let expiry = IBKRValues.date(cell("expiry"))
            let month = TastytradeParser.vixFutureMonth(symbol: "/" + cell("symbol").replacingOccurrences(of: " ", with: ""),
                                                        expiration: expiry.map { "\($0)" } ?? "")
            guard let month else {
                issue("expiry", "a VIX future needs an expiry like 20241016 or a symbol like VXV4 (got \(Echo.quoted(cell("expiry"))), '\(cell("symbol"))')")
                return nil
            }
            return .hedge(.vixFuture(month: month))
        case .etp(let etp):
            checkMultiplier(1, "\(etp.rawValue) shares")
            return .hedge(.etp(etp))
        case .skip:
            return nil
        }
    }

    /// An option's expiry, strike (> 0) and right, each checked; nil when any is wrong.
    private mutating func option() -> (expiry: CalendarDate, strike: Decimal, right: OptionRight)? {
        let expiryText = cell("expiry")
        let expiry = IBKRValues.date(expiryText)
        if expiry == nil { issue("expiry", "an option row needs an expiry like 20240920 or 2024-09-20 (got \(Echo.quoted(expiryText)))") }
        let strikeText = cell("strike")
        let strike = TastytradeValues.amount(strikeText)
        if strikeText.isEmpty {
            issue("strike", "an option row needs a strike")
        } else if strike == nil || strike! <= 0 {
            issue("strike", "must be a number > 0 (got \(Echo.quoted(strikeText)))")
        }
        let rightText = cell("put/call")
        let right = OptionRight(spec: rightText)
        if right == nil { issue("put/call", "must be P or C (got \(Echo.quoted(rightText)))") }
        guard let expiry, let strike, strike > 0, let right else { return nil }
        return (expiry, strike, right)
    }

    private mutating func checkMultiplier(_ expected: Decimal, _ name: String) {
        let multiplierText = cell("multiplier")
        if multiplierText.isEmpty, expected == 1 { return }
        if TastytradeValues.amount(multiplierText) != expected {
            issue("multiplier", "must be \(DecimalParser.format(expected)) for \(name) (got \(Echo.quoted(multiplierText)))")
        }
    }
}

extension IBKRRowReader.Target {
    var isOption: Bool {
        switch self {
        case .indexOption, .vixOption: true
        default: false
        }
    }

    var isFuture: Bool {
        if case .vixFuture = self { return true }
        return false
    }
}
