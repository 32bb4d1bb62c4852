/// When an index option settles on its expiry date, in New York time.
public enum SettlementStyle: String, Codable, Sendable, Hashable {
    /// Settles at the special opening quotation (09:30 ET): SPX monthlies.
    case am = "AM"
    /// Settles at the close (16:00 ET): SPXW and XSP.
    case pm = "PM"
}
