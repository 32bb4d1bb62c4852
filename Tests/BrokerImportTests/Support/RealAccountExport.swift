import Foundation

/// A tastytrade Transactions export of the shape a real account gives (issue 16, "Done means"),
/// written here from the column layout, not taken from a customer: 2018–2024, about 1,080 rows,
/// newest first — deposits, interest and dividends, stock trades, AAPL equity options, one SPX put
/// credit spread (opened 4, 2 closed, 2 expired), a VIX call vertical (opened and closed), a VIX put
/// vertical (expired), a VIX call vertical closed in part then expired, and an SPX put butterfly
/// (opened and closed: not modeled, so skipped).
enum RealAccountExport {
    static let header = "Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Currency"

    /// Orders of the structures the ledger models or skips, by number.
    static let spreadOpen = "700001", spreadClose = "700002", butterflyOpen = "700010", butterflyClose = "700011"
    static let callVertical = "800001", callVerticalClose = "800002", putVertical = "800003", thirdVertical = "800005", thirdVerticalClose = "800006"

    /// The rows oldest first (the file is written newest first).
    static func rows() -> [String] {
        var rows: [String] = []
        var order = 100_000
        func next() -> String { order += 1; return String(order) }
        for year in 2018...2024 {
            for month in 1...12 {
                let day = String(format: "%04d-%02d", year, month)
                if month % 3 == 1 { rows.append(money("\(day)-02T16:00:00+0000", "Deposit", "Wire Funds Received", "10,000.00")) }
                rows.append(money("\(day)-05T22:00:00+0000", "Dividend", "AAPL DIVIDEND", "8.40"))
                for (n, ticker) in ["AAPL", "MSFT", "SPY"].enumerated() {
                    let price = 100 + (year - 2018) * 20 + month + n * 50
                    rows.append(stock("\(day)-1\(n)T15:00:00+0000", buy: true, ticker, quantity: 10, price: price, order: next()))
                    rows.append(stock("\(day)-2\(n)T15:00:00+0000", buy: false, ticker, quantity: 10, price: price + 3, order: next()))
                }
                let expiry = "\(month)/28/\(year % 100)"
                rows.append(equityOption("\(day)-03T15:00:00+0000", "SELL_TO_OPEN", expiry, strike: 200 + month, right: "CALL", value: "120.00", order: next()))
                rows.append(equityOption("\(day)-15T15:00:00+0000", "BUY_TO_CLOSE", expiry, strike: 200 + month, right: "CALL", value: "-40.00", order: next()))
                rows.append(equityOption("\(day)-04T15:00:00+0000", "SELL_TO_OPEN", expiry, strike: 150 + month, right: "PUT", value: "95.00", order: next()))
                rows.append(equityOption("\(day)-16T15:00:00+0000", "BUY_TO_CLOSE", expiry, strike: 150 + month, right: "PUT", value: "-30.00", order: next()))
                rows.append(money("\(day)-28T22:00:00+0000", "Credit Interest", "INTEREST ON CREDIT BALANCE", "3.21"))
            }
        }
        rows += ledgerRows()
        return rows.sorted()  // ISO dates with one offset: text order is time order
    }

