/// One dated cash flow. `amount` > 0 flows into the account, < 0 out of it (any currency unit; the
/// rate does not depend on the unit).
public struct CashFlow: Sendable, Hashable {
    /// The calendar date of the flow.
    public var date: CalendarDay
    /// Signed amount: positive in, negative out.
    public var amount: Double

    public init(date: CalendarDay, amount: Double) {
        self.date = date
        self.amount = amount
    }
}
