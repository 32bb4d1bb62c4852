/// `alvh portfolio add NAME`: create a portfolio explicitly (`condor open` also creates one).
public struct AddPortfolio: Sendable, Hashable {
    public var name: String

    public init(name: String) { self.name = name }

    /// The command as typed after `alvh`.
    public static let name = "portfolio add"

    public static func parse(_ a: CommandArguments) throws -> AddPortfolio {
        AddPortfolio(name: try a.positional(Field.name))
    }
}
