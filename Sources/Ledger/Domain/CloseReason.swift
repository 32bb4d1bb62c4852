/// Why a condor was closed before expiry, or `expiry` when it settled.
public enum CloseReason: String, Codable, Sendable, Hashable, CaseIterable {
    case takeProfit = "take-profit"
    case stop
    case time
    case alvh
    case manual
    case expiry
}
