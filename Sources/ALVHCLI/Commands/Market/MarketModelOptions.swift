import ArgumentParser
import Foundation
import Ledger

/// The market model's parameters a command can change (`alvh market model`, `alvh backtest`); the
/// others keep the base model's values. Ranges are `MarketModelParameters.validate()`'s. Values are
/// taken as given (`--rate -0.01` is a value, not a flag), so a negative one reaches the check.
struct MarketModelOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Risk-free rate, continuously compounded: a fraction, -0.10 … 0.50 (0.04 = 4 %).", valueName: "R")) var rate: String?
    @Option(name: .customLong("dividend-yield"), parsing: .unconditional, help: ArgumentHelp("S&P 500 dividend yield: a fraction, -0.10 … 0.50.", valueName: "Q")) var dividendYield: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Fills at mid ∓ this per leg, index points (≥ 0).", valueName: "POINTS")) var slippage: String?
    @Option(name: .customLong("fee-per-leg"), parsing: .unconditional, help: ArgumentHelp("Fees per leg and contract, dollars (≥ 0).", valueName: "DOLLARS")) var feePerLeg: String?
    @Option(name: .customLong("vix-option-vol"), parsing: .unconditional, help: ArgumentHelp("VIX options' implied vol for Black-76: a fraction, 0.01 … 5.", valueName: "VOL")) var vixOptionVol: String?
    @Option(name: .customLong("vix-curve-days"), parsing: .unconditional, help: ArgumentHelp("Days over which the VIX futures curve runs from VIX to VIX3M when no future is recorded (1 … 365).", valueName: "N")) var vixCurveDays: Int?
    @Option(name: .customLong("vix-half-spread"), parsing: .unconditional, help: ArgumentHelp("VIX options fill at mid ∓ this, index points (≥ 0).", valueName: "POINTS")) var vixHalfSpread: String?
    @Option(name: .customLong("vix-fee"), parsing: .unconditional, help: ArgumentHelp("Fees per VIX option contract, dollars (≥ 0).", valueName: "DOLLARS")) var vixFee: String?

    /// Whether any parameter is given.
    var changesAnything: Bool {
        [rate, dividendYield, slippage, feePerLeg, vixOptionVol, vixHalfSpread, vixFee].contains { $0 != nil } || vixCurveDays != nil
    }

    /// `base` with the given parameters; errors name the flag and the rule (exit 2).
    func applied(to base: MarketModelParameters) throws -> MarketModelParameters {
        func decimal(_ text: String?, _ flag: String) throws -> Decimal? {
            guard let text else { return nil }
            guard let value = DecimalParser.parse(text) else { throw CLIFailure.invalid(flag, "must be a plain decimal number (got \(Echo.quoted(text)))") }
            return value
        }
        var model = base
        model.rate = try decimal(rate, "--rate") ?? model.rate
        model.dividendYield = try decimal(dividendYield, "--dividend-yield") ?? model.dividendYield
        model.vixOptionVolatility = try decimal(vixOptionVol, "--vix-option-vol") ?? model.vixOptionVolatility
        model.vixFuturesCurveDays = vixCurveDays ?? model.vixFuturesCurveDays
        model.execution.slippagePerLeg = try decimal(slippage, "--slippage") ?? model.execution.slippagePerLeg
        model.execution.feePerLegContract = try decimal(feePerLeg, "--fee-per-leg") ?? model.execution.feePerLegContract
        model.execution.vixOptionHalfSpread = try decimal(vixHalfSpread, "--vix-half-spread") ?? model.execution.vixOptionHalfSpread
        model.execution.vixOptionFeePerContract = try decimal(vixFee, "--vix-fee") ?? model.execution.vixOptionFeePerContract
        try model.validate()
        return model
    }
}
