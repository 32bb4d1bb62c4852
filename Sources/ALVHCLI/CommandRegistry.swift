import ArgumentParser

/// Every top-level subcommand of `alvh`, in the order `alvh --help` lists them.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        AdviseCommand.self, BacktestCommand.self, DemoCommand.self,
    ]
}
