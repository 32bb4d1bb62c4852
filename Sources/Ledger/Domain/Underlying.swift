/// The index option class an iron condor is written on. Every class has a multiplier of 100;
/// XSP is quoted on one tenth of the S&P 500 index.
public enum Underlying: String, Codable, Sendable, Hashable, CaseIterable {
    case spx = "SPX"
    case spxw = "SPXW"
    case xsp = "XSP"

    /// Dollars per index point per contract.
    public var multiplier: Decimal { 100 }

    /// SPX monthlies settle AM; SPXW and XSP settle PM.
    public var settlement: SettlementStyle { self == .spx ? .am : .pm }

    /// Parses `SPX`, `SPXW` or `XSP` (any case).
    public init?(spec: String) {
        self.init(rawValue: spec.uppercased())
    }
}

import Foundation
