import ArgumentParser

/// Every top-level subcommand of `alvh`, in the order `alvh --help` lists them.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        PortfolioCommand.self, CondorCommand.self, HedgeCommand.self, MarkCommand.self, VoidCommand.self, ImportCommand.self,
        CalcCommand.self,
        DBCommand.self,
        VerifyCommand.self,               // store
        EventsCommand.self,               // store
    ]
}
