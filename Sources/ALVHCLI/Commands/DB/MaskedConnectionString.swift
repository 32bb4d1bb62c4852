/// A connection string safe to print: the password of a URL (`user:secret@`, `?password=`) or of a
/// keyword string (`password=secret`) becomes `***`; everything else is kept.
enum MaskedConnectionString {
    static let mask = "***"

    static func mask(_ value: String) -> String {
        let lowered = value.lowercased()
        if lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") {
            return maskURL(value)
        }
        return maskKeywords(value)
    }

    private static func maskURL(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let scheme = url[..<schemeEnd.upperBound]
        var rest = url[schemeEnd.upperBound...]
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[mark...]
            rest = rest[..<mark]
        }
        var authority = rest
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[slash...]
        }
        var maskedAuthority = String(authority)
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                maskedAuthority = String(userInfo[..<colon]) + ":" + mask + String(authority[at...])
            }
        }
        let maskedQuery = query.isEmpty ? "" : "?" + query.dropFirst().split(separator: "&", omittingEmptySubsequences: false).map { pair in
            pair.lowercased().hasPrefix("password=") ? "password=" + mask : String(pair)
        }.joined(separator: "&")
        return String(scheme) + maskedAuthority + String(path) + maskedQuery
    }

    /// Walks `keyword = value` pairs (values bare or single-quoted with backslash escapes).
    private static func maskKeywords(_ text: String) -> String {
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            // Copy whitespace, then read a keyword up to '='.
            while index < text.endIndex, text[index].isWhitespace { output.append(text[index]); index = text.index(after: index) }
            var keyword = ""
            while index < text.endIndex, text[index] != "=", !text[index].isWhitespace { keyword.append(text[index]); index = text.index(after: index) }
            output += keyword
            while index < text.endIndex, text[index].isWhitespace { output.append(text[index]); index = text.index(after: index) }
            guard index < text.endIndex, text[index] == "=" else { continue }
            output.append("="); index = text.index(after: index)
            while index < text.endIndex, text[index].isWhitespace { output.append(text[index]); index = text.index(after: index) }
            var value = ""
            if index < text.endIndex, text[index] == "'" {
                value.append("'"); index = text.index(after: index)
                while index < text.endIndex, text[index] != "'" {
                    if text[index] == "\\", text.index(after: index) < text.endIndex {
                        value.append(text[index]); index = text.index(after: index)
                    }
                    value.append(text[index]); index = text.index(after: index)
                }
                if index < text.endIndex { value.append("'"); index = text.index(after: index) }
            } else {
                while index < text.endIndex, !text[index].isWhitespace { value.append(text[index]); index = text.index(after: index) }
            }
            output += keyword.lowercased() == "password" ? mask : value
        }
        return output
    }
}
