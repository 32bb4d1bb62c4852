import BrokerImport
import Foundation
import Ledger
import Testing

/// The grouping rules one at a time, on small exports written in the test.
@Suite struct GroupingRulesTests {
    static let header = "Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Currency"

    /// One SPXW leg: `action` BUY_TO_OPEN …, `right` PUT/CALL, value in dollars (signed).
    static func leg(_ date: String, _ action: String, _ expiry: String, _ strike: Int, _ right: String, value: String, quantity: Int = 1,
                    order: String, type: String = "Trade", sub: String = "", fees: String = "-0.50") -> String {
        "\(date),\(type),\(sub),\(action),SPXW  X,Equity Option,leg,\"\(value)\",\(quantity),0,--,\(fees),100,SPXW,SPX,\(expiry),\(strike),\(right),\(order),USD"
    }

    static func open(_ date: String, order: String, expiry: String = "10/18/24", strikes: (Int, Int, Int, Int) = (5500, 5600, 5900, 6000), quantity: Int = 1) -> [String] {
        [leg(date, "BUY_TO_OPEN", expiry, strikes.0, "PUT", value: "-\(500 * quantity).00", quantity: quantity, order: order),
         leg(date, "SELL_TO_OPEN", expiry, strikes.1, "PUT", value: "\(1000 * quantity).00", quantity: quantity, order: order),
         leg(date, "SELL_TO_OPEN", expiry, strikes.2, "CALL", value: "\(800 * quantity).00", quantity: quantity, order: order),
         leg(date, "BUY_TO_OPEN", expiry, strikes.3, "CALL", value: "-\(300 * quantity).00", quantity: quantity, order: order)]
    }

    func plan(_ rows: [String], ledger: InMemoryLedger = InMemoryLedger()) throws -> (InMemoryLedger, BrokerImportPlan) {
        let plan = try Fixture.importer(ledger).planTastytrade(csv: Data(([Self.header] + rows.reversed()).joined(separator: "\n").utf8))
        try ledger.append(plan.appends)
        return (ledger, plan)
    }

    func failure(_ rows: [String]) throws -> BrokerImportFailure {
        try #require(throws: BrokerImportFailure.self) { _ = try plan(rows) }
    }

    @Test func closingThenOpeningOrderTheSameDayIsARollOfThatSide() throws {
        let rows = Self.open("2024-09-20T16:00:00-0400", order: "1") + [
            Self.leg("2024-10-01T11:00:00-0400", "BUY_TO_CLOSE", "10/18/24", 5900, "CALL", value: "-900.00", order: "2"),
            Self.leg("2024-10-01T11:00:00-0400", "SELL_TO_CLOSE", "10/18/24", 6000, "CALL", value: "350.00", order: "2"),
            Self.leg("2024-10-01T11:01:00-0400", "SELL_TO_OPEN", "10/18/24", 6000, "CALL", value: "420.00", order: "3"),
            Self.leg("2024-10-01T11:01:00-0400", "BUY_TO_OPEN", "10/18/24", 6100, "CALL", value: "-120.00", order: "3"),
        ]
        let (ledger, plan) = try plan(rows)
        let condor = try #require(try Fixture.condors(ledger).first)
        #expect(try Fixture.condors(ledger).count == 1)
        #expect(condor.rolls.map(\.side) == [.call])
        #expect(condor.strikes.shortCall == 6000 && condor.strikes.longCall == 6100)
        #expect(condor.rolls.first?.netCredit == Decimal(string: "-2.5"))  // 3.00 credit − 5.50 debit
        #expect(condor.realizedCash == 1000 - 250 - 8 * Decimal(string: "0.5")!)
        #expect(plan.summary.hasPrefix("imported 1 condors, 0 layers (1 rolls)"))
    }

