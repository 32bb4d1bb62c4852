import ArgumentParser
import Foundation
import Ledger

/// The market model's parameters a command can change (`alvh market model`, `alvh backtest`); the
/// others keep the base model's values. Each flag is read by its field's rule (`Field.rate`, …:
/// a plain decimal within `MarketModelParameters.Limits`). Values are taken as given (`--rate -0.01`
/// is a value, not a flag), so a negative one reaches the check.
struct MarketModelOptions: ParsableArguments {
    @Option(name: Field.rate.long, parsing: .unconditional, help: ArgumentHelp("Risk-free rate, continuously compounded: a fraction, -0.10 … 0.50 (0.04 = 4 %).", valueName: "R"),
            transform: Field.rate.read) var rate: Checked<Decimal>?
    @Option(name: Field.dividendYield.long, parsing: .unconditional, help: ArgumentHelp("S&P 500 dividend yield: a fraction, -0.10 … 0.50.", valueName: "Q"),
            transform: Field.dividendYield.read) var dividendYield: Checked<Decimal>?
    @Option(name: Field.slippage.long, parsing: .unconditional, help: ArgumentHelp("Fills at mid ∓ this per leg, index points (≥ 0).", valueName: "POINTS"),
            transform: Field.slippage.read) var slippage: Checked<Decimal>?
    @Option(name: Field.feePerLeg.long, parsing: .unconditional, help: ArgumentHelp("Fees per leg and contract, dollars (≥ 0).", valueName: "DOLLARS"),
            transform: Field.feePerLeg.read) var feePerLeg: Checked<Decimal>?
    @Option(name: Field.vixOptionVolatility.long, parsing: .unconditional, help: ArgumentHelp("VIX options' implied vol for Black-76: a fraction, 0.01 … 5.", valueName: "VOL"),
            transform: Field.vixOptionVolatility.read) var vixOptionVol: Checked<Decimal>?
    @Option(name: Field.vixCurveDays.long, parsing: .unconditional,
            help: ArgumentHelp("Days over which the VIX futures curve runs from VIX to VIX3M when no future is recorded (1 … 365).", valueName: "N"),
            transform: Field.vixCurveDays.read) var vixCurveDays: Checked<Int>?
    @Option(name: Field.vixHalfSpread.long, parsing: .unconditional, help: ArgumentHelp("VIX options fill at mid ∓ this, index points (≥ 0).", valueName: "POINTS"),
            transform: Field.vixHalfSpread.read) var vixHalfSpread: Checked<Decimal>?
    @Option(name: Field.vixFee.long, parsing: .unconditional, help: ArgumentHelp("Fees per VIX option contract, dollars (≥ 0).", valueName: "DOLLARS"),
            transform: Field.vixFee.read) var vixFee: Checked<Decimal>?

    /// Whether any parameter is given.
    var changesAnything: Bool {
        [rate, dividendYield, slippage, feePerLeg, vixOptionVol, vixHalfSpread, vixFee].contains { $0 != nil } || vixCurveDays != nil
    }

    /// `base` with the given parameters; the first broken rule (in the flags' order above) names
    /// its flag (exit 2).
    func applied(to base: MarketModelParameters) throws -> MarketModelParameters {
        var model = base
        model.rate = try rate?.get() ?? model.rate
        model.dividendYield = try dividendYield?.get() ?? model.dividendYield
        model.execution.slippagePerLeg = try slippage?.get() ?? model.execution.slippagePerLeg
        model.execution.feePerLegContract = try feePerLeg?.get() ?? model.execution.feePerLegContract
        model.vixOptionVolatility = try vixOptionVol?.get() ?? model.vixOptionVolatility
        model.vixFuturesCurveDays = try vixCurveDays?.get() ?? model.vixFuturesCurveDays
        model.execution.vixOptionHalfSpread = try vixHalfSpread?.get() ?? model.execution.vixOptionHalfSpread
        model.execution.vixOptionFeePerContract = try vixFee?.get() ?? model.execution.vixOptionFeePerContract
        try model.validate()
        return model
    }
}
