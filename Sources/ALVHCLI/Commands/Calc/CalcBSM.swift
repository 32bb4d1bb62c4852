import ArgumentParser
import Finance

/// `alvh calc bsm`: Black-Scholes-Merton price and greeks.
struct CalcBSM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bsm",
        abstract: "Black-Scholes-Merton: right,spot,strike,t_years,rate,div_yield,vol → price,delta,gamma,vega,theta,rho,vanna,volga."
    )

    @OptionGroup var io: CalcIO
    @OptionGroup var global: GlobalOptions

    static let outputs = ["price", "delta", "gamma", "vega", "theta", "rho", "vanna", "volga"]

    func run() throws { try io.run(Self.transform) }

    static func transform(_ text: String) throws -> String {
        let table = try CalcTable(text: text)
        let c = try ["right", "spot", "strike", "t_years", "rate", "div_yield", "vol"].map(table.column)
        return try table.render(outputs: outputs) { row in
            let right = try row.right(c[0])
            let (s, k, t) = (try row.number(c[1], "spot"), try row.number(c[2], "strike"), try row.number(c[3], "t_years"))
            let (r, q, vol) = (try row.number(c[4], "rate"), try row.number(c[5], "div_yield"), try row.number(c[6], "vol"))
            let g = try row.compute {
                try BlackScholesMerton.greeks(right, spot: s, strike: k, timeYears: t, rate: r, dividendYield: q, volatility: vol)
            }
            return [g.price, g.delta, g.gamma, g.vega, g.theta, g.rho, g.vanna, g.volga].map(calcFormat)
        }
    }
}
