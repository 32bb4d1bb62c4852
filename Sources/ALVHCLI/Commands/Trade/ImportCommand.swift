import ArgumentParser
import Foundation
import Ledger

/// `alvh import FILE.csv`: trades and marks from one CSV file, all or nothing (see `ImportFormat`).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record trades and marks from a CSV file, all or nothing.",
        discussion: """
        Header row; column 'command' (condor open, condor roll, condor defer, condor close, condor expire, \
        hedge add, hedge reduce, hedge close, mark, void, portfolio add); other columns named after the flags \
        without dashes (long-put, credit, close-price, at, …); 'id' is the row's condor/layer/event id; \
        'line:N' refers to the condor or layer created on line N; repeatable values (vx, quote, protects) \
        are separated by ';'. The whole file is checked first and every error is reported with its line and \
        column. Re-importing the same file records nothing new.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The CSV file.", valueName: "FILE.csv")) var file: String

    func run() throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CLIFailure.invalid("FILE", "cannot read \(file): \(error.localizedDescription)")
        }
        // Rows' ids derive from their contents: after a lost server the import is planned again and
        // records only the rows that are not there yet.
        let now = Date()
        let result = try RecordingSession.make(global).record { store in
            try LedgerRecorder(store: store).importCSV(data, actor: TradeRunner.actor, toolVersion: ToolInfo.version, now: now)
        }.value
        if global.json {
            let output = ImportOutput(events: result.eventIDs.map(\.lowercasedString), positions: result.positions,
                                      recordedLines: result.recordedLines, alreadyRecordedLines: result.alreadyRecordedLines)
            print(String(decoding: try LedgerJSON.encode(output), as: UTF8.self))
        } else {
            print("imported \(result.recordedLines.count) rows (\(result.eventIDs.count) events); \(result.alreadyRecordedLines.count) rows were already recorded")
        }
    }
}

struct ImportOutput: Encodable {
    var events: [String]
    var positions: [Int64]
    var recordedLines: [Int]
    var alreadyRecordedLines: [Int]
}
