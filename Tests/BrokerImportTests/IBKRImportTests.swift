import BrokerImport
import Foundation
import Ledger
import Testing

/// IBKR Flex Trades CSV: parsing, grouping into condors and layers, fees and P&L against the file.
@Suite struct IBKRImportTests {
    func importFixture() throws -> (InMemoryLedger, BrokerImportPlan) {
        let ledger = InMemoryLedger()
        let plan = try IBKRFixture.importCSV(try IBKRFixture.data("flex-trades.csv"), into: ledger)
        return (ledger, plan)
    }

    @Test func condorsRollsClosesExpiriesAndLayers() throws {
        let (ledger, plan) = try importFixture()
        let condors = try Fixture.condors(ledger)
        // A (opened, put side rolled, closed), B (2 contracts, expired worthless), C (3 contracts: 1 closed, 2 settled, one id).
        #expect(condors.count == 3)
        let a = try #require(condors.first { $0.expiry == CalendarDate(iso: "2024-10-18") })
        #expect(a.status == .closed)
        #expect(a.openingCredit == 10)
        #expect(a.rolls.map(\.side) == [.put])
        #expect(a.rolls.first?.netCredit == Decimal(string: "-7"))  // 9.50 + 6.10 credit − 20.00 − 2.60 debit
        #expect(a.strikes.longPut == 5350 && a.strikes.shortPut == 5450 && a.strikes.shortCall == 5900 && a.strikes.longCall == 6000)
        // 2024-09-20 15:30:00 New York is 19:30 UTC.
        #expect(a.openedAt == Date(timeIntervalSince1970: 1_726_860_600))

        let b = try #require(condors.first { $0.expiry == CalendarDate(iso: "2024-10-04") })
        #expect(b.status == .expired)
        #expect(b.contracts == 2)
        #expect(b.openingCredit == Decimal(string: "2.2"))

        let c = condors.filter { $0.expiry == CalendarDate(iso: "2024-11-15") }
        #expect(c.map(\.contracts) == [2] && c.map(\.openedContracts) == [3])
        #expect(c.map(\.status) == [.expired])
        let expired = ledger.appended.compactMap { item -> CondorExpired? in
            if case .condorExpired(let e) = item.event { return e } else { return nil }
        }
        // The assignment cash (−4,000 for 2 short 5700 puts) implies a settlement of 5700 − 20 = 5680.
        #expect(expired.first { $0.expiry == CalendarDate(iso: "2024-11-15") }?.settlementLevel == 5680)
        #expect(expired.first { $0.expiry == CalendarDate(iso: "2024-10-04") }?.settlementValue == 0)

        let layers = try Fixture.layers(ledger)
        #expect(layers.count == 3)
        let vixCall = try #require(layers.first { $0.instrument == .vixOption(expiry: CalendarDate(iso: "2024-10-16")!, right: .call, strike: 20) })
        #expect(vixCall.status == .closed)
        #expect(vixCall.protects == [])
        let future = try #require(layers.first { $0.instrument == .vixFuture(month: ContractMonth(iso: "2024-10")!) })
        #expect(future.status == .closed)
        let uvxy = try #require(layers.first { $0.instrument == .etp(.uvxy) })
        #expect(uvxy.status == .open)
        let added = ledger.appended.compactMap { item -> HedgeLayerAdded? in
            if case .hedgeLayerAdded(let e) = item.event { return e } else { return nil }
        }
        // A future's Proceeds are notional: the layer takes its TradePrice.
        #expect(added.first { $0.multiplier == 1000 }?.price == Decimal(string: "18.5"))
        #expect(added.first { $0.multiplier == 100 }?.price == Decimal(string: "1.5"))
        let reduced = ledger.appended.compactMap { item -> HedgeLayerReduced? in
            if case .hedgeLayerReduced(let e) = item.event { return e } else { return nil }
        }
        #expect(reduced.map(\.quantity) == [4])
        #expect(reduced.first?.price == 3)
        // Notes and reasons name the broker the rows came from.
        #expect(added.first { $0.multiplier == 100 }?.reason == "IBKR order 4001")
        #expect(reduced.first?.reason == "IBKR order 4002")
        let rolled = ledger.appended.compactMap { item -> CondorRolled? in
            if case .condorRolled(let e) = item.event { return e } else { return nil }
        }
        #expect(rolled.map(\.reason) == ["IBKR order 1002"])

        #expect(plan.summary.hasPrefix("imported 3 condors, 3 layers (1 rolls, 2 closes, 2 expiries, 1 layer reductions, 2 layer closes); skipped 3 rows: "))
    }

