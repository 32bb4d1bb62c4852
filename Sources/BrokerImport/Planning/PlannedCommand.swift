import Foundation
import Ledger

/// One ledger command the grouping made from broker rows, before it is decided against the ledger.
public struct PlannedCommand: Sendable {
    /// The typed command (checked by `LedgerCommand.validate` before it is decided).
    public var command: LedgerCommand
    /// The command name as typed after `alvh` (`condor open`, `hedge reduce`, …).
    public var name: String { command.name }
    /// The broker rows it comes from (file lines, ascending).
    public var lines: [Int]
    /// What the command id is derived from: the rows' ids and the lot or layer concerned.
    public var content: String
    /// The condor position (of the grouping) the command acts on; nil for portfolios and layers.
    public var position: Int?
    /// On a position's opening: the content of the first lot an import before partial closes made
    /// of it. When the ledger holds that lot, the earlier import recorded this position (as lots)
    /// and every command on it counts as already recorded.
    public var lotContent: String?

    public init(command: LedgerCommand, lines: [Int], content: String, position: Int? = nil, lotContent: String? = nil) {
        self.command = command
        self.lines = lines
        self.content = content
        self.position = position
        self.lotContent = lotContent
    }

    /// The command id: same rows, same id (see `EventIdentity.commandID(content:)`).
    public var commandID: UUID { EventIdentity.commandID(content: content) }
}

/// Splits `total` dollars over `weights` in proportion, to the cent, the remainder on the last
/// share, so the shares sum to `total` exactly.
enum MoneySplit {
    static func split(_ total: Decimal, weights: [Int]) -> [Decimal] {
        let sum = weights.reduce(0, +)
        guard weights.count > 1, sum > 0 else { return weights.isEmpty ? [] : [total] }
        var shares: [Decimal] = []
        var given: Decimal = 0
        for weight in weights.dropLast() {
            var exact = total * Decimal(weight) / Decimal(sum)
            var rounded = Decimal()
            NSDecimalRound(&rounded, &exact, 2, .plain)
            shares.append(rounded)
            given += rounded
        }
        shares.append(total - given)
        return shares
    }

    /// `amount / divisor`, exact when the quotient terminates within 16 decimal places, else
    /// rounded there (a sub-cent difference once multiplied back).
    static func perUnit(_ amount: Decimal, _ divisor: Decimal) -> Decimal {
        var quotient = amount / divisor
        var rounded = Decimal()
        NSDecimalRound(&rounded, &quotient, 16, .plain)
        return rounded
    }

    static func text(_ value: Decimal) -> String { DecimalParser.format(value) }
}
