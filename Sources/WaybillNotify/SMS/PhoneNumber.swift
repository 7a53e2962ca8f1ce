import WaybillCore

/// A phone number in E.164 form: `+`, a country code not starting with 0, at most 15 digits in all.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    public let e164: String

    /// Accepts `+33 6 12-34-56-78` style input (spaces, hyphens, dots and parentheses are dropped).
    public init?(_ text: String) {
        let compact = text.trimmed.filter { !" -.()\u{00A0}".contains($0) }
        guard compact.hasPrefix("+") else { return nil }
        let digits = compact.dropFirst()
        guard (8...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0" else {
            return nil
        }
        e164 = compact
    }

    /// The number, or an error naming `field` that says what E.164 looks like.
    public static func parse(_ text: String, field: String) throws(ChannelSettingsError) -> PhoneNumber {
        guard let number = PhoneNumber(text) else {
            throw ChannelSettingsError(field: field, "must be a phone number in E.164 form, e.g. +14155550123; got \"\(text)\"")
        }
        return number
    }

    public var description: String { e164 }
}