    @Test func equitiesCashAndOtherOptionsAreSkippedAndCounted() throws {
        let (_, plan) = try importFixture()
        #expect(plan.skipped.count == 3)
        #expect(plan.summary.contains("1 STK"))
        #expect(plan.summary.contains("1 CASH"))
        #expect(plan.summary.contains("1 OPT (AAPL)"))
        let csv = try IBKRFixture.text("flex-trades.csv")
        let skippedCommissions = try IBKRFixture.sum(csv, "IBCommission") { ["AAPL", "EUR.USD"].contains($0["UnderlyingSymbol"] ?? "") || $0["Symbol"] == "EUR.USD" }
        #expect(plan.skipped.reduce(Decimal(0)) { $0 + $1.fees } == -skippedCommissions)
        #expect(skippedCommissions == Decimal(string: "-3.65"))
    }

    @Test func feesInEventsEqualTheFilesCommissions() throws {
        let (ledger, plan) = try importFixture()
        let csv = try IBKRFixture.text("flex-trades.csv")
        let imported = try IBKRFixture.sum(csv, "IBCommission") { row in
            ["SPX", "VIX", "UVXY"].contains(row["UnderlyingSymbol"] ?? "")
        }
        #expect(imported == Decimal(string: "-66.62"))
        #expect(Fixture.eventFees(ledger) == -imported)
        #expect(plan.importedFees == -imported)
    }

    @Test func everyCondorsPnLEqualsItsRowsNetCash() throws {
        let (ledger, _) = try importFixture()
        let csv = try IBKRFixture.text("flex-trades.csv")
        let condors = try Fixture.condors(ledger)
        for expiry in ["20241018", "20241004", "20241115"] {
            let netCash = try IBKRFixture.sum(csv, "NetCash") { $0["Expiry"] == expiry && $0["UnderlyingSymbol"] == "SPX" }
            let proceedsAndCommission = try IBKRFixture.sum(csv, "Proceeds") { $0["Expiry"] == expiry && $0["UnderlyingSymbol"] == "SPX" }
                + IBKRFixture.sum(csv, "IBCommission") { $0["Expiry"] == expiry && $0["UnderlyingSymbol"] == "SPX" }
            #expect(netCash == proceedsAndCommission)
            let date = try #require(IBKRValuesForTests.date(expiry))
            let pnl = condors.filter { $0.expiry == date }.map(\.realizedCash).reduce(0, +)
            #expect(pnl == netCash, "condors expiring \(expiry)")
        }
        #expect(condors.filter { $0.expiry == CalendarDate(iso: "2024-10-18") }.first?.realizedCash == Decimal(string: "-83.44"))
    }

