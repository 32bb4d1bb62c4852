/// `alvh portfolio add NAME`: create a portfolio explicitly (`condor open` also creates one).
public struct AddPortfolio: Sendable, Hashable {
    public var name: String

    public init(name: String) { self.name = name }

    public static func parse(_ a: CommandArguments) throws -> AddPortfolio {
        AddPortfolio(name: try TextRule.name(try a.requiredPositional("NAME"), field: "NAME"))
    }
}
