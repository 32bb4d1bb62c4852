/// Which spread of a condor a roll closes and reopens.
public enum RollSide: String, Codable, Sendable, Hashable, CaseIterable {
    case put
    case call
    case both
}
