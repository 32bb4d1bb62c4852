@testable import ALVHCLI
import EventStore
import Foundation
import Ledger
import Testing
import TestSupport

/// Every trade command end to end through the built `alvh` (a child process) against a real PostgreSQL.
@Suite(.serialized) struct TradeCommandTests {
    struct Run {
        var status: Int32
        var out: String
        var err: String
        /// The one JSON object printed. Tests in other suites may write to the captured stdout
        /// meanwhile (the capture is process-wide), so the object is found by its line.
        var json: [String: Any] {
            guard let line = out.split(separator: "\n").last(where: { $0.hasPrefix("{\"") }) else { return [:] }
            return (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
        }
    }

    func alvh(_ database: TestDatabase, _ arguments: [String]) -> Run {
        let (status, out, err) = ALVHProcess.run(["--database", database.connectionString] + arguments)
        return Run(status: status, out: out, err: err)
    }

    func head(_ database: TestDatabase) throws -> Int64 {
        let store = try database.store()
        defer { store.connection.close() }
        return try store.headPosition()
    }

    func reader(_ database: TestDatabase) throws -> (StoreLedgerReader, EventStore) {
        let store = try database.store()
        return (StoreLedgerReader(store: store), store)
    }

    static let openArguments = ["condor", "open", "--portfolio", "main", "--underlying", "SPX", "--expiry", "2026-03-20",
                                "--long-put", "4900", "--short-put", "4950", "--short-call", "5300", "--long-call", "5350",
                                "--contracts", "2", "--credit", "10.25", "--fees", "5.20", "--at", "2026-03-02T15:00:00Z"]

    func openCondor(_ database: TestDatabase, extra: [String] = []) throws -> String {
        let run = alvh(database, ["--json"] + Self.openArguments + extra)
        try #require(run.status == 0, "\(run.err)")
        return try #require(run.json["condor"] as? String)
    }

    @Test func everyCommandRecordsWhatItSays() throws {
        let database = try TestDatabase.migrated()
        #expect(alvh(database, ["portfolio", "add", "income desk \"β\""]).status == 0)
        let condor = try openCondor(database)
        #expect(try head(database) == 3) // PortfolioOpened(income desk), PortfolioOpened(main), CondorOpened

        let roll = alvh(database, ["condor", "roll", condor, "--side", "put", "--long-put", "4850", "--short-put", "4900", "--close-price", "6",
                                   "--open-price", "4.5", "--fees", "2.60", "--at", "2026-03-05T15:00:00Z", "--reason", "put side tested; VIX3M < VIX",
                                   "--fixed-rule", "stop at 2x", "--alvh", "regime change: roll", "--vix", "24.5", "--vix3m", "22.1"])
        #expect(roll.status == 0 && roll.out.contains("rolled (put) to 2026-03-20 4850/4900/5300/5350"))
        let reason = "it's \"noise\"; DROP TABLE events; -- ✓ 日本"
        #expect(alvh(database, ["condor", "defer", condor, "--reason", reason, "--at", "2026-03-06T15:00:00Z"]).status == 0)
        let hedge = alvh(database, ["--json", "hedge", "add", "--protects", condor, "--instrument", "VIX 2026-03-18 C 25", "--quantity", "10",
                                    "--price", "1.35", "--fees", "6.50", "--tier", "1", "--at", "2026-03-06T16:00:00Z"])
        #expect(hedge.status == 0)
        let layer = try #require(hedge.json["layer"] as? String)
        #expect((hedge.json["positions"] as? [Int])?.count == 1)
        #expect(alvh(database, ["hedge", "reduce", layer, "--quantity", "4", "--price", "2.5", "--at", "2026-03-09T16:00:00Z"]).status == 0)
        #expect(alvh(database, ["hedge", "close", layer, "--price", "0.8", "--fees", "3", "--at", "2026-03-10T16:00:00Z"]).status == 0)
        #expect(alvh(database, ["hedge", "add", "--portfolio", "income desk \"β\"", "--instrument", "VXX", "--quantity", "100", "--price", "45.10"]).status == 0)
        let mark = alvh(database, ["--json", "mark", "--at", "2026-03-06T21:00:00Z", "--spx", "5012.37", "--vix", "19.5", "--vix9d", "21", "--vix3m", "20.2",
                                   "--vx", "2026-03=20.1", "--vx", "2026-04=20.6", "--quote", "2026-03-20 P 4900=8.1/8.6@0.22", "--quote", "2026-03-20 C 5300=3/3.3"])
        #expect(mark.status == 0)
        let markEvent = try #require((mark.json["events"] as? [String])?.first)
        #expect(alvh(database, ["void", markEvent, "--reason", "wrong session"]).status == 0)
        let close = alvh(database, ["condor", "close", condor, "--price", "2.10", "--fees", "5.20", "--reason", "take-profit", "--at", "2026-03-12T15:00:00Z"])
        #expect(close.status == 0 && close.out.contains("closed for 2.1 debit (take-profit)"))
        let second = try openCondor(database, extra: ["--note", "second"])
        let expire = alvh(database, ["condor", "expire", second, "--settlement", "4930"])
        #expect(expire.status == 0 && expire.out.contains("settlement value 20"))

        let (reader, store) = try reader(database)
        defer { store.connection.close() }
        let state = try #require(CondorState.fold(try reader.events(inStream: "condor-" + condor)))
        #expect(state.status == .closed && state.rolls.count == 1 && state.deferrals == 1 && state.strikes.shortPut == 4900 && state.version == 4)
        #expect(state.cumulativeCredit == Decimal(string: "8.75")!)
        guard case .rollDeferred(let deferred) = try reader.events(inStream: "condor-" + condor)[2].event else { Issue.record("no deferral"); return }
        #expect(deferred.reason == reason)
        let layerState = try #require(HedgeLayerState.fold(try reader.events(inStream: "hedge-" + layer)))
        #expect(layerState.status == .closed && layerState.quantity == 0)
        #expect(try CondorState.fold(try reader.events(inStream: "condor-" + second))?.status == .expired)
        let markStream = EffectiveStream(try reader.events(inStream: "market-spx"))
        // The mark, the default market model recorded with the feed's first mark, the void.
        #expect(markStream.all.count == 3 && markStream.effective.map(\.event.type) == [MarketModelSet.eventType])
        // Money travels as decimal strings all the way into jsonb.
        let opened = try #require(try store.readStream("condor-" + condor).first)
        #expect(String(decoding: opened.data, as: UTF8.self).contains(#""credit": "10.25""#))
        let metadata = try #require(try JSONSerialization.jsonObject(with: opened.metadata) as? [String: Any])
        #expect(metadata["toolVersion"] as? String == ToolInfo.version && metadata["commandID"] != nil && metadata["actor"] != nil)
    }

