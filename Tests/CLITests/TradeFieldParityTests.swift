@testable import ALVHCLI
import ArgumentParser
import Foundation
import Ledger
import Testing

/// The command line and `alvh import`'s rows read every field by the same rule, in the same order:
/// for every recording command, each field made wrong alone and every pair of them made wrong
/// together give the same first error (or the same command) on both paths. No database: the
/// fields are checked before one is opened.
@Suite("Trade field parity")
struct TradeFieldParityTests {
    /// A command as typed: its words, a valid set of arguments, and a wrong value for each field.
    struct Case {
        var words: [String]
        var valid: [(String, String)]
        var positional: String?
        var wrong: [(String, String)]
    }

    static let uuid = "3f2b8c1e-0d4a-4c55-9a7e-2b1c0f9e8d71"
    static let at = "2026-03-02T15:00:00Z"
    static let signals: [(String, String)] = [("--spot", "5000"), ("--vix", "20"), ("--vix9d", "19"), ("--vix3m", "21"), ("--vx-front", "20.5"),
                                              ("--vx-second", "21.5"), ("--macd", "-0.5"), ("--rsi", "55"), ("--advance-decline", "-120"),
                                              ("--days-to-event", "3")]
    static let wrongSignals: [(String, String)] = [("--spot", "NaN"), ("--vix", "-1"), ("--vix9d", "1e2"), ("--vix3m", "abc"), ("--vx-front", "-3"),
                                                   ("--vx-second", "1,5"), ("--macd", "1e2"), ("--rsi", "101"), ("--advance-decline", "2000000000"),
                                                   ("--days-to-event", "-1")]

    static let cases: [Case] = [
        Case(words: ["condor", "open"],
             valid: [("--portfolio", "main"), ("--underlying", "SPX"), ("--expiry", "2026-03-20"), ("--long-put", "4900"), ("--short-put", "4950"),
                     ("--short-call", "5300"), ("--long-call", "5350"), ("--contracts", "2"), ("--credit", "10.25"), ("--fees", "5.20"), ("--at", at),
                     ("--id", uuid), ("--note", "entry")] + signals,
             wrong: [("--portfolio", ""), ("--underlying", "SPY"), ("--expiry", "2026-02-30"), ("--long-put", "abc"), ("--short-put", "4800"),
                     ("--short-call", "-1"), ("--long-call", "5300"), ("--contracts", "0"), ("--credit", "1e3"), ("--fees", "-1"),
                     ("--at", "yesterday"), ("--id", "x"), ("--note", "nul \u{0}")] + wrongSignals),
        Case(words: ["condor", "roll"],
             valid: [("--side", "put"), ("--short-put", "4960"), ("--long-put", "4910"), ("--close-price", "1"), ("--open-price", "1.5"), ("--fees", "1"),
                     ("--at", at), ("--reason", "tested"), ("--fixed-rule", "stop"), ("--alvh", "roll")] + signals,
             positional: uuid,
             wrong: [("ID", "nope"), ("--side", "sideways"), ("--expiry", "x"), ("--long-put", "0"), ("--short-put", "y"), ("--close-price", "-1"),
                     ("--open-price", "z"), ("--fees", "1e1"), ("--at", "x"), ("--reason", "\u{0}"), ("--fixed-rule", "\u{0}"),
                     ("--alvh", "bad \u{FFFD}"), ("--short-call", "abc"), ("--long-call", "-5")] + wrongSignals),
        Case(words: ["condor", "defer"], valid: [("--reason", "noise"), ("--at", at), ("--fixed-rule", "stop"), ("--alvh", "defer")] + signals,
             positional: uuid,
             wrong: [("ID", "not-a-uuid"), ("--reason", "\u{0}"), ("--at", "x"), ("--fixed-rule", "bad \u{FFFD}"), ("--alvh", "\u{0}")] + wrongSignals),
        Case(words: ["condor", "close"],
             valid: [("--price", "1"), ("--fees", "1"), ("--exchange-fees", "0.5"), ("--at", at), ("--reason", "take-profit"), ("--note", "n")] + signals,
             positional: uuid,
             wrong: [("ID", "x"), ("--price", "-1"), ("--fees", "x"), ("--exchange-fees", "-0.01"), ("--at", "x"), ("--reason", "boredom"),
                     ("--note", "\u{0}")] + wrongSignals),
        Case(words: ["condor", "expire"], valid: [("--settlement", "5000"), ("--fees", "1"), ("--at", at)], positional: uuid,
             wrong: [("ID", "x"), ("--settlement", "0"), ("--fees", "-1"), ("--at", "x")]),
        Case(words: ["hedge", "add"],
             valid: [("--protects", uuid), ("--instrument", "VIX 2026-03-18 C 25"), ("--quantity", "10"), ("--price", "1.35"), ("--fees", "6.5"),
                     ("--tier", "1"), ("--at", at), ("--id", uuid), ("--reason", "hedge")] + signals,
             wrong: [("--protects", "x"), ("--portfolio", ""), ("--instrument", "SPY"), ("--quantity", "0"), ("--price", "-1"), ("--fees", "x"),
                     ("--tier", "0"), ("--at", "x"), ("--id", "x"), ("--reason", "\u{0}")] + wrongSignals),
        Case(words: ["hedge", "reduce"], valid: [("--quantity", "4"), ("--price", "2.5"), ("--fees", "1"), ("--at", at), ("--reason", "r")] + signals,
             positional: uuid,
             wrong: [("LAYER", "x"), ("--quantity", "1.5"), ("--price", "x"), ("--fees", "-1"), ("--at", "x"), ("--reason", "\u{0}")] + wrongSignals),
        Case(words: ["hedge", "close"], valid: [("--price", "0.8"), ("--fees", "3"), ("--at", at), ("--reason", "r")] + signals, positional: uuid,
             wrong: [("LAYER", ""), ("--price", "x"), ("--fees", "-1"), ("--at", "x"), ("--reason", "\u{0}")] + wrongSignals),
        Case(words: ["mark"],
             valid: [("--at", at), ("--spx", "5012.37"), ("--vix", "19.5"), ("--vix9d", "21"), ("--vix3m", "20.2"), ("--advance-decline", "-300"),
                     ("--vx", "2026-03=20.1"), ("--vx", "2026-04=20.6"), ("--quote", "2026-03-20 P 4900=8.1/8.6@0.22"), ("--feed", "spx2")],
             wrong: [("--at", "x"), ("--spx", "0"), ("--vix", "-1"), ("--vix9d", "0"), ("--vix3m", "abc"), ("--advance-decline", "2e9"),
                     ("--vx", "2026-03:20"), ("--vx", "2026-04=20.1"), ("--quote", "2026-03-20 P 4900=9/8"), ("--feed", "BAD")]),
        Case(words: ["void"], valid: [("--reason", "wrong")], positional: uuid, wrong: [("EVENT-ID", ""), ("--reason", "\u{0}")]),
        Case(words: ["portfolio", "add"], valid: [], positional: "income desk", wrong: [("NAME", "")]),
    ]

