/// When a cash-settled index option takes its settlement value on its expiry day.
public enum OptionSettlement: String, Sendable, Hashable, Codable {
    /// The special opening quotation (09:30 New York): SPX monthlies.
    case amOpening
    /// The session's closing value (16:00, or the early close): SPXW and XSP.
    case pmClose
}
