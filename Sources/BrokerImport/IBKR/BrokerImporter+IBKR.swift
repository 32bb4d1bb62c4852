import Foundation

extension BrokerImporter {
    /// Plans the import of an Interactive Brokers Flex Trades CSV (times read in `timeZone`).
    /// Throws `BrokerImportFailure` with every problem.
    public func planIBKR(csv data: Data, timeZone: TimeZone = IBKRFlexParser.newYork) throws -> BrokerImportPlan {
        try plan(try IBKRFlexParser.parse(data, timeZone: timeZone))
    }
}