    @Test func reimportAndOverlappingExportRecordNothingTwice() throws {
        let (ledger, first) = try importFixture()
        let count = ledger.appended.count
        #expect(count == first.eventCount)
        let again = try IBKRFixture.importCSV(try IBKRFixture.data("flex-trades.csv"), into: ledger)
        #expect(again.appends.isEmpty)
        #expect(!again.alreadyRecorded.isEmpty)
        #expect(ledger.appended.count == count)

        // A later export that repeats condor B's rows (with TradeID/TransactionID dropped) and adds a new VIX call.
        let csv = try IBKRFixture.text("flex-trades.csv")
        let lines = csv.split(separator: "\n").map(String.init)
        let header = "ClientAccountID,AssetClass,Symbol,Description,UnderlyingSymbol,Multiplier,Strike,Expiry,Put/Call,TradeDate,DateTime,Quantity,TradePrice,Proceeds,IBCommission,IBCommissionCurrency,NetCash,Open/CloseIndicator,Notes/Codes,IBOrderID,Buy/Sell,Exchange,Currency"
        let bRows = lines.filter { $0.contains("SPXW  241004") }.map { line -> String in
            var fields = try! CSVReader.records(Data(line.utf8))[0].fields
            fields.removeSubrange(20...21)
            return fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",")
        }
        #expect(bRows.count == 8)
        let newRow = "U1234567,OPT,VIX   241120C00025000,VIX 20241120 25 C,VIX,100,25,20241120,C,20241101,20241101;100000,5,1.00,-500.00,-5.20,USD,-505.20,O,,4101,BUY,CBOE,USD"
        let later = ([header] + bRows + [newRow]).joined(separator: "\n")
        let overlap = try IBKRFixture.importCSV(Data(later.utf8), into: ledger)
        #expect(overlap.recorded.map(\.command.name) == ["hedge add"])
        #expect(overlap.alreadyRecorded.count == 2)  // condor B's open and expiry
        #expect(try Fixture.condors(ledger).count == 3)
    }

    @Test func malformedRowsAreReportedWithLinesAndNothingIsPlanned() throws {
        let ledger = InMemoryLedger()
        let failure = try #require(throws: BrokerImportFailure.self) {
            try IBKRFixture.importCSV(try IBKRFixture.data("flex-malformed.csv"), into: ledger)
        }
        let text = failure.description
        #expect(text.contains("line 3, column 11 (DateTime): must be a date and time"))
        #expect(text.contains("line 4, column 23 (Buy/Sell): must be BUY or SELL (got 'SOLD')"))
        #expect(text.contains("line 5, column 7 (Strike): an option row needs a strike"))
        #expect(failure.issues.map(\.line) == [3, 4, 5])
        #expect(ledger.appended.isEmpty)
    }

    @Test func strictRulesOnImportedRows() throws {
        let header = "AssetClass,Symbol,UnderlyingSymbol,Multiplier,Strike,Expiry,Put/Call,DateTime,Quantity,TradePrice,Proceeds,IBCommission,NetCash,Buy/Sell,Open/CloseIndicator,Notes/Codes,IBOrderID,Currency"
        func issues(_ row: String) -> [String] {
            do {
                _ = try IBKRFlexParser.parse(Data((header + "\n" + row).utf8))
                return []
            } catch let failure as BrokerImportFailure {
                return failure.issues.map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
        let good = "OPT,SPXW 241018P05500000,SPX,100,5500,20241018,P,20240920;153000,1,5.00,-500.00,-1.05,-501.05,BUY,O,,1001,USD"
        #expect(issues(good).isEmpty)
        #expect(issues(good.replacingOccurrences(of: ",1,5.00", with: ",-1,5.00")).first?.contains("Quantity") == true)
        #expect(issues(good.replacingOccurrences(of: ",O,,1001", with: ",C;O,,1001")).first?.contains("C;O") == true)
        #expect(issues(good.replacingOccurrences(of: ",-501.05,", with: ",-500.00,")).first?.contains("(NetCash): must equal Proceeds + IBCommission = -501.05") == true)
        #expect(issues(good.replacingOccurrences(of: ",USD", with: ",EUR")).first?.contains("(Currency): must be USD") == true)
        #expect(issues(good.replacingOccurrences(of: ",100,5500", with: ",10,5500")).first?.contains("(Multiplier): must be 100") == true)
        #expect(issues(good.replacingOccurrences(of: ",1001,", with: ",,")).first?.contains("(IBOrderID): a trade row needs an order id") == true)
        let expiredWithCash = issues(good.replacingOccurrences(of: ",O,,1001", with: ",C,Ep,"))
        #expect(expiredWithCash.count == 1)
        #expect(expiredWithCash.first?.contains("(Proceeds): an expiration (Ep) row moves no cash") == true)
        #expect(issues(good.replacingOccurrences(of: ",,1001", with: ",Ep,")).contains { $0.contains("must be C (got 'O')") })
        #expect(issues(good.replacingOccurrences(of: ",BUY,O", with: ",BUY (Ca.),O")).first?.contains("a cancelled fill") == true)
        // Skipped rows are not checked.
        #expect(issues("STK,AAPL,AAPL,1,,,,garbage,1,x,y,z,,HOLD,,,,USD").isEmpty)
    }

    @Test func fileShapes() throws {
        let csv = try IBKRFixture.text("flex-trades.csv")
        let lines = csv.split(separator: "\n").map(String.init)
        // Flex header and trailer records, and a section that is not Trades.
        let wrapped = ["\"BOF\",\"U1234567\",\"Trades\",\"1\",\"20240901\",\"20241130\",\"20241201;090000\",\"\"",
                       "\"BOA\",\"U1234567\"", "\"BOS\",\"TRNT\",\"Trades; trade date basis\""]
            + lines.prefix(5)
            + ["\"EOS\",\"TRNT\",\"4\"", "\"BOS\",\"CTRN\",\"Cash Transactions\"",
               "ClientAccountID,AssetClass,Symbol,Amount,Type", "U1234567,CASH,USD,12.34,Broker Interest Received",
               "\"EOS\",\"CTRN\",\"1\"", "\"EOA\",\"U1234567\"", "\"EOF\",\"U1234567\""]
        let statement = try IBKRFlexParser.parse(Data(wrapped.joined(separator: "\n").utf8))
        #expect(statement.fills.count == 4)
        #expect(statement.skipped.map(\.category) == ["Flex CTRN rows"])

        // Order-level summary rows would count the fills twice: only EXECUTION rows are imported.
        let levels = "LevelOfDetail,AssetClass,Symbol,UnderlyingSymbol,Multiplier,Strike,Expiry,Put/Call,DateTime,Quantity,TradePrice,Proceeds,IBCommission,Buy/Sell,Open/CloseIndicator,Notes/Codes,IBOrderID\n"
            + "ORDER,STK,VXX,VXX,1,,,,20240920;153012,20,50.00,-1000.00,-2.00,BUY,O,,1\n"
            + "EXECUTION,STK,VXX,VXX,1,,,,20240920;153012,10,50.00,-500.00,-1.00,BUY,O,,1\n"
            + "EXECUTION,STK,VXX,VXX,1,,,,20240920;153013,10,50.00,-500.00,-1.00,BUY,O,,1\n"
        let leveled = try IBKRFlexParser.parse(Data(levels.utf8))
        #expect(leveled.fills.map(\.line) == [3, 4])
        #expect(leveled.skipped.map(\.category) == ["LevelOfDetail ORDER rows"])

        // The Activity Statement CSV is refused with a message.
        let activity = "Statement,Header,Field Name,Field Value\nTrades,Header,DataDiscriminator,Asset Category,Currency,Symbol,Date/Time,Quantity\n"
        let refused = try #require(throws: BrokerImportFailure.self) { try IBKRFlexParser.parse(Data(activity.utf8)) }
        #expect(refused.description.contains("Activity Statement CSV"))

        // A header without the needed columns names them.
        let missing = try #require(throws: BrokerImportFailure.self) {
            try IBKRFlexParser.parse(Data("AssetClass,Symbol,TradePrice,Quantity\nOPT,X,1,1\n".utf8))
        }
        #expect(missing.description.contains("'IBCommission'"))
        #expect(missing.description.contains("'IBOrderID or OrderID'"))
    }

    @Test func dateTimesAreReadInTheGivenZone() throws {
        let header = "AssetClass,Symbol,UnderlyingSymbol,Multiplier,Strike,Expiry,Put/Call,DateTime,Quantity,TradePrice,Proceeds,IBCommission,Buy/Sell,Open/CloseIndicator,Notes/Codes,OrderID"
        let rows = ["STK,VXX,VXX,1,,,,20240920;153012,10,50.00,-500.00,-1.00,BUY,O,,1",
                    "STK,VXX,VXX,1,,,,\"2024-09-20, 15:30:12\",10,50.00,-500.00,-1.00,BUY,O,,2",
                    "STK,VXX,VXX,1,,,,2024-09-20 15:30:12,10,50.00,-500.00,-1.00,BUY,O,,3"]
        let csv = Data(([header] + rows).joined(separator: "\n").utf8)
        let newYork = try IBKRFlexParser.parse(csv)
        #expect(newYork.fills.map(\.at) == Array(repeating: Date(timeIntervalSince1970: 1_726_860_612), count: 3))
        #expect(newYork.fills.map(\.orderID) == ["1", "2", "3"])
        #expect(newYork.fills.allSatisfy { $0.isBuy && $0.opens && $0.quantity == 10 && $0.value == -500 && $0.fees == 1 })
        let zurich = try IBKRFlexParser.parse(csv, timeZone: TimeZone(identifier: "Europe/Zurich")!)
        #expect(zurich.fills[0].at == Date(timeIntervalSince1970: 1_726_860_612 - 6 * 3600))
    }
}

