/// Every command that records events, parsed and validated field by field (state rules are the
/// decider's). Names are the CLI's: `condor open`, `hedge add`, `mark`, `void`, …
public enum LedgerCommand: Sendable, Hashable {
    case openCondor(OpenCondor)
    case rollCondor(RollCondor)
    case deferRoll(DeferRoll)
    case closeCondor(CloseCondor)
    case expireCondor(ExpireCondor)
    case addHedgeLayer(AddHedgeLayer)
    case reduceHedgeLayer(ReduceHedgeLayer)
    case closeHedgeLayer(CloseHedgeLayer)
    case recordMarket(RecordMarket)
    /// `alvh market model` (typed only: not a CSV import row).
    case setMarketModel(SetMarketModel)
    case voidEvent(VoidEvent)
    case addPortfolio(AddPortfolio)

    /// The command names, as typed after `alvh`.
    public static let names = ["portfolio add", "condor open", "condor roll", "condor defer", "condor close", "condor expire",
                               "hedge add", "hedge reduce", "hedge close", "mark", "void"]

    /// Parses `name` (e.g. `condor open`) with its arguments.
    public static func parse(name: String, arguments: CommandArguments) throws -> LedgerCommand {
        switch name {
        case "portfolio add": .addPortfolio(try AddPortfolio.parse(arguments))
        case "condor open": .openCondor(try OpenCondor.parse(arguments))
        case "condor roll": .rollCondor(try RollCondor.parse(arguments))
        case "condor defer": .deferRoll(try DeferRoll.parse(arguments))
        case "condor close": .closeCondor(try CloseCondor.parse(arguments))
        case "condor expire": .expireCondor(try ExpireCondor.parse(arguments))
        case "hedge add": .addHedgeLayer(try AddHedgeLayer.parse(arguments))
        case "hedge reduce": .reduceHedgeLayer(try ReduceHedgeLayer.parse(arguments))
        case "hedge close": .closeHedgeLayer(try CloseHedgeLayer.parse(arguments))
        case "mark": .recordMarket(try RecordMarket.parse(arguments))
        case "void": .voidEvent(try VoidEvent.parse(arguments))
        default: throw LedgerValidationError(field: "command", rule: "must be one of \(names.joined(separator: ", ")) (got \(Echo.quoted(name)))")
        }
    }
}
