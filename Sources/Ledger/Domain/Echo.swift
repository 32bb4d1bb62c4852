/// How an error message shows a value the user gave: quoted, and cut to its first 60 characters
/// (with the full length) when longer, so a hostile megabyte is not printed back.
public enum Echo {
    public static let limit = 60

    /// `'abc'`, or `'first 60 characters…' (1048576 characters)`.
    public static func quoted<S: StringProtocol>(_ value: S) -> String {
        let scalars = value.unicodeScalars
        guard scalars.count > limit else { return "'\(value)'" }
        var head = String.UnicodeScalarView()
        head.append(contentsOf: scalars.prefix(limit))
        return "'\(String(head))…' (\(scalars.count) characters)"
    }
}