/// Thousands of unrelated equity trades around the fixture's condors: the condors import, the equity
/// rows are skipped and counted, and each condor's P&L still equals its rows' NetCash.
@Suite struct IBKRLargeFileTests {
    @Test func equitiesAroundCondors() throws {
        let csv = try IBKRFixture.text("flex-trades.csv")
        let lines = csv.split(separator: "\n").map(String.init)
        let second = try #require(lines.indices.dropFirst().first { lines[$0].hasPrefix("ClientAccountID") })
        var generator = SplitMix64(seed: 11)
        let symbols = ["AAPL", "MSFT", "NVDA", "SPY", "QQQ", "TSLA", "AMZN", "IWM"]
        var equity: [String] = []
        for index in 0..<6000 {
            let day = 1 + Int(generator.next() % 28)
            let month = 9 + Int(generator.next() % 3)
            let symbol = symbols[Int(generator.next() % UInt64(symbols.count))]
            let quantity = 1 + Int(generator.next() % 500)
            let price = Decimal(1000 + Int(generator.next() % 90000)) / 100
            let buy = generator.next() % 2 == 0
            let proceeds = (buy ? -1 : 1) * price * Decimal(quantity)
            let commission = -Decimal(1 + index % 9) / 100
            let date = String(format: "2024%02d%02d", month, day)
            equity.append("U1234567,STK,\(symbol),\(symbol) INC,\(symbol),1,,,,\(date),\(date);\(String(format: "12%02d00", index % 60)),"
                          + "\(buy ? quantity : -quantity),\(price),\(proceeds),\(commission),USD,\(proceeds + commission),\(buy ? "O" : "C"),,"
                          + "\(100000 + index),\(800000 + index),\(900000 + index),\(buy ? "BUY" : "SELL"),NASDAQ,USD")
        }
        let mixed = [lines[0]] + (Array(lines[1..<second]) + equity).shuffled(using: &generator) + Array(lines[second...])
        let ledger = InMemoryLedger()
        let plan = try IBKRFixture.importCSV(Data(mixed.joined(separator: "\n").utf8), into: ledger)
        #expect(plan.skipped.count == 6003)
        #expect(plan.summary.contains("skipped 6003 rows: 6001 STK, 1 CASH, 1 OPT (AAPL)"))
        let condors = try Fixture.condors(ledger)
        #expect(condors.count == 3)
        for expiry in ["20241018", "20241004", "20241115"] {
            let netCash = try IBKRFixture.sum(csv, "NetCash") { $0["Expiry"] == expiry && $0["UnderlyingSymbol"] == "SPX" }
            let date = try #require(IBKRValuesForTests.date(expiry))
            #expect(condors.filter { $0.expiry == date }.map(\.realizedCash).reduce(0, +) == netCash)
        }
        #expect(Fixture.eventFees(ledger) == Decimal(string: "66.62")!)
    }

