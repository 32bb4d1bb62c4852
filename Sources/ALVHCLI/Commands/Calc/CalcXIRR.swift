import ArgumentParser
import Finance

/// `alvh calc xirr`: XIRR (act/365) of `;`-separated dates and amounts.
struct CalcXIRR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xirr",
        abstract: "XIRR act/365: dates,amounts (';'-separated, aligned, dates YYYY-MM-DD) → xirr (`none` where there is no rate)."
    )

    @OptionGroup var io: CalcIO
    @OptionGroup var global: GlobalOptions

    func run() throws { try io.run(Self.transform) }

    static func transform(_ text: String) throws -> String {
        let table = try CalcTable(text: text)
        let datesColumn = try table.column("dates"), amountsColumn = try table.column("amounts")
        return try table.render(outputs: ["xirr"]) { row in
            let dates = row.values[datesColumn].split(separator: ";", omittingEmptySubsequences: false)
            let amounts = row.values[amountsColumn].split(separator: ";", omittingEmptySubsequences: false)
            guard dates.count == amounts.count else {
                throw CLIFailure.invalid("line \(row.line): amounts", "has \(amounts.count) values but dates has \(dates.count)")
            }
            var flows: [CashFlow] = []
            for (index, (dateText, amountText)) in zip(dates, amounts).enumerated() {
                guard let date = CalendarDay(iso: dateText.trimmingCharacters(in: .whitespaces)) else {
                    throw CLIFailure.invalid("line \(row.line): dates", "item \(index + 1) must be a date YYYY-MM-DD (got \"\(dateText)\")")
                }
                guard let amount = Double(amountText.trimmingCharacters(in: .whitespaces)), amount.isFinite else {
                    throw CLIFailure.invalid("line \(row.line): amounts", "item \(index + 1) must be a finite number (got \"\(amountText)\")")
                }
                flows.append(CashFlow(date: date, amount: amount))
            }
            return [XIRR.solve(flows).description]
        }
    }
}
