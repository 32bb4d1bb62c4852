import ArgumentParser

/// Every top-level subcommand of `alvh`, in the order `alvh --help` lists them.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        PortfolioCommand.self, CondorCommand.self, HedgeCommand.self, MarkCommand.self, VoidCommand.self, ImportCommand.self,
        CalcCommand.self,
        DBCommand.self,
        VerifyCommand.self,               // store
        EventsCommand.self,               // store
        ProjectCommand.self,    // proj
        ReplayCommand.self,     // proj
        PositionsCommand.self,  // proj
        HedgesCommand.self,     // proj
        IRRCommand.self,        // proj
        DecisionsCommand.self,  // proj
        SummaryCommand.self,    // proj
        AdviseCommand.self, BacktestCommand.self, DemoCommand.self,
        ImportBrokerCommand.self,
        ExportCommand.self, ImportLedgerCommand.self, // safety: backup and restore
    ]
}
