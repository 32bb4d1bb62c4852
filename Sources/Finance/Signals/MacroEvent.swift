import Foundation

/// The kind of a scheduled macro release that moves volatility.
public struct MacroEventKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Upper-case name, e.g. `FOMC`.
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// A scheduled FOMC decision (statement day).
    public static let fomc = MacroEventKind(rawValue: "FOMC")
    /// An unscheduled (intermeeting) FOMC action; not knowable in advance, so not in the defaults.
    public static let fomcIntermeeting = MacroEventKind(rawValue: "FOMC_INTERMEETING")
    /// Consumer price index release.
    public static let cpi = MacroEventKind(rawValue: "CPI")
    /// Producer price index release.
    public static let ppi = MacroEventKind(rawValue: "PPI")
    /// Nonfarm payrolls (employment situation).
    public static let nfp = MacroEventKind(rawValue: "NFP")

    /// The kinds the ALVH signals watch: FOMC decisions, CPI and PPI.
    public static let watched: Set<MacroEventKind> = [.fomc, .cpi, .ppi]

    /// Reads a CSV label leniently: case-insensitive; `fomc_decision` and `fomc` are `.fomc`,
    /// `fomc_intermeeting` is `.fomcIntermeeting`; other labels are kept upper-cased.
    public init(label: some StringProtocol) {
        let upper = label.trimmingCharacters(in: .whitespaces).uppercased()
        switch upper {
        case "FOMC", "FOMC_DECISION": self = .fomc
        case "FOMC_INTERMEETING": self = .fomcIntermeeting
        default: self.init(rawValue: upper)
        }
    }

    public var description: String { rawValue }
}

/// One dated macro release.
public struct MacroEvent: Sendable, Hashable {
    /// Release date (exchange calendar date).
    public var date: CalendarDay
    public var kind: MacroEventKind
    /// Release time in New York as written in the source (`08:30`), when known.
    public var timeET: String?

    public init(date: CalendarDay, kind: MacroEventKind, timeET: String? = nil) {
        self.date = date
        self.kind = kind
        self.timeET = timeET
    }
}