    /// The rows the ledger records (or skips as structures), oldest first.
    static func ledgerRows() -> [String] {
        [
            // VIX call vertical: +10 C25 @ 1.50, −10 C35 @ 0.50 (net 1.00); closed at 3.00 / 0.80 (net 2.20).
            vix("2022-01-05T15:00:00+0000", "BUY_TO_OPEN", "2/16/22", 25, "CALL", value: "-1,500.00", quantity: 10, order: callVertical, commissions: "-10.00"),
            vix("2022-01-05T15:00:00+0000", "SELL_TO_OPEN", "2/16/22", 35, "CALL", value: "500.00", quantity: 10, order: callVertical, commissions: "-10.00"),
            vix("2022-01-27T15:00:00+0000", "SELL_TO_CLOSE", "2/16/22", 25, "CALL", value: "3,000.00", quantity: 10, order: callVerticalClose),
            vix("2022-01-27T15:00:00+0000", "BUY_TO_CLOSE", "2/16/22", 35, "CALL", value: "-800.00", quantity: 10, order: callVerticalClose),
            // VIX put vertical: +5 P20 @ 0.90, −5 P17 @ 0.30 (net 0.60); both expire worthless.
            vix("2022-06-01T15:00:00+0000", "BUY_TO_OPEN", "7/20/22", 20, "PUT", value: "-450.00", quantity: 5, order: putVertical, commissions: "-5.00"),
            vix("2022-06-01T15:00:00+0000", "SELL_TO_OPEN", "7/20/22", 17, "PUT", value: "150.00", quantity: 5, order: putVertical, commissions: "-5.00"),
            vix("2022-07-20T21:00:00+0000", "SELL_TO_CLOSE", "7/20/22", 20, "PUT", value: "0.00", quantity: 5, order: "", type: "Receive Deliver", sub: "Expiration"),
            vix("2022-07-20T21:00:00+0000", "BUY_TO_CLOSE", "7/20/22", 17, "PUT", value: "0.00", quantity: 5, order: "", type: "Receive Deliver", sub: "Expiration"),
            // The SPX put credit spread: −4 P3800 @ 4.60, +4 P3700 @ 1.80 (credit 2.80); 2 closed at 1.50 / 0.30 (debit 1.20); 2 expire worthless.
            spx("2023-03-01T15:00:00+0000", "SELL_TO_OPEN", "4/21/23", 3800, value: "1,840.00", quantity: 4, order: spreadOpen, commissions: "-4.00"),
            spx("2023-03-01T15:00:00+0000", "BUY_TO_OPEN", "4/21/23", 3700, value: "-720.00", quantity: 4, order: spreadOpen, commissions: "-4.00"),
            spx("2023-03-20T15:00:00+0000", "BUY_TO_CLOSE", "4/21/23", 3800, value: "-300.00", quantity: 2, order: spreadClose),
            spx("2023-03-20T15:00:00+0000", "SELL_TO_CLOSE", "4/21/23", 3700, value: "60.00", quantity: 2, order: spreadClose),
            spx("2023-04-21T21:00:00+0000", "BUY_TO_CLOSE", "4/21/23", 3800, value: "0.00", quantity: 2, order: "", type: "Receive Deliver", sub: "Expiration"),
            spx("2023-04-21T21:00:00+0000", "SELL_TO_CLOSE", "4/21/23", 3700, value: "0.00", quantity: 2, order: "", type: "Receive Deliver", sub: "Expiration"),
            // An SPX put butterfly (+1 P4000, −2 P4100, +1 P4200), opened and closed: skipped, both orders.
            spx("2023-06-01T15:00:00+0000", "BUY_TO_OPEN", "6/16/23", 4000, value: "-250.00", quantity: 1, order: butterflyOpen),
            spx("2023-06-01T15:00:00+0000", "SELL_TO_OPEN", "6/16/23", 4100, value: "900.00", quantity: 2, order: butterflyOpen),
            spx("2023-06-01T15:00:00+0000", "BUY_TO_OPEN", "6/16/23", 4200, value: "-800.00", quantity: 1, order: butterflyOpen),
            spx("2023-06-09T15:00:00+0000", "SELL_TO_CLOSE", "6/16/23", 4000, value: "100.00", quantity: 1, order: butterflyClose),
            spx("2023-06-09T15:00:00+0000", "BUY_TO_CLOSE", "6/16/23", 4100, value: "-600.00", quantity: 2, order: butterflyClose),
            spx("2023-06-09T15:00:00+0000", "SELL_TO_CLOSE", "6/16/23", 4200, value: "650.00", quantity: 1, order: butterflyClose),
            // A VIX call vertical: +4 C20 @ 1.20, −4 C30 @ 0.40 (net 0.80); 2 units sold at 3.50 / 1.00 (net 2.50); 2 expire worthless.
            vix("2024-07-15T15:00:00+0000", "BUY_TO_OPEN", "8/21/24", 20, "CALL", value: "-480.00", quantity: 4, order: thirdVertical, commissions: "-4.00"),
            vix("2024-07-15T15:00:00+0000", "SELL_TO_OPEN", "8/21/24", 30, "CALL", value: "160.00", quantity: 4, order: thirdVertical, commissions: "-4.00"),
            vix("2024-08-06T15:00:00+0000", "SELL_TO_CLOSE", "8/21/24", 20, "CALL", value: "700.00", quantity: 2, order: thirdVerticalClose),
            vix("2024-08-06T15:00:00+0000", "BUY_TO_CLOSE", "8/21/24", 30, "CALL", value: "-200.00", quantity: 2, order: thirdVerticalClose),
            vix("2024-08-21T21:00:00+0000", "SELL_TO_CLOSE", "8/21/24", 20, "CALL", value: "0.00", quantity: 2, order: "", type: "Receive Deliver", sub: "Expiration"),
            vix("2024-08-21T21:00:00+0000", "BUY_TO_CLOSE", "8/21/24", 30, "CALL", value: "0.00", quantity: 2, order: "", type: "Receive Deliver", sub: "Expiration"),
        ]
    }

