/// Every command that records events, parsed and validated field by field (state rules are the
/// decider's). Names are the CLI's: `condor open`, `hedge add`, `mark`, `void`, …
public enum LedgerCommand: Sendable, Hashable {
    case openCondor(OpenCondor)
    case rollCondor(RollCondor)
    case deferRoll(DeferRoll)
    case closeCondor(CloseCondor)
    case expireCondor(ExpireCondor)
    case legInCondor(LegInCondor)
    case addHedgeLayer(AddHedgeLayer)
    case reduceHedgeLayer(ReduceHedgeLayer)
    case closeHedgeLayer(CloseHedgeLayer)
    case recordMarket(RecordMarket)
    /// `alvh market model` (typed only: not a CSV import row).
    case setMarketModel(SetMarketModel)
    case voidEvent(VoidEvent)
    case addPortfolio(AddPortfolio)
    case setPortfolioCapital(SetPortfolioCapital)
    /// `alvh study --record` (built in code only: not typed, not a CSV import row).
    case recordStudyChoice(RecordStudyChoice)

    /// Each command's name (as typed after `alvh`) and how it is read from raw arguments.
    static let parsers: [(name: String, parse: @Sendable (CommandArguments) throws -> LedgerCommand)] = [
        (AddPortfolio.name, { .addPortfolio(try AddPortfolio.parse($0)) }),
        (SetPortfolioCapital.name, { .setPortfolioCapital(try SetPortfolioCapital.parse($0)) }),
        (OpenCondor.name, { .openCondor(try OpenCondor.parse($0)) }),
        (RollCondor.name, { .rollCondor(try RollCondor.parse($0)) }),
        (DeferRoll.name, { .deferRoll(try DeferRoll.parse($0)) }),
        (CloseCondor.name, { .closeCondor(try CloseCondor.parse($0)) }),
        (ExpireCondor.name, { .expireCondor(try ExpireCondor.parse($0)) }),
        (LegInCondor.name, { .legInCondor(try LegInCondor.parse($0)) }),
        (AddHedgeLayer.name, { .addHedgeLayer(try AddHedgeLayer.parse($0)) }),
        (ReduceHedgeLayer.name, { .reduceHedgeLayer(try ReduceHedgeLayer.parse($0)) }),
        (CloseHedgeLayer.name, { .closeHedgeLayer(try CloseHedgeLayer.parse($0)) }),
        (RecordMarket.name, { .recordMarket(try RecordMarket.parse($0)) }),
        (VoidEvent.name, { .voidEvent(try VoidEvent.parse($0)) }),
    ]

    /// The command names, as typed after `alvh`.
    public static let names = parsers.map(\.name)

    /// Parses `name` (e.g. `condor open`) with its raw arguments (CSV rows, command-line-like tokens).
    public static func parse(name: String, arguments: CommandArguments) throws -> LedgerCommand {
        guard let parser = parsers.first(where: { $0.name == name }) else {
            throw LedgerValidationError(field: "command", rule: "must be one of \(names.joined(separator: ", ")) (got \(Echo.quoted(name)))")
        }
        return try parser.parse(arguments)
    }

    /// The command's name, as typed after `alvh`.
    public var name: String {
        switch self {
        case .addPortfolio: AddPortfolio.name
        case .setPortfolioCapital: SetPortfolioCapital.name
        case .recordStudyChoice: RecordStudyChoice.name
        case .openCondor: OpenCondor.name
        case .rollCondor: RollCondor.name
        case .deferRoll: DeferRoll.name
        case .closeCondor: CloseCondor.name
        case .expireCondor: ExpireCondor.name
        case .legInCondor: LegInCondor.name
        case .addHedgeLayer: AddHedgeLayer.name
        case .reduceHedgeLayer: ReduceHedgeLayer.name
        case .closeHedgeLayer: CloseHedgeLayer.name
        case .recordMarket: RecordMarket.name
        case .setMarketModel: SetMarketModel.name
        case .voidEvent: VoidEvent.name
        }
    }
}
