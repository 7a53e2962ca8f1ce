/// Whitespace trimming without Foundation's `trimmingCharacters(in:)`, which goes through
/// NSString and was a fifth of the time of normalizing a carrier response.
extension StringProtocol {
    /// The text without leading and trailing whitespace (Unicode White_Space: spaces, tabs,
    /// line breaks, no-break spaces).
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !Self.isWhitespace($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return String(self) }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
    }
}
