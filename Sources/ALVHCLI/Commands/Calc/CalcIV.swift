import ArgumentParser
import Finance

/// `alvh calc iv`: Black-Scholes-Merton implied volatility from a price.
struct CalcIV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iv",
        abstract: "BSM implied volatility: right,spot,strike,t_years,rate,div_yield,price → iv.",
        discussion: "A price outside the no-arbitrage bounds stops the command (exit 2) naming the line and the bound."
    )

    @OptionGroup var io: CalcIO
    @OptionGroup var global: GlobalOptions

    func run() throws { try io.run(Self.transform) }

    static func transform(_ text: String) throws -> String {
        let table = try CalcTable(text: text)
        let c = try ["right", "spot", "strike", "t_years", "rate", "div_yield", "price"].map(table.column)
        return try table.render(outputs: ["iv"]) { row in
            let right = try row.right(c[0])
            let (s, k, t) = (try row.number(c[1], "spot"), try row.number(c[2], "strike"), try row.number(c[3], "t_years"))
            let (r, q, price) = (try row.number(c[4], "rate"), try row.number(c[5], "div_yield"), try row.number(c[6], "price"))
            let iv = try row.compute {
                try ImpliedVolatility.bsm(price: price, right: right, spot: s, strike: k, timeYears: t, rate: r, dividendYield: q)
            }
            return [calcFormat(iv)]
        }
    }
}