    @Test func badInputsExitTwoNameTheFieldAndWriteNothing() throws {
        let database = try TestDatabase.migrated()
        let condor = try openCondor(database)
        let closed = try openCondor(database)
        #expect(alvh(database, ["condor", "close", closed, "--price", "1", "--at", "2026-03-03T15:00:00Z"]).status == 0)
        let layerRun = alvh(database, ["--json", "hedge", "add", "--protects", condor, "--instrument", "VXX", "--quantity", "10", "--price", "40",
                                       "--at", "2026-03-03T15:00:00Z"])
        let layer = try #require(layerRun.json["layer"] as? String)
        let unknown = UUID().uuidString.lowercased()
        let before = try head(database)

        func open(_ replacing: [String: String]) -> [String] {
            var arguments = Self.openArguments
            for (flag, value) in replacing {
                if let index = arguments.firstIndex(of: flag) { arguments[index + 1] = value } else { arguments += [flag, value] }
            }
            return arguments
        }
        let roll = ["condor", "roll", condor, "--side", "put", "--short-put", "4960", "--close-price", "1", "--open-price", "1", "--at", "2026-03-04T15:00:00Z"]
        let cases: [([String], String)] = [
            (open(["--short-put": "4900", "--long-put": "4950"]), "--short-put: must be above --long-put (got 4900 ≤ 4950)"),
            (open(["--short-call": "4950"]), "--short-call: must be above --short-put (got 4950 ≤ 4950)"),
            (open(["--long-call": "5300"]), "--long-call: must be above --short-call (got 5300 ≤ 5300)"),
            (open(["--long-put": "0"]), "--long-put: strike must be > 0 (got 0)"),
            (open(["--long-put": "-4900"]), "--long-put: strike must be > 0 (got -4900)"),
            (open(["--long-put": "abc"]), "--long-put: strike must be a plain decimal number like 4950 (got 'abc')"),
            (open(["--contracts": "0"]), "--contracts: must be ≥ 1 (got 0)"),
            (open(["--contracts": "-3"]), "--contracts: must be ≥ 1 (got -3)"),
            (open(["--contracts": "1.5"]), "--contracts: must be a whole number ≥ 1 (got '1.5')"),
            (open(["--credit": "-1"]), "--credit: must not be negative (got -1)"),
            (open(["--credit": "NaN"]), "--credit: must be a plain decimal number like 10.25 (got 'NaN')"),
            (open(["--credit": "inf"]), "--credit: must be a plain decimal number like 10.25 (got 'inf')"),
            (open(["--credit": "1e309"]), "--credit: must be a plain decimal number like 10.25 (got '1e309')"),
            (open(["--credit": "0x10"]), "--credit: must be a plain decimal number like 10.25 (got '0x10')"),
            (open(["--credit": "1000000000.5"]), "--credit: must be at most 1e9 (got 1000000000.5)"),
            (open(["--credit": "1,5"]), "--credit: must be a plain decimal number like 10.25 (got '1,5')"),
            (open(["--fees": "-0.01"]), "--fees: must not be negative (got -0.01)"),
            (open(["--expiry": "2026-02-30"]), "--expiry: must be a real date written YYYY-MM-DD (got '2026-02-30')"),
            (open(["--expiry": "2026-02-27"]), "--expiry: expiry 2026-02-27 is before the trade date 2026-03-02"),
            (open(["--expiry": "2026-04-03"]), "--expiry: 2026-04-03 is an exchange holiday (Good Friday); options expire on exchange trading days: the nearest are 2026-04-02 and 2026-04-06"),
            (open(["--underlying": "SPY"]), "--underlying: must be SPX, SPXW or XSP (got 'SPY')"),
            (open(["--at": "2026-03-02 15:00"]), "--at: must be an ISO 8601 instant with a zone like 2026-03-02T15:30:00Z, with at most 6 fractional digits (got '2026-03-02 15:00')"),
            (open(["--id": "not-a-uuid"]), "--id: must be a UUID like 3f2b8c1e-0d4a-4c55-9a7e-2b1c0f9e8d71 (got 'not-a-uuid')"),
            (open(["--id": condor]), "--id: condor \(condor) already exists"),
            (open(["--portfolio": ""]), "--portfolio: must not be empty"),
            (open(["--note": "nul \u{0} inside"]), "--note: must not contain a NUL character"),
            (open(["--note": String(repeating: "x", count: 10_001)]), "--note: must be at most 10000 characters (got 10001)"),
            (open(["--command-id": "123"]), "--command-id: must be a UUID"),
            (["condor", "roll", unknown, "--side", "put", "--short-put", "4960", "--close-price", "1", "--open-price", "1"], "ID: no condor \(unknown)"),
            (["condor", "roll", closed, "--side", "put", "--short-put", "4960", "--close-price", "1", "--open-price", "1"], "ID: condor \(closed) is closed; only an open condor can be rolled"),
            (roll.map { $0 == "put" ? "sideways" : $0 }, "--side: must be put, call or both (got 'sideways')"),
            (roll.map { $0 == "2026-03-04T15:00:00Z" ? "2026-03-01T15:00:00Z" : $0 }, "--at: must not be earlier than the stream's last event at 2026-03-02T15:00:00Z (got 2026-03-01T15:00:00Z)"),
            (roll + ["--expiry", "2026-04-17"], "--expiry: a new expiry moves every leg (a condor's legs share one expiry): use --side both"),
            (roll.map { $0 == "4960" ? "5400" : $0 }, "--short-call: must be above --short-put (got 5300 ≤ 5400)"),
            (roll.map { $0 == "--open-price" ? "--fees" : $0 } + ["--open-price", "-2"], "--open-price: must not be negative (got -2)"),
            (["condor", "defer", condor, "--reason", "bad \u{FFFD} bytes"], "--reason: must be valid UTF-8"),
            (["condor", "defer", "not-a-uuid", "--reason", "x"], "ID: must be a UUID"),
            (["condor", "close", closed, "--price", "1"], "ID: condor \(closed) is closed; only an open condor can be closed"),
            (["condor", "close", condor, "--price", "1", "--reason", "boredom"], "--reason: must be take-profit, stop, time, alvh or manual (got 'boredom')"),
            (["condor", "expire", condor, "--settlement", "0"], "--settlement: must be > 0 (got 0)"),
            (["condor", "expire", condor, "--settlement", "5000", "--at", "2026-03-19T20:00:00Z"], "--at: a condor cannot expire before its expiry date 2026-03-20 (got 2026-03-19)"),
            (["hedge", "add", "--portfolio", "nobody", "--instrument", "VXX", "--quantity", "1", "--price", "1"], "--portfolio: no portfolio 'nobody'"),
            (["hedge", "add", "--protects", closed, "--instrument", "VXX", "--quantity", "1", "--price", "1"], "--protects: condor \(closed) is closed; a layer can only protect open condors"),
            (["hedge", "add", "--protects", unknown, "--instrument", "VXX", "--quantity", "1", "--price", "1"], "--protects: no condor \(unknown)"),
            (["hedge", "add", "--protects", condor, "--instrument", "SPY", "--quantity", "1", "--price", "1"], "--instrument: expected 'VX YYYY-MM', 'VIX YYYY-MM-DD C|P STRIKE' or VXX|UVXY|VIXY (got 'SPY')"),
            (["hedge", "add", "--protects", condor, "--instrument", "VX 2026-13", "--quantity", "1", "--price", "1"], "--instrument: VIX future month must be YYYY-MM (got '2026-13')"),
            (["hedge", "add", "--protects", condor, "--instrument", "VIX 2026-03-18 X 25", "--quantity", "1", "--price", "1"], "--instrument: VIX option right must be C or P (got 'X')"),
            (["hedge", "add", "--protects", condor, "--instrument", "VXX", "--quantity", "0", "--price", "1"], "--quantity: must be ≥ 1 (got 0)"),
            (["hedge", "add", "--instrument", "VXX", "--quantity", "1", "--price", "1"], "--protects: give --protects ID[,ID...] or --portfolio NAME"),
            (["hedge", "reduce", layer, "--quantity", "11", "--price", "1"], "--quantity: cannot reduce by more than the 10 held (got 11)"),
            (["hedge", "reduce", unknown, "--quantity", "1", "--price", "1"], "LAYER: no hedge layer \(unknown)"),
            (["hedge", "close", layer, "--price", "-5"], "--price: must not be negative (got -5)"),
            (["mark", "--at", "2026-03-02T21:00:00Z", "--spx", "0", "--vix", "20"], "--spx: must be > 0 (got 0)"),
            (["mark", "--at", "2026-03-02T21:00:00Z", "--spx", "5000", "--vix", "20", "--vx", "2026-03:20"], "--vx: expected 'YYYY-MM=PRICE' (got '2026-03:20')"),
            (["mark", "--at", "2026-03-02T21:00:00Z", "--spx", "5000", "--vix", "20", "--quote", "2026-03-20 P 4900=9/8"], "--quote: bid must not exceed ask (got 9 > 8)"),
            (["mark", "--at", "2026-03-02T21:00:00Z", "--spx", "5000", "--vix", "20", "--quote", "2026-03-20 P 4900"], "--quote: expected 'YYYY-MM-DD P|C STRIKE=BID/ASK[@IV]' (got '2026-03-20 P 4900')"),
            (["mark", "--at", "yesterday", "--spx", "5000", "--vix", "20"], "--at: must be an ISO 8601 instant"),
            (["void", unknown, "--reason", "x"], "EVENT-ID: no event \(unknown)"),
            (["portfolio", "add", "main"], "NAME: portfolio 'main' already exists"),
        ]
        #expect(cases.count >= 40)
        for (arguments, message) in cases {
            let run = alvh(database, arguments)
            #expect(run.status == 2, "\(arguments): status \(run.status), \(run.err)")
            #expect(run.err.contains(message), "\(arguments): \(run.err)")
            #expect(!run.out.contains("events: "), "\(arguments) printed a result")
            #expect(try head(database) == before, "\(arguments) wrote events")
        }
    }

