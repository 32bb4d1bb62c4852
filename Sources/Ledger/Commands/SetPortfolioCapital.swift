import Foundation

/// `alvh portfolio set NAME --capital USD`: declare a portfolio's account size (dollars, > 0), so
/// its returns are measured on account equity.
public struct SetPortfolioCapital: Sendable, Hashable {
    public var name: String
    /// Dollars, > 0.
    public var capital: Decimal

    public init(name: String, capital: Decimal) {
        self.name = name
        self.capital = capital
    }

    /// The command as typed after `alvh`.
    public static let name = "portfolio set"

    public static func parse(_ a: CommandArguments) throws -> SetPortfolioCapital {
        SetPortfolioCapital(name: try a.positional(Field.name), capital: try a.required(Field.capital))
    }
}
