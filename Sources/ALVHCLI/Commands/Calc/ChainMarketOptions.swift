import ArgumentParser
import Finance
import Foundation
import Ledger

/// The market inputs of `alvh calc chain-fit` and `skew-fit`: the volatility indices at the chain's
/// quote date, each a level in index points or a daily CSV (`date,…,close`, as the backtest reads)
/// looked up at that date, and the continuously compounded rate and dividend yield.
struct ChainMarketOptions: ParsableArguments {
    @Option(help: ArgumentHelp("VIX at the quote date: a level (23.2) or a daily CSV with date and close columns.", valueName: "LEVEL|FILE"))
    var vix: String

    @Option(help: ArgumentHelp("VIX9D, the same way (optional: without it the short end uses VIX).", valueName: "LEVEL|FILE"))
    var vix9d: String?

    @Option(help: ArgumentHelp("VIX3M, the same way (optional: without it the long end uses VIX).", valueName: "LEVEL|FILE"))
    var vix3m: String?

    @Option(help: ArgumentHelp("Risk-free rate, continuously compounded annual fraction.", valueName: "RATE"))
    var rate: Double = 0.04

    @Option(name: .customLong("dividend-yield"), help: ArgumentHelp("Dividend yield of the index, continuously compounded annual fraction.", valueName: "YIELD"))
    var dividendYield: Double = 0.013

    /// Range checks (run from the command's `run`, so a refusal exits 2 like every validation).
    func check() throws {
        guard rate.isFinite, (-0.1...0.5).contains(rate) else { throw CLIFailure.invalid("--rate", "must be between -0.1 and 0.5 (got \(rate))") }
        guard dividendYield.isFinite, (-0.1...0.5).contains(dividendYield) else {
            throw CLIFailure.invalid("--dividend-yield", "must be between -0.1 and 0.5 (got \(dividendYield))")
        }
    }

    /// The indices at `date`.
    func levels(at date: CalendarDay, cache: inout [String: [String: Double]]) throws -> VolatilityLevels {
        VolatilityLevels(vix9d: try vix9d.map { try Self.level($0, flag: "--vix9d", at: date, cache: &cache) },
                         vix: try Self.level(vix, flag: "--vix", at: date, cache: &cache),
                         vix3m: try vix3m.map { try Self.level($0, flag: "--vix3m", at: date, cache: &cache) })
    }

    static func level(_ text: String, flag: String, at date: CalendarDay, cache: inout [String: [String: Double]]) throws -> Double {
        if let value = Double(text) {
            guard value.isFinite, value > 0 else { throw CLIFailure.invalid(flag, "must be a level greater than 0 or a file (got \(text))") }
            return value
        }
        if cache[text] == nil { cache[text] = try closes(text, flag: flag) }
        guard let value = cache[text]![date.description] else {
            throw CLIFailure.invalid(flag, "\(text) has no close for the chain's quote date \(date)")
        }
        return value
    }

    /// date → close of a daily CSV.
    static func closes(_ path: String, flag: String) throws -> [String: Double] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure.invalid(flag, "\(path) is neither a number nor a readable file")
        }
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(data) } catch let error as CSVReader.Malformed {
            throw CLIFailure.invalid("\(flag) \(path): line \(error.line), column \(error.column)", error.message)
        }
        guard let header = records.first, let dateColumn = header.fields.firstIndex(of: "date"),
              let closeColumn = header.fields.firstIndex(of: "close") else {
            throw CLIFailure.invalid(flag, "\(path) needs a header with `date` and `close` columns")
        }
        var closes: [String: Double] = [:]
        for record in records.dropFirst() {
            guard record.fields.count > max(dateColumn, closeColumn), let value = Double(record.fields[closeColumn]), value > 0 else {
                throw CLIFailure.invalid("\(flag) \(path): line \(record.line)", "close must be a number greater than 0")
            }
            closes[record.fields[dateColumn]] = value
        }
        return closes
    }
}
