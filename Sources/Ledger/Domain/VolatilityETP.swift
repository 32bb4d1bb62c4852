/// A long-volatility exchange-traded product held in shares (multiplier 1).
public enum VolatilityETP: String, Codable, Sendable, Hashable, CaseIterable {
    case vxx = "VXX"
    case uvxy = "UVXY"
    case vixy = "VIXY"
}
