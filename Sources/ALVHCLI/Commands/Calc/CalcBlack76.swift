import ArgumentParser
import Finance

/// `alvh calc black76`: Black-76 price, forward delta and vega.
struct CalcBlack76: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "black76",
        abstract: "Black-76 on a forward: right,forward,strike,t_years,rate,vol → price,delta_forward,vega."
    )

    @OptionGroup var io: CalcIO
    @OptionGroup var global: GlobalOptions

    static let outputs = ["price", "delta_forward", "vega"]

    func run() throws { try io.run(Self.transform) }

    static func transform(_ text: String) throws -> String {
        let table = try CalcTable(text: text)
        let c = try ["right", "forward", "strike", "t_years", "rate", "vol"].map(table.column)
        return try table.render(outputs: outputs) { row in
            let right = try row.right(c[0])
            let (f, k, t) = (try row.number(c[1], "forward"), try row.number(c[2], "strike"), try row.number(c[3], "t_years"))
            let (r, vol) = (try row.number(c[4], "rate"), try row.number(c[5], "vol"))
            let g = try row.compute { try Black76.greeks(right, forward: f, strike: k, timeYears: t, rate: r, volatility: vol) }
            return [g.price, g.forwardDelta, g.vega].map(calcFormat)
        }
    }
}