    /// `valid` with each `(flag, value)` of `changes` replacing that flag's first value (or added).
    static func arguments(_ c: Case, changing changes: [(String, String)]) -> [String] {
        var pairs = c.valid
        var positional = c.positional
        for (flag, value) in changes {
            if !flag.hasPrefix("--") {
                positional = value
            } else if flag == "--vx", value.hasPrefix("2026-04=") {
                pairs.append((flag, value))  // a second month twice
            } else if let index = pairs.firstIndex(where: { $0.0 == flag }) {
                pairs[index].1 = value
            } else {
                pairs.append((flag, value))
            }
        }
        return (positional.map { [$0] } ?? []) + pairs.flatMap { [$0.0, $0.1] }
    }

    /// `arguments` without `flag` and its value.
    static func without(_ flag: String, _ arguments: [String]) -> [String] {
        guard let index = arguments.firstIndex(of: flag) else { return arguments }
        return Array(arguments[..<index] + arguments[(index + 2)...])
    }

    enum Outcome: Equatable {
        case command(LedgerCommand)
        case refused(LedgerValidationError)
        case other(String)
    }

    static func outcome(_ body: () throws -> LedgerCommand) -> Outcome {
        do { return .command(try body()) } catch let error as LedgerValidationError { return .refused(error) } catch { return .other("\(error)") }
    }

    /// The command line's outcome (swift-argument-parser, then the command's own fields).
    static func commandLine(_ words: [String], _ arguments: [String]) -> Outcome {
        outcome {
            let parsed = try ALVH.parseAsRoot(words + arguments)
            guard let command = parsed as? any RecordingCommand else { throw CLIFailure(.failure, "not a recording command") }
            return try command.ledgerCommand()
        }
    }

    /// A CSV row's (and command-line-like tokens') outcome.
    static func text(_ words: [String], _ arguments: [String]) -> Outcome {
        outcome { try LedgerCommand.parse(name: words.joined(separator: " "), arguments: CommandArguments(tokens: arguments)) }
    }

