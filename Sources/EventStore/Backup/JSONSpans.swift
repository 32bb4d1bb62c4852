/// Finds where each member's value lies in the text of one JSON object, without decoding the values,
/// so a backup line's `data` and `metadata` keep the exact bytes their hash covers.
enum JSONSpans {
    /// Key → byte range of its value, for a top-level object with nothing but whitespace around it;
    /// nil when the text is not one well-formed object (see `JSONScanner.memberSpans`).
    static func members(_ bytes: [UInt8]) -> [String: Range<Int>]? {
        JSONScanner.memberSpans(bytes)
    }
}
