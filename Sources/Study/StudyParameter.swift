import Foundation
import Ledger
import Strategy

/// One value of a grid parameter, validated against its parameter's rule.
public enum StudyValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case integer(Int)
    case fraction(Decimal)
    /// "none": no time exit / hold to expiry.
    case none
    case choice(String)

    public var description: String {
        switch self {
        case .number(let x): "\(x)"
        case .integer(let n): "\(n)"
        case .fraction(let d): "\(d)"
        case .none: "none"
        case .choice(let s): s
        }
    }
}

/// A parameter `--grid NAME=v1,v2,…` can vary: its name (the flag's words), the policies that read
/// it, its unit and rule, how a value is read, and where it goes in the backtest's parameters.
public struct StudyParameter: Sendable {
    public let name: String
    /// The policies whose candidates vary it (a parameter the policy does not read is not varied).
    public let policies: Set<BacktestPolicy>
    /// Unit and rule, for the help and the errors.
    public let rule: String
    let read: @Sendable (String) -> StudyValue?
    let write: @Sendable (StudyValue, inout BacktestParameters) -> Void

    /// Reads one value; the error names `--grid`, the parameter and its rule.
    public func value(_ text: String) throws -> StudyValue {
        guard !text.isEmpty else { throw StrategyError.invalidInput(field: "--grid \(name)", rule: "has an empty value (\(rule))") }
        guard let value = read(text) else { throw StrategyError.invalidInput(field: "--grid \(name)", rule: "'\(text)' is not valid: \(rule)") }
        return value
    }

    /// `parameters` with `value` set.
    public func applied(_ value: StudyValue, to parameters: BacktestParameters) -> BacktestParameters {
        var copy = parameters
        write(value, &copy)
        return copy
    }

    static func number(_ name: String, _ policies: Set<BacktestPolicy>, _ range: ClosedRange<Double>, _ rule: String,
                       _ set: @escaping @Sendable (inout BacktestParameters, Double) -> Void) -> StudyParameter {
        StudyParameter(name: name, policies: policies, rule: rule,
                       read: { Double($0).flatMap { $0.isFinite && range.contains($0) ? .number($0) : nil } },
                       write: { if case .number(let x) = $0 { set(&$1, x) } })
    }

    static func integer(_ name: String, _ policies: Set<BacktestPolicy>, _ range: ClosedRange<Int>, _ rule: String, noneAllowed: Bool = false,
                        _ set: @escaping @Sendable (inout BacktestParameters, Int?) -> Void) -> StudyParameter {
        StudyParameter(name: name, policies: policies, rule: rule,
                       read: { text in
                           if noneAllowed, text == "none" { return StudyValue.none }
                           return Int(text).flatMap { range.contains($0) ? .integer($0) : nil }
                       },
                       write: { value, p in
                           if case .integer(let n) = value { set(&p, n) } else if case .none = value { set(&p, nil) }
                       })
    }

    static func fraction(_ name: String, _ policies: Set<BacktestPolicy>, _ rule: String, valid: @escaping @Sendable (Decimal) -> Bool,
                         _ set: @escaping @Sendable (inout BacktestParameters, Decimal) -> Void) -> StudyParameter {
        StudyParameter(name: name, policies: policies, rule: rule,
                       read: { text in
                           guard text.allSatisfy({ $0.isNumber || $0 == "." }), let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), valid(d) else { return nil }
                           return .fraction(d)
                       },
                       write: { if case .fraction(let d) = $0 { set(&$1, d) } })
    }
}