    /// An XSP condor from a file that names the order `OrderID` and writes the DateTime with a comma.
    @Test func xspCondorWithOrderIDColumn() throws {
        let header = "AssetClass,Symbol,UnderlyingSymbol,Multiplier,Strike,Expiry,Put/Call,DateTime,Quantity,TradePrice,Proceeds,IBCommission,Buy/Sell,Open/CloseIndicator,Notes/Codes,OrderID"
        let rows = [
            "OPT,XSP   241018P00550000,XSP,100,550,2024-10-18,P,\"2024-09-20, 10:00:00\",2,0.50,-100.00,-1.30,BUY,O,,77",
            "OPT,XSP   241018P00560000,XSP,100,560,2024-10-18,P,\"2024-09-20, 10:00:00\",-2,1.00,200.00,-1.30,SELL,O,,77",
            "OPT,XSP   241018C00590000,XSP,100,590,2024-10-18,C,\"2024-09-20, 10:00:00\",-2,0.80,160.00,-1.30,SELL,O,,77",
            "OPT,XSP   241018C00600000,XSP,100,600,2024-10-18,C,\"2024-09-20, 10:00:00\",2,0.30,-60.00,-1.30,BUY,O,,77",
        ]
        let ledger = InMemoryLedger()
        try IBKRFixture.importCSV(Data(([header] + rows).joined(separator: "\n").utf8), into: ledger)
        let condor = try #require(try Fixture.condors(ledger).first)
        #expect(condor.underlying == .xsp)
        #expect(condor.contracts == 2)
        #expect(condor.openingCredit == 1)
        #expect(condor.realizedCash == Decimal(string: "194.8"))  // 200 credit − 5.20 commissions
    }

