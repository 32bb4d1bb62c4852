import CSVFile
import Finance
import Foundation
import Ledger

/// A daily OHLC CSV as in ../shared/data (`date,open,high,low,close`, ISO dates, one header row):
/// only `date` and `close` are read (the sources' opens and highs have known errors; see SOURCES.md).
public enum DailyBarFile {
    /// Date → close. Errors name the file, line and column. Read with the tool's CSV reader
    /// (`CSVFile`): quoted fields, CRLF and a BOM are fine; blank lines are skipped.
    public static func closes(csv text: String, name: String) throws -> [CalendarDay: Double] {
        let records: [CSVFile.Record]
        do {
            records = try CSVFile.records(Data(text.utf8)).filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        } catch let malformed as CSVFile.Malformed {
            throw StrategyError.invalidInput(field: "\(name) line \(malformed.line), column \(malformed.column)", rule: malformed.message)
        }
        guard let headerRecord = records.first else {
            throw StrategyError.invalidInput(field: name, rule: "is empty: expected a header `date,open,high,low,close`")
        }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let dateColumn = header.firstIndex(of: "date"), let closeColumn = header.firstIndex(of: "close") else {
            throw StrategyError.invalidInput(field: name, rule: "header must have `date` and `close` columns (got \(Echo.quoted(header.joined(separator: ","))))")
        }
        var closes: [CalendarDay: Double] = [:]
        for record in records.dropFirst() {
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            guard dateColumn < fields.count, let date = CalendarDay(iso: fields[dateColumn]) else {
                throw StrategyError.invalidInput(field: "\(name) line \(record.line): date", rule: "must be YYYY-MM-DD")
            }
            guard closeColumn < fields.count, let close = Double(fields[closeColumn]), close.isFinite, close > 0 else {
                throw StrategyError.invalidInput(field: "\(name) line \(record.line): close", rule: "must be a number > 0")
            }
            closes[date] = close
        }
        return closes
    }

    /// Reads a file.
    public static func closes(contentsOf url: URL) throws -> [CalendarDay: Double] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw StrategyError.invalidInput(field: url.path, rule: "cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        return try closes(csv: text, name: url.lastPathComponent)
    }

    /// Sessions where both SPX and VIX closed (VIX's extended-hours holiday rows drop out), with
    /// VIX3M and VIX9D when they have the date, ascending.
    public static func join(spx: [CalendarDay: Double], vix: [CalendarDay: Double], vix3m: [CalendarDay: Double]? = nil,
                            vix9d: [CalendarDay: Double]? = nil) -> [MarketDay] {
        spx.keys.filter { vix[$0] != nil }.sorted().map { date in
            MarketDay(date: date, spx: spx[date]!, vix: vix[date]!, vix3m: vix3m?[date], vix9d: vix9d?[date])
        }
    }
}