    /// `condor close --side`: one side bought back, the other open under the same id (`alvh positions`
    /// shows the spread); the side no longer open is refused with exit 2 and nothing written.
    @Test func closingOneSideThroughTheCommandLine() throws {
        let database = try TestDatabase.migrated()
        let id = try openCondor(database)
        let closed = alvh(database, ["condor", "close", id, "--side", "call", "--price", "0.35", "--fees", "2.60", "--at", "2026-03-05T15:00:00Z"])
        #expect(closed.status == 0, "\(closed.err)")
        let positions = alvh(database, ["positions"])
        #expect(positions.status == 0 && positions.out.contains("4900/4950 put spread"), "\(positions.out)")
        let before = try head(database)
        let refused = alvh(database, ["condor", "close", id, "--side", "call", "--price", "0.10", "--at", "2026-03-06T15:00:00Z"])
        #expect(refused.status == 2 && refused.err.contains("--side: condor \(id) is a put credit spread: it has no call side open to close"), "\(refused.err)")
        let wrong = alvh(database, ["condor", "close", id, "--side", "sideways", "--price", "0.10"])
        #expect(wrong.status == 2 && wrong.err.contains("--side: must be put, call or both"), "\(wrong.err)")
        #expect(try head(database) == before)
    }

    @Test func aRetriedCommandIDRecordsNothingNewAndPrintsTheOriginal() throws {
        let database = try TestDatabase.migrated()
        let command = UUID().uuidString.lowercased()
        let first = alvh(database, ["--json"] + Self.openArguments + ["--command-id", command])
        let before = try head(database)
        let again = alvh(database, ["--json"] + Self.openArguments + ["--command-id", command])
        #expect(first.status == 0 && again.status == 0)
        for key in ["condor", "events", "positions", "lines"] {
            #expect(String(describing: first.json[key]) == String(describing: again.json[key]), "\(key)")
        }
        #expect(again.json["alreadyRecorded"] as? Bool == true)
        #expect(try head(database) == before)
        let text = alvh(database, Self.openArguments + ["--command-id", command])
        #expect(text.status == 0 && text.out.contains("already recorded"))
    }

