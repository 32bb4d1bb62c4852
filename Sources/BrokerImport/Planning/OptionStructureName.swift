import Foundation
import Ledger

/// Names the structure an order's SPX-family opening legs form when they are not an iron condor or
/// a credit spread (`SPX put butterfly`, `SPX put debit spread`, `SPXW short strangle`), for the
/// line an import prints about the order it skipped.
enum OptionStructureName {
    /// `legs`: (right, strike, signed quantity) of one underlying.
    static func name(underlying: String, _ legs: [(right: OptionRight, strike: Decimal, quantity: Int)]) -> String {
        let rights = Set(legs.map(\.right))
        let right = rights.count == 1 ? (legs[0].right == .put ? "put" : "call") : nil
        let sorted = legs.sorted { $0.strike < $1.strike }
        let what: String
        switch (legs.count, right) {
        case (1, _):
            what = "\(legs[0].quantity > 0 ? "long" : "short") \(legs[0].right == .put ? "put" : "call")"
        case (2, let right?):
            let longs = legs.filter { $0.quantity > 0 }.count
            if longs == 1, abs(legs[0].quantity) == abs(legs[1].quantity) {
                what = "\(right) debit spread"
            } else if longs == 1 {
                what = "\(right) ratio spread"
            } else {
                what = "two \(longs == 2 ? "long" : "short") \(right)s"
            }
        case (2, nil):
            let side = legs.allSatisfy { $0.quantity < 0 } ? "short " : legs.allSatisfy { $0.quantity > 0 } ? "long " : ""
            what = side + (sorted[0].strike == sorted[1].strike ? "straddle" : "strangle")
        case (3, let right?) where sorted[0].quantity > 0 && sorted[1].quantity < 0 && sorted[2].quantity > 0:
            what = "\(right) butterfly"
        case (4, nil) where Set(legs.filter { $0.quantity < 0 }.map(\.strike)).count == 1:
            what = "iron butterfly"
        default:
            what = "\(legs.count)-leg structure"
        }
        return "\(underlying) \(what)"
    }
}
