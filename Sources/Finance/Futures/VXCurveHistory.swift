import CSVFile
import Foundation

/// Daily VIX futures curves read from a settlement file in the layout of
/// `../shared/data/vx_term_structure_daily.csv`: a header `date,vx1,vx2,…` (at least `vx1`), ISO
/// dates ascending, settlements in index points by rank, the file already rolled to the next
/// contract on a settlement day. Empty trailing ranks are allowed; a rank after an empty one is not.
public struct VXCurveHistory: Sendable {
    /// The curves, ascending by date.
    public let curves: [VXCurve]
    /// Calendar days a session may be after the last curve before it and still use it (a weekend
    /// and a holiday); longer gaps are refused.
    public static let maximumGapDays = 4

    public init(curves: [VXCurve]) { self.curves = curves }

    /// Parses the file's text; errors name the file (`name`), line and column and the rule.
    public init(csv text: String, name: String, calendar: ExchangeCalendar = .nyse) throws {
        let records: [CSVFile.Record]
        do {
            records = try CSVFile.records(Data(text.utf8)).filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        } catch let malformed as CSVFile.Malformed {
            throw FinanceError.invalidInput(field: "\(name) line \(malformed.line), column \(malformed.column)", rule: malformed.message)
        }
        let header = records.first?.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? []
        guard header.count >= 2, header[0] == "date", header[1...].enumerated().allSatisfy({ $1 == "vx\($0 + 1)" }) else {
            throw FinanceError.invalidInput(field: name, rule: "header must be `date,vx1,vx2,…` (got \(header.joined(separator: ",")))")
        }
        var curves: [VXCurve] = []
        for record in records.dropFirst() {
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            guard let date = CalendarDay(iso: fields[0]) else {
                throw FinanceError.invalidInput(field: "\(name) line \(record.line), column 1 (date)", rule: "must be a date YYYY-MM-DD")
            }
            if let previous = curves.last, date <= previous.date {
                throw FinanceError.invalidInput(field: "\(name) line \(record.line), column 1 (date)", rule: "dates must ascend (\(date) after \(previous.date))")
            }
            curves.append(VXCurve(date: date, settlements: try Self.settlements(fields, line: record.line, name: name, ranks: header.count - 1), calendar: calendar))
        }
        guard !curves.isEmpty else { throw FinanceError.invalidInput(field: name, rule: "has no rows after the header") }
        self.curves = curves
    }

    private static func settlements(_ fields: [String], line: Int, name: String, ranks: Int) throws -> [Double] {
        var values: [Double] = []
        for rank in 1...ranks {
            let text = rank < fields.count ? fields[rank] : ""
            if text.isEmpty {
                guard rank > 1 else { throw FinanceError.invalidInput(field: "\(name) line \(line), column 2 (vx1)", rule: "must not be empty") }
                if let later = fields.dropFirst(rank + 1).firstIndex(where: { !$0.isEmpty }) {
                    throw FinanceError.invalidInput(field: "\(name) line \(line), column \(later + 1) (vx\(later))", rule: "a rank after an empty rank")
                }
                break
            }
            guard let value = Double(text), value.isFinite, value > 0 else {
                throw FinanceError.invalidInput(field: "\(name) line \(line), column \(rank + 1) (vx\(rank))", rule: "must be a number > 0 (got \(text))")
            }
            values.append(value)
        }
        return values
    }

    /// The curve of `day`, or of the last date before it within `maximumGapDays`; nil otherwise.
    public func curve(on day: CalendarDay) -> VXCurve? {
        var low = 0, high = curves.count
        while low < high {
            let mid = (low + high) / 2
            if curves[mid].date <= day { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let curve = curves[low - 1]
        return day.daysSinceEpoch - curve.date.daysSinceEpoch <= Self.maximumGapDays ? curve : nil
    }

    /// Checks that every one of `sessions` has a curve (`curve(on:)`); the error names the first
    /// session without one, the file and its span.
    public func requireCoverage(of sessions: [CalendarDay], field: String) throws {
        guard let first = curves.first?.date, let last = curves.last?.date else { return }
        if let missing = sessions.first(where: { curve(on: $0) == nil }) {
            throw FinanceError.invalidInput(field: field, rule: "has no settlement on or up to \(Self.maximumGapDays) days before the session \(missing) (the file covers \(first) … \(last)); choose dates inside it")
        }
    }
}
