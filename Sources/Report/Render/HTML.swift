/// Escaping for text and attribute values in the generated HTML and SVG. Every piece of text from
/// the ledger (portfolio names, reasons, choices) goes through `escape` before it is written.
public enum HTML {
    /// `&`, `<`, `>`, `"` and `'` as character references; safe in text and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// ` name="value"` with the value escaped.
    public static func attribute(_ name: String, _ value: String) -> String { " \(name)=\"\(escape(value))\"" }
}