    @Test func rollingAllFourLegsToANewExpiryIsARollOfBothSides() throws {
        let d = "2024-10-11T15:00:00-0400"
        let rows = Self.open("2024-09-20T16:00:00-0400", order: "1") + [
            Self.leg(d, "SELL_TO_CLOSE", "10/18/24", 5500, "PUT", value: "100.00", order: "2"),
            Self.leg(d, "BUY_TO_CLOSE", "10/18/24", 5600, "PUT", value: "-300.00", order: "2"),
            Self.leg(d, "BUY_TO_CLOSE", "10/18/24", 5900, "CALL", value: "-200.00", order: "2"),
            Self.leg(d, "SELL_TO_CLOSE", "10/18/24", 6000, "CALL", value: "50.00", order: "2"),
        ] + Self.open(d, order: "2", expiry: "11/15/24", strikes: (5550, 5650, 5950, 6050)).map { $0 }
        let (ledger, _) = try plan(rows)
        let condor = try #require(try Fixture.condors(ledger).first)
        #expect(condor.rolls.map(\.side) == [.both])
        #expect(condor.expiry == CalendarDate(iso: "2024-11-15"))
        #expect(condor.strikes.longPut == 5550 && condor.strikes.longCall == 6050)
        #expect(condor.status == .open)
    }

    /// Issue 16 (was: refused): closing one side of an iron condor without reopening it is a side
    /// close; the other side stays open under the same id and later expires as a credit spread.
    @Test func closingOneSideAloneLeavesACreditSpread() throws {
        let rows = Self.open("2024-09-20T16:00:00-0400", order: "1") + [
            Self.leg("2024-10-01T11:00:00-0400", "BUY_TO_CLOSE", "10/18/24", 5900, "CALL", value: "-10.00", order: "2"),
            Self.leg("2024-10-01T11:00:00-0400", "SELL_TO_CLOSE", "10/18/24", 6000, "CALL", value: "5.00", order: "2"),
            Self.leg("2024-10-18T17:00:00-0400", "SELL_TO_CLOSE", "10/18/24", 5500, "PUT", value: "0.00", order: "", type: "Receive Deliver", sub: "Expiration", fees: "0.00"),
            Self.leg("2024-10-18T17:00:00-0400", "BUY_TO_CLOSE", "10/18/24", 5600, "PUT", value: "0.00", order: "", type: "Receive Deliver", sub: "Expiration", fees: "0.00"),
        ]
        let (ledger, plan) = try plan(rows)
        let condors = try Fixture.condors(ledger)
        let condor = try #require(condors.first)
        #expect(condors.count == 1 && condor.status == .expired)
        #expect(condor.strikes.structureName == "put credit spread" && condor.strikes.longPut == 5500 && condor.strikes.shortPut == 5600)
        let types = try ledger.events(inStream: StreamName.condor(condor.condorID)).map(\.event.type)
        #expect(types == ["CondorOpened", "CondorSideClosed", "CondorExpired"])
        // Credit 10.00 per unit, the call side bought back for 0.05, expired worthless; 6 legs × 0.50 fees.
        #expect(condor.realizedCash == 1000 - 5 - 6 * Decimal(string: "0.5")!)
        #expect(condor.cumulativeCredit == Decimal(string: "9.95"))
        #expect(plan.skippedOrders.isEmpty)
        // Re-importing the same rows records nothing new.
        let again = try Fixture.importer(ledger).planTastytrade(csv: Data(([Self.header] + rows.reversed()).joined(separator: "\n").utf8))
        #expect(again.appends.allSatisfy { $0.events.isEmpty })
    }