    @Test(arguments: cases.indices)
    func everyFieldAndEveryPairOfFieldsGivesTheSameFirstError(index: Int) {
        let c = Self.cases[index]
        let valid = Self.commandLine(c.words, Self.arguments(c, changing: []))
        #expect(valid == Self.text(c.words, Self.arguments(c, changing: [])), "\(c.words): valid")
        guard case .command = valid else { Issue.record("\(c.words): the valid arguments are refused: \(valid)"); return }
        var checked = 0
        for (i, first) in c.wrong.enumerated() {
            for second in [nil] + c.wrong[(i + 1)...].map(Optional.some) {
                let changes = [first] + (second.map { [$0] } ?? [])
                let arguments = Self.arguments(c, changing: changes)
                let cli = Self.commandLine(c.words, arguments)
                #expect(cli == Self.text(c.words, arguments), "\(c.words) \(arguments)")
                if case .refused = cli {} else { Issue.record("\(c.words) \(arguments) was not refused: \(cli)") }
                checked += 1
            }
        }
        #expect(checked == c.wrong.count * (c.wrong.count + 1) / 2)
    }

    /// Messages as the user sees them (`alvh: FIELD: RULE`, exit 2), for fields the end-to-end
    /// tests do not cover, and the first of several errors in field order, not command-line order.
    @Test func messagesAndTheirOrderAreTheLedgers() {
        let open = Self.cases[0]
        let expectations: [([String], String)] = [
            (Self.arguments(open, changing: [("--rsi", "101")]), "--rsi: must be between 0 and 100 (got 101)"),
            (Self.arguments(open, changing: [("--macd", "1e2")]), "--macd: must be a plain decimal number (got '1e2')"),
            (Self.arguments(open, changing: [("--advance-decline", "2000000000")]), "--advance-decline: must be within ±1e9 (got 2000000000)"),
            (Self.arguments(open, changing: [("--days-to-event", "-1")]), "--days-to-event: must be between 0 and 3660 (got -1)"),
            // Wrong --credit written before a wrong --long-put: the strikes come first, as in a CSV row.
            (["--credit", "1e3"] + Self.without("--credit", Self.arguments(open, changing: [("--long-put", "abc")])),
             "--long-put: strike must be a plain decimal number like 4950 (got 'abc')"),
            (Self.arguments(open, changing: [("--note", "x"), ("--rsi", "200"), ("--credit", "-1")]), "--credit: must not be negative (got -1)"),
        ]
        for (arguments, message) in expectations {
            let outcome = Self.commandLine(["condor", "open"], arguments)
            guard case .refused(let error) = outcome else { Issue.record("\(arguments): \(outcome)"); continue }
            let (status, text) = ErrorReporting.describe(error)
            #expect(status == .usage && text == "alvh: " + message, "\(arguments)")
        }
        let mark = Self.cases[8]
        let markMessages: [([(String, String)], String)] = [
            ([("--vx", "2026-04=20.1")], "--vx: gives month 2026-04 twice"),
            ([("--feed", "BAD")], "--feed: must be 1–40 characters of a–z, 0–9, - or _ (got 'BAD')"),
            ([("--advance-decline", "2e9")], "--advance-decline: must be a plain decimal number within ±1e9 (got '2e9')"),
            ([("--vix9d", "0"), ("--vx", "2026-03:20")], "--vx: expected 'YYYY-MM=PRICE' (got '2026-03:20')"),
        ]
        for (changes, message) in markMessages {
            guard case .refused(let error) = Self.commandLine(["mark"], Self.arguments(mark, changing: changes)) else { Issue.record("\(changes)"); continue }
            #expect(error.description == message, "\(changes)")
        }
        let add = Self.cases[5]
        guard case .refused(let both) = Self.commandLine(["hedge", "add"], Self.arguments(add, changing: [("--portfolio", "main"), ("--instrument", "SPY")])) else {
            Issue.record("protects and portfolio"); return
        }
        #expect(both.description == "--protects: give either --protects or --portfolio, not both")
        guard case .refused(let twice) = Self.commandLine(["hedge", "add"], Self.arguments(add, changing: [("--protects", Self.uuid + "," + Self.uuid)])) else {
            Issue.record("protects twice"); return
        }
        #expect(twice.description == "--protects: lists condor \(Self.uuid) twice")
    }

    /// A missing option is swift-argument-parser's to report, before any field's rule.
    @Test func aMissingOptionComesBeforeAWrongValue() {
        do {
            _ = try ALVH.parseAsRoot(["condor", "open", "--credit", "1e3", "--portfolio", "main"])
            Issue.record("parsed without --underlying")
        } catch {
            #expect(ALVH.exitCode(for: error) == .validationFailure)
            #expect(ALVH.fullMessage(for: error).contains("Missing expected argument '--underlying <SPX|SPXW|XSP>'"))
        }
    }
}
