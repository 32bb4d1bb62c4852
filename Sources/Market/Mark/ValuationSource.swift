/// Which prices a value came from: recorded option quotes (mids), the model (BSM at VIX plus the
/// skew, or Black-76 for VIX options), or both for different legs.
public enum ValuationSource: String, Sendable, Hashable, Codable {
    case quotes
    case model
    case mixed

    /// Combines the sources of two parts of one figure.
    public func combined(with other: ValuationSource) -> ValuationSource {
        self == other ? self : .mixed
    }

    /// Combines many sources; nil when there are none.
    public static func combining<S: Sequence>(_ sources: S) -> ValuationSource? where S.Element == ValuationSource {
        sources.reduce(nil as ValuationSource?) { partial, next in partial.map { $0.combined(with: next) } ?? next }
    }
}
