import WaybillCore

/// Text clean-up shared by the adapters: trimmed, with an empty value read as absent.
enum CarrierText {
    /// The text without surrounding whitespace, nil when nothing is left. Same result as
    /// `trimmed` followed by an emptiness check; most carrier values start and end with a
    /// printable ASCII character and are returned as they are, without walking their scalars.
    @inline(__always)
    static func clean(_ text: String?) -> String? {
        guard let text, let first = text.utf8.first, let last = text.utf8.last else { return nil }
        if isASCIINonWhitespace(first), isASCIINonWhitespace(last) { return text }
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An ASCII byte that `trimmed` keeps (its whitespace is space and U+0009…U+000D).
    @inline(__always)
    static func isASCIINonWhitespace(_ byte: UInt8) -> Bool {
        byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte)
    }
}
