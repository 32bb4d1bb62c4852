import Foundation
import Testing
import TestSupport

/// `alvh condor open|roll --expiry` on a day the exchange is closed, end to end through the built
/// `alvh` against a real PostgreSQL: exit 2, the flag, the rule and the nearest trading days, nothing written.
@Suite(.serialized) struct ExpiryCommandTests {
    static let open = ["condor", "open", "--portfolio", "main", "--underlying", "SPXW", "--long-put", "4000", "--short-put", "4050",
                       "--short-call", "4600", "--long-call", "4650", "--contracts", "1", "--credit", "8.10", "--at", "2022-02-04T21:00:00Z"]

    func head(_ database: TestDatabase) throws -> Int64 {
        let store = try database.store()
        defer { store.connection.close() }
        return try store.headPosition()
    }

    @Test func closedDayExpiriesAreRefused() throws {
        let database = try TestDatabase.migrated()
        defer { database.drop() }
        let base = ["--database", database.connectionString]
        let holiday = ALVHProcess.run(base + Self.open + ["--expiry", "2022-04-15"])
        #expect(holiday.status == 2)
        #expect(holiday.stderr.contains("--expiry: 2022-04-15 is an exchange holiday (Good Friday); options expire on exchange trading days: the nearest are 2022-04-14 and 2022-04-18"), "\(holiday.stderr)")
        let weekend = ALVHProcess.run(base + Self.open + ["--expiry", "2022-03-19"])
        #expect(weekend.status == 2)
        #expect(weekend.stderr.contains("--expiry: 2022-03-19 is a Saturday; options expire on exchange trading days: the nearest are 2022-03-18 and 2022-03-21"), "\(weekend.stderr)")
        #expect(try head(database) == 0)

        let opened = ALVHProcess.run(base + ["--json"] + Self.open + ["--expiry", "2022-03-18"])
        try #require(opened.status == 0, "\(opened.stderr)")
        let line = try #require(opened.stdout.split(separator: "\n").last { $0.hasPrefix("{\"") })
        let condor = try #require((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["condor"] as? String)
        let before = try head(database)
        let roll = ALVHProcess.run(base + ["condor", "roll", condor, "--side", "both", "--expiry", "2022-04-15", "--close-price", "4",
                                           "--open-price", "6", "--at", "2022-03-01T21:00:00Z"])
        #expect(roll.status == 2)
        #expect(roll.stderr.contains("--expiry: 2022-04-15 is an exchange holiday (Good Friday)"), "\(roll.stderr)")
        #expect(try head(database) == before)
    }
}