    /// One side closed on 1 of 2 contracts: that contract continues as a new condor (a split) whose
    /// side closes; the other stays an iron condor under the first id.
    @Test func closingOneSideOfSomeContractsSplitsThemOff() throws {
        let rows = Self.open("2024-09-20T16:00:00-0400", order: "1", quantity: 2) + [
            Self.leg("2024-10-01T11:00:00-0400", "SELL_TO_CLOSE", "10/18/24", 5500, "PUT", value: "20.00", order: "2"),
            Self.leg("2024-10-01T11:00:00-0400", "BUY_TO_CLOSE", "10/18/24", 5600, "PUT", value: "-60.00", order: "2"),
        ]
        let (ledger, _) = try plan(rows)
        let condors = try Fixture.condors(ledger)
        #expect(condors.count == 2)
        let whole = try #require(condors.first { $0.splitFrom == nil }), split = try #require(condors.first { $0.splitFrom != nil })
        #expect(whole.contracts == 1 && whole.strikes.isIronCondor && whole.status == .open)
        #expect(split.contracts == 1 && split.strikes.structureName == "call credit spread" && split.status == .open && split.splitFrom == whole.condorID)
        #expect(try ledger.events(inStream: StreamName.condor(split.condorID)).map(\.event.type) == ["CondorOpenedFromSplit", "CondorSideClosed"])
        // Cash: the open's 2,000 less 4 rows × 0.50 fees, half each; the split one paid 40 and 2 rows × 0.50 for its put side.
        #expect(whole.realizedCash + split.realizedCash == 2000 - 4 * Decimal(string: "0.5")! - 40 - 2 * Decimal(string: "0.5")!)
        #expect(split.realizedCash - 958 == 0, "its half of 1,998, less 40 and its 1.00 of fees")
    }

    @Test func closingLegsNoCondorHoldsIsReported() throws {
        let error = try failure([Self.leg("2024-10-01T11:00:00-0400", "BUY_TO_CLOSE", "10/18/24", 5900, "CALL", value: "-10.00", order: "7")])
        #expect(error.issues[0].message.contains("open condors hold only 0"))
    }

