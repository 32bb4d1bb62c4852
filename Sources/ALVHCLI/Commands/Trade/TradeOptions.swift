import ArgumentParser
import Ledger

/// `--command-id UUID`: makes a command idempotent. A retry with the same id records nothing new
/// and prints the original result.
struct RecordingOptions: ParsableArguments {
    @Option(name: .customLong("command-id"), parsing: .unconditional, help: ArgumentHelp("Idempotency key: a retry with the same id records nothing new and prints the original result.", valueName: "UUID"))
    var commandID: String?
}

/// The optional decision signals a trader can attach to a decision (see `SignalArguments`).
struct SignalOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("SPX level at the decision.", valueName: "X")) var spot: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("VIX at the decision.", valueName: "V")) var vix: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("VIX9D at the decision.", valueName: "V")) var vix9d: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("VIX3M at the decision.", valueName: "V")) var vix3m: String?
    @Option(name: .customLong("vx-front"), parsing: .unconditional, help: ArgumentHelp("Front-month VIX future.", valueName: "PRICE")) var vxFront: String?
    @Option(name: .customLong("vx-second"), parsing: .unconditional, help: ArgumentHelp("Second-month VIX future.", valueName: "PRICE")) var vxSecond: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("MACD(12,26,9) histogram of VIX.", valueName: "H")) var macd: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("RSI(14), 0-100.", valueName: "R")) var rsi: String?
    @Option(name: .customLong("advance-decline"), parsing: .unconditional, help: ArgumentHelp("NYSE advance-decline reading.", valueName: "N")) var advanceDecline: String?
    @Option(name: .customLong("days-to-event"), parsing: .unconditional, help: ArgumentHelp("Calendar days to the next FOMC/CPI/PPI.", valueName: "DAYS")) var daysToEvent: String?

    func add(to arguments: inout CommandArguments) {
        arguments.set("--spot", spot)
        arguments.set("--vix", vix)
        arguments.set("--vix9d", vix9d)
        arguments.set("--vix3m", vix3m)
        arguments.set("--vx-front", vxFront)
        arguments.set("--vx-second", vxSecond)
        arguments.set("--macd", macd)
        arguments.set("--rsi", rsi)
        arguments.set("--advance-decline", advanceDecline)
        arguments.set("--days-to-event", daysToEvent)
    }
}

/// `--fixed-rule TEXT` / `--alvh TEXT`: what the fixed rule and the ALVH reading said.
struct TriggerOptions: ParsableArguments {
    @Option(name: .customLong("fixed-rule"), parsing: .unconditional, help: ArgumentHelp("What the fixed risk:reward rule said (verbatim).", valueName: "TEXT")) var fixedRule: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("What the ALVH reading said (verbatim).", valueName: "TEXT")) var alvh: String?

    func add(to arguments: inout CommandArguments) {
        arguments.set("--fixed-rule", fixedRule)
        arguments.set("--alvh", alvh)
    }
}