    /// The file: header, then the rows newest first.
    static func csv() -> String { ([header] + rows().reversed()).joined(separator: "\n") + "\n" }

    /// File lines (1-based) of the rows of `order`.
    static func lines(ofOrder order: String) -> [Int] {
        csv().split(separator: "\n").enumerated().filter { $0.element.split(separator: ",", omittingEmptySubsequences: false).dropLast().last.map(String.init) == order }
            .map { $0.offset + 1 }
    }

    static func money(_ date: String, _ sub: String, _ description: String, _ value: String) -> String {
        "\(date),Money Movement,\(sub),,,,\(description),\"\(value)\",0,,--,0.00,,,,,,,,USD"
    }

    static func stock(_ date: String, buy: Bool, _ ticker: String, quantity: Int, price: Int, order: String) -> String {
        let value = (buy ? -1 : 1) * quantity * price
        return "\(date),Trade,\(buy ? "Buy to Open" : "Sell to Close"),\(buy ? "BUY_TO_OPEN" : "SELL_TO_CLOSE"),\(ticker),Equity,\(buy ? "Bought" : "Sold") \(quantity) \(ticker) @ \(price).00,\"\(value).00\",\(quantity),\(value / quantity).00,0.00,-0.01,1,,\(ticker),,,,\(order),USD"
    }

    static func equityOption(_ date: String, _ action: String, _ expiry: String, strike: Int, right: String, value: String, order: String) -> String {
        "\(date),Trade,Option,\(action),AAPL  X,Equity Option,AAPL option,\"\(value)\",1,0,-1.00,-0.14,100,AAPL,AAPL,\(expiry),\(strike),\(right),\(order),USD"
    }

    static func spx(_ date: String, _ action: String, _ expiry: String, _ strike: Int, value: String, quantity: Int, order: String,
                    commissions: String = "--", type: String = "Trade", sub: String = "") -> String {
        let fees = type == "Trade" ? "-0.\(60 + quantity)" : "0.00"
        return "\(date),\(type),\(sub),\(action),SPX   X,Equity Option,SPX put,\"\(value)\",\(quantity),0,\(commissions),\(fees),100,SPX,SPX,\(expiry),\(strike),PUT,\(order),USD"
    }

    static func vix(_ date: String, _ action: String, _ expiry: String, _ strike: Int, _ right: String, value: String, quantity: Int, order: String,
                    commissions: String = "--", type: String = "Trade", sub: String = "") -> String {
        let fees = type == "Trade" ? "-0.\(10 + quantity)" : "0.00"
        return "\(date),\(type),\(sub),\(action),VIX   X,Equity Option,VIX option,\"\(value)\",\(quantity),0,\(commissions),\(fees),100,VIX,VIX,\(expiry),\(strike),\(right),\(order),USD"
    }
}