    /// Issue 16: an order closing the call side of an IBKR condor alone is a side close; the put
    /// spread stays open under the same id (was: the file was refused).
    @Test func closingOneSideLeavesThePutSpreadOpen() throws {
        let header = "AssetClass,Symbol,UnderlyingSymbol,Multiplier,Strike,Expiry,Put/Call,DateTime,Quantity,TradePrice,Proceeds,IBCommission,Buy/Sell,Open/CloseIndicator,Notes/Codes,OrderID"
        let rows = [
            "OPT,XSP   241018P00550000,XSP,100,550,2024-10-18,P,\"2024-09-20, 10:00:00\",2,0.50,-100.00,-1.30,BUY,O,,77",
            "OPT,XSP   241018P00560000,XSP,100,560,2024-10-18,P,\"2024-09-20, 10:00:00\",-2,1.00,200.00,-1.30,SELL,O,,77",
            "OPT,XSP   241018C00590000,XSP,100,590,2024-10-18,C,\"2024-09-20, 10:00:00\",-2,0.80,160.00,-1.30,SELL,O,,77",
            "OPT,XSP   241018C00600000,XSP,100,600,2024-10-18,C,\"2024-09-20, 10:00:00\",2,0.30,-60.00,-1.30,BUY,O,,77",
            "OPT,XSP   241018C00590000,XSP,100,590,2024-10-18,C,\"2024-10-01, 11:00:00\",2,0.10,-20.00,-1.30,BUY,C,,78",
            "OPT,XSP   241018C00600000,XSP,100,600,2024-10-18,C,\"2024-10-01, 11:00:00\",-2,0.05,10.00,-1.30,SELL,C,,78",
        ]
        let ledger = InMemoryLedger()
        let plan = try IBKRFixture.importCSV(Data(([header] + rows).joined(separator: "\n").utf8), into: ledger)
        #expect(plan.skippedOrders.isEmpty)
        let condor = try #require(try Fixture.condors(ledger).first)
        #expect(condor.status == .open && condor.contracts == 2 && condor.strikes.strikesText == "550/560 put spread")
        #expect(try ledger.events(inStream: StreamName.condor(condor.condorID)).map(\.event.type) == ["CondorOpened", "CondorSideClosed"])
        #expect(condor.cumulativeCredit == Decimal(string: "0.95"))  // 1.00 − the 0.05 debit for the call side
        #expect(condor.realizedCash == Decimal(string: "182.2"))  // 194.80 − 10 debit − 2.60 commissions
    }
}

enum IBKRValuesForTests {
    static func date(_ text: String) -> CalendarDate? {
        CalendarDate(iso: "\(text.prefix(4))-\(text.dropFirst(4).prefix(2))-\(text.suffix(2))")
    }
}
