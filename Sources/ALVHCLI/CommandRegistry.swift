import ArgumentParser

/// Every top-level subcommand of `alvh`, in the order `alvh --help` lists them.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = recording + review + strategy + ledger + tools

    /// Recording trades and marks.
    static let recording: [ParsableCommand.Type] = [
        PortfolioCommand.self, CondorCommand.self, HedgeCommand.self, MarkCommand.self, MarketCommand.self, VoidCommand.self,
        ImportCommand.self, ImportBrokerCommand.self,
    ]
    /// Reviewing performance from the projections.
    static let review: [ParsableCommand.Type] = [
        PositionsCommand.self, HedgesCommand.self, IRRCommand.self, DecisionsCommand.self, SummaryCommand.self, StatsCommand.self,
        ReportCommand.self, ProjectCommand.self, ReplayCommand.self,
    ]
    /// The ALVH advisor and backtests.
    static let strategy: [ParsableCommand.Type] = [AdviseCommand.self, BacktestCommand.self, StudyCommand.self, DemoCommand.self]
    /// The ledger itself: its events, its integrity, backups and the database.
    static let ledger: [ParsableCommand.Type] = [
        EventsCommand.self, VerifyCommand.self, ExportCommand.self, ImportLedgerCommand.self, DBCommand.self,
    ]
    /// Calculators that need no database.
    static let tools: [ParsableCommand.Type] = [CalcCommand.self]
}