    @Test func aConcurrentWriterIsAConflictExitThree() throws {
        let database = try TestDatabase.migrated()
        let condor = try openCondor(database)
        let racing = RacingStore(inner: try database.store()) {
            let other = try database.store()
            defer { other.connection.close() }
            let id = UUID(uuidString: condor)!
            _ = try LedgerRecorder(store: other).record(.deferRoll(DeferRoll(condorID: id, reason: "the other writer", at: nil)),
                                                        context: CommandContext(actor: "other", toolVersion: "t"))
        }
        let error = try #require(throws: EventStoreError.self) {
            try LedgerRecorder(store: racing).record(.deferRoll(DeferRoll(condorID: UUID(uuidString: condor)!, reason: "mine")),
                                                     context: CommandContext(actor: "me", toolVersion: "t"))
        }
        #expect(ErrorReporting.describe(error).0 == .conflict)
        #expect(ErrorReporting.describe(error).0.rawValue == 3)
        #expect(try head(database) == 3)
    }

    @Test func importIsAllOrNothingWithLineAndColumnAndIdempotent() throws {
        let database = try TestDatabase.migrated()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let header = "command,id,portfolio,underlying,expiry,long-put,short-put,short-call,long-call,contracts,credit,fees,at,side,close-price,open-price,reason,instrument,quantity,price,protects,spx,vix,vx,quote\n"
        let rows = """
        condor open,,main,SPX,2026-03-20,4900,4950,5300,5350,2,10.25,5.20,2026-03-02T15:00:00Z,,,,,,,,,,,,
        mark,,,,,,,,,,,,2026-03-02T21:00:00Z,,,,,,,,,5012.5,17.2,2026-03=18.1;2026-04=19,2026-03-20 P 4950=12.5/13.1@0.21
        condor roll,line:2,,,,4850,4900,,,,,2.6,2026-03-05T15:00:00Z,put,6,4.5,"VIX spike, ""regime"" change",,,,,,,,
        hedge add,,,,,,,,,,,6.5,2026-03-05T16:00:00Z,,,,,VIX 2026-03-18 C 25,10,1.35,line:2,,,,
        hedge reduce,line:5,,,,,,,,,,,2026-03-06T16:00:00Z,,,,,,4,2.5,,,,,
        condor close,line:2,,,,,,,,,,5.2,2026-03-10T15:00:00Z,,,,take-profit,,,2.1,,,,,

        """
        let bad = directory.appendingPathComponent("bad.csv")
        try Data((header + rows.replacingOccurrences(of: "10.25", with: "1e3")).utf8).write(to: bad)
        let refused = alvh(database, ["import", bad.path])
        #expect(refused.status == 2)
        #expect(refused.err.contains("line 2, column 11 (credit): must be a plain decimal number like 10.25 (got '1e3')"))
        #expect(refused.err.contains("line 5, column 21 (protects): 'line:2' refers to line 2, which is refused above"))
        #expect(refused.err.contains("line 6, column 2 (id): 'line:5' refers to line 5, which is refused above"))
        #expect(refused.err.contains("line 4, column 2 (id): 'line:2' refers to line 2, which is refused above"))
        #expect(refused.err.split(separator: "\n").count == 6) // the heading, then lines 2, 4, 5, 6 and 7
        #expect(try head(database) == 0)

        let overReduced = directory.appendingPathComponent("over.csv")
        try Data((header + rows.replacingOccurrences(of: ",,,,,,4,2.5,", with: ",,,,,,40,2.5,")).utf8).write(to: overReduced)
        let over = alvh(database, ["import", overReduced.path])
        #expect(over.status == 2)
        #expect(over.err.contains("line 6, column 19 (quantity): cannot reduce by more than the 10 held (got 40)"))
        #expect(try head(database) == 0)

        let good = directory.appendingPathComponent("good.csv")
        try Data((header + rows).utf8).write(to: good)
        let imported = alvh(database, ["--json", "import", good.path])
        #expect(imported.status == 0, "\(imported.err)")
        #expect((imported.json["recordedLines"] as? [Int]) == [2, 3, 4, 5, 6, 7])
        // 6 rows, the PortfolioOpened and the default market model recorded with the feed's first mark.
        #expect(try head(database) == 8)
        let again = alvh(database, ["import", good.path])
        #expect(again.status == 0 && again.out.contains("imported 0 rows (0 events); 6 rows were already recorded"))
        #expect(try head(database) == 8)
    }