    /// Issue 16 point 5 (was: refused whole): legs that form no condor or spread are skipped and
    /// listed; `--strict` refuses the file.
    @Test func legsThatAreNotACondorAreSkippedAndListed() throws {
        var rows = Self.open("2024-09-20T16:00:00-0400", order: "1")
        rows.removeLast()
        let (ledger, plan) = try plan(rows)
        #expect(plan.skippedOrders.map(\.description) == ["skipped order 1 (lines 2-4): SPXW 3-leg structure, not a condor or spread"])
        #expect(try Fixture.condors(ledger).isEmpty)
        var strict = Fixture.importer(InMemoryLedger())
        strict.strict = true
        let error = try #require(throws: BrokerImportFailure.self) {
            try strict.planTastytrade(csv: Data(([Self.header] + rows.reversed()).joined(separator: "\n").utf8))
        }
        #expect(error.issues.map(\.description) == ["line 2: order 1: SPXW 3-leg structure, not a condor or spread (without --strict it would be skipped) (lines 2, 3, 4)"])
    }

    @Test func condorOpenedInAnEarlierImportClosesFromTheLedger() throws {
        let (ledger, _) = try plan(Self.open("2024-09-20T16:00:00-0400", order: "1"))
        let existing = try Fixture.condors(ledger)
        let close = [
            Self.leg("2024-10-10T11:00:00-0400", "SELL_TO_CLOSE", "10/18/24", 5500, "PUT", value: "10.00", order: "9"),
            Self.leg("2024-10-10T11:00:00-0400", "BUY_TO_CLOSE", "10/18/24", 5600, "PUT", value: "-30.00", order: "9"),
            Self.leg("2024-10-10T11:00:00-0400", "BUY_TO_CLOSE", "10/18/24", 5900, "CALL", value: "-20.00", order: "9"),
            Self.leg("2024-10-10T11:00:00-0400", "SELL_TO_CLOSE", "10/18/24", 6000, "CALL", value: "5.00", order: "9"),
        ]
        let importer = BrokerImporter(reader: ledger, portfolio: "tasty", existingCondors: existing, actor: "t", toolVersion: "t")
        let plan = try importer.planTastytrade(csv: Data(([Self.header] + close).joined(separator: "\n").utf8))
        try ledger.append(plan.appends)
        let condor = try #require(try Fixture.condors(ledger).first)
        #expect(condor.status == .closed)
        #expect(condor.realizedCash == 1000 - 35 - 8 * Decimal(string: "0.5")!)
    }

    @Test func futuresAndSharesBecomeLayersPricedFromTheAveragePrice() throws {
        let rows = Self.open("2024-09-20T16:00:00-0400", order: "1") + [
            "2024-09-23T10:00:00-0400,Trade,Buy to Open,BUY_TO_OPEN,/VXV4,Future,Bought 2 /VXV4 @ 18.25,0.00,2,\"-18,250.00\",-3.00,-2.84,1000,/VX,/VX,10/16/24,,,50,USD",
            "2024-09-23T10:05:00-0400,Trade,Buy to Open,BUY_TO_OPEN,UVXY,Equity,Bought 300 UVXY @ 25.10,\"-7,530.00\",300,-25.10,0.00,-0.18,1,,UVXY,,,,51,USD",
            "2024-09-25T10:00:00-0400,Trade,Sell to Close,SELL_TO_CLOSE,/VXV4,Future,Sold 1 /VXV4 @ 19.00,0.00,1,\"19,000.00\",-1.50,-1.42,1000,/VX,/VX,10/16/24,,,52,USD",
            "2024-09-25T10:05:00-0400,Trade,Sell to Close,SELL_TO_CLOSE,UVXY,Equity,Sold 300 UVXY @ 24.00,\"7,200.00\",300,24.00,0.00,-0.20,1,,UVXY,,,,53,USD",
        ]
        let (ledger, _) = try plan(rows)
        let layers = try Fixture.layers(ledger)
        let future = try #require(layers.first { $0.instrument == .vixFuture(month: ContractMonth(iso: "2024-10")!) })
        #expect(future.status == .open && future.quantity == 1)
        let added = ledger.appended.compactMap { item -> HedgeLayerAdded? in if case .hedgeLayerAdded(let e) = item.event { e } else { nil } }
        #expect(added.first { $0.legs.spec == "VX 2024-10" }?.price == Decimal(string: "18.25"))
        #expect(added.first { $0.legs.spec == "UVXY" }?.price == Decimal(string: "25.1"))
        let uvxy = try #require(layers.first { $0.instrument == .etp(.uvxy) })
        #expect(uvxy.status == .closed)
        #expect(Fixture.eventFees(ledger) == Decimal(string: "9.14")! + 4 * Decimal(string: "0.5")!)
    }

    @Test func olderFormatWithoutSubTypeExpiresByDescription() throws {
        let old = "Date,Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #"
        func strip(_ row: String) -> String {
            var fields = row.components(separatedBy: ",")
            fields.remove(at: 2)
            fields.removeLast()
            return fields.joined(separator: ",")
        }
        var rows = Self.open("2024-09-20T16:00:00-0400", order: "1").map(strip)
        for (strike, right, action) in [(5500, "PUT", "SELL_TO_CLOSE"), (5600, "PUT", "BUY_TO_CLOSE"), (5900, "CALL", "BUY_TO_CLOSE"), (6000, "CALL", "SELL_TO_CLOSE")] {
            rows.append("2024-10-18T17:00:00-0400,Receive Deliver,\(action),SPXW  X,Equity Option,Removal of option due to expiration,0.00,1,0.00,--,0.00,100,SPXW,SPX,10/18/24,\(strike),\(right),")
        }
        let ledger = InMemoryLedger()
        let plan = try Fixture.importer(ledger).planTastytrade(csv: Data(([old] + rows).joined(separator: "\n").utf8))
        try ledger.append(plan.appends)
        let condor = try #require(try Fixture.condors(ledger).first)
        #expect(condor.status == .expired)
        #expect(condor.realizedCash == 1000 - 4 * Decimal(string: "0.5")!)
    }
}
