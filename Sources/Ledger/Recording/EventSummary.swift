import Foundation

/// One line per event in the trader's words, built from the event alone, so a retried command
/// prints exactly what the original printed. Each payload type writes its own
/// (`LedgerEventPayload.summary`).
public enum EventSummary {
    public static func line(_ event: LedgerEvent) -> String { event.payload.summary }

    /// A decimal as the ledger prints it.
    static func text(_ value: Decimal) -> String { DecimalParser.format(value) }

    /// `2026-03-20 4900/4950/5300/5350` (`2026-03-20 4900/4950 put spread` for a spread), or the
    /// expiry alone when the legs are not a condor.
    static func strikes(_ legs: [CondorLeg], _ expiry: CalendarDate) -> String {
        guard let s = IronCondorLegs(expiry: expiry, legs: legs) else { return "\(expiry)" }
        return "\(expiry) \(s.strikesText)"
    }
}
