/// Wilder's relative strength index, 0…100.
///
/// Changes cᵢ = xᵢ − xᵢ₋₁. The first average gain/loss is the simple mean of the first `period`
/// gains/losses; after that avg = (avg·(period − 1) + current)/period (Wilder smoothing).
/// RSI = 100 − 100/(1 + avgGain/avgLoss); 100 when avgLoss = 0 (and avgGain > 0), 50 when both are 0.
public enum RelativeStrengthIndex {
    /// RSI aligned with `values`: nil for the first `period` entries (not enough changes yet).
    /// - Precondition: `period` ≥ 1.
    public static func series(_ values: [Double], period: Int = 14) -> [Double?] {
        precondition(period >= 1, "period must be at least 1")
        var output = [Double?](repeating: nil, count: values.count)
        guard values.count > period else { return output }
        var gain = 0.0, loss = 0.0
        for i in 1...period {
            let change = values[i] - values[i - 1]
            if change > 0 { gain += change } else { loss -= change }
        }
        gain /= Double(period)
        loss /= Double(period)
        output[period] = rsi(gain: gain, loss: loss)
        let n = Double(period)
        var i = period + 1
        while i < values.count {
            let change = values[i] - values[i - 1]
            gain = (gain * (n - 1) + max(change, 0)) / n
            loss = (loss * (n - 1) + max(-change, 0)) / n
            output[i] = rsi(gain: gain, loss: loss)
            i += 1
        }
        return output
    }

    /// The latest RSI, or nil with fewer than `period + 1` values.
    public static func latest(_ values: [Double], period: Int = 14) -> Double? {
        series(values, period: period).last ?? nil
    }

    static func rsi(gain: Double, loss: Double) -> Double {
        if loss == 0 { return gain == 0 ? 50 : 100 }
        return 100 - 100 / (1 + gain / loss)
    }
}
