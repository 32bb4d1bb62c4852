/// The option roots of the S&P 500 index CBOE lists.
public enum ChainRoot: String, Sendable, Hashable, Codable {
    /// Monthly, AM-settled on the opening prints of its date.
    case spx = "SPX"
    /// Weeklys, dailies and end-of-month, PM-settled at the close.
    case spxw = "SPXW"

    public var settlement: OptionSettlement { self == .spx ? .amOpening : .pmClose }
}
