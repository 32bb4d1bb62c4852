import ArgumentParser

/// Every top-level subcommand of `alvh`, in the order `alvh --help` lists them.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        PortfolioCommand.self, CondorCommand.self, HedgeCommand.self, MarkCommand.self, VoidCommand.self, ImportCommand.self,
        DatabaseCommandsUntilMerge.self,  // store: replaced by the cluster helper's `db` group at merge
        VerifyCommand.self,               // store
        EventsCommand.self,               // store
        CalcCommand.self,
        ImportBrokerCommand.self,         // broker
    ]
}
