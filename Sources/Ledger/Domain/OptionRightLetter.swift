import Finance

extension OptionRight {
    /// `C` or `P`, as written in instrument specs and quotes.
    var letter: String { self == .call ? "C" : "P" }
}