    @Test(arguments: [3, 11] as [UInt64])
    func randomValidSessionsReplayFromTheDatabaseToValidStates(seed: UInt64) throws {
        let database = try TestDatabase.migrated()
        let (reader, store) = try reader(database)
        defer { store.connection.close() }
        var session = RandomTradingSession(seed: seed)
        for _ in 0..<60 {
            let step = try session.next(reading: reader)
            let run = alvh(database, step.name.split(separator: " ").map(String.init) + step.tokens)
            try #require(run.status == 0, "\(step.name) \(step.tokens): \(run.err)")
        }
        var total = 0
        for id in session.condors {
            let events = try reader.events(inStream: StreamName.condor(id))
            total += events.count
            #expect(events.map(\.version) == (1...Int64(events.count)).map { $0 })
            let state = try #require(CondorState.fold(events))
            let s = state.strikes
            // An iron condor or a credit spread: the strikes present, in order, every one > 0.
            let present = [s.longPut, s.shortPut, s.shortCall, s.longCall].compactMap { $0 }
            #expect(present.count == 4 || present.count == 2)
            #expect(present.first! > 0 && zip(present, present.dropFirst()).allSatisfy { $0 < $1 })
            #expect(state.contracts >= 1 && state.version == Int64(events.count))
        }
        for id in session.layers {
            let events = try reader.events(inStream: StreamName.hedge(id))
            total += events.count
            #expect(events.map(\.version) == (1...Int64(events.count)).map { $0 })
            let state = try #require(HedgeLayerState.fold(events))
            #expect(state.quantity >= 0 && (state.status == .closed) == (state.quantity == 0))
        }
        #expect(total > 30)
        // The whole ledger decodes and replays in global order without gaps.
        let all = try store.readAll(after: 0, limit: 100_000)
        #expect(all.map(\.globalPosition) == (1...Int64(all.count)).map { $0 })
        for event in all { _ = try LedgerEvent(recorded: event) }
        // And the hash chain the store built over these events verifies.
        let verify = alvh(database, ["verify"])
        #expect(verify.status == 0 && verify.out.contains("verified \(all.count) events"), "\(verify.err)")
    }
}

/// A store that lets another writer append just before our append, as a concurrent session would.
final class RacingStore: LedgerEventStore {
    let inner: EventStore
    var competitor: (() throws -> Void)?

    init(inner: EventStore, competitor: @escaping () throws -> Void) {
        self.inner = inner
        self.competitor = competitor
    }

    func append(_ batch: [StreamAppend]) throws -> [AppendResult] {
        if let competitor {
            self.competitor = nil
            try competitor()
        }
        return try inner.append(batch)
    }

    func readStream(_ streamID: String) throws -> [RecordedEvent] { try inner.readStream(streamID) }
    func event(id: UUID) throws -> RecordedEvent? { try inner.event(id: id) }
}
