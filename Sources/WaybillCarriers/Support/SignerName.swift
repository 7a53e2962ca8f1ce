/// A carrier's "signed by" value kept only when it is a person's name (DESIGN.md: `signed_by`
/// holds a name or nothing). Carriers fill the field with other things: "Signature not
/// required", "N/A", "SIGNATURE WAIVED", DHL Express's authority-to-leave mark "ATL FD", times,
/// account numbers.
enum SignerName {
    /// The trimmed value when it reads as a name, else nil.
    static func name(_ text: String) -> String? {
        guard let value = CarrierText.clean(text), value.contains(where: \.isLetter),
              !value.contains(where: \.isNumber) else { return nil }
        let words = value.uppercased().split(whereSeparator: { !$0.isLetter })
        guard let first = words.first else { return nil }
        if notNames.contains(words.joined(separator: " ")) { return nil }
        // Authority to leave ("ATL", "ATL FD" = front door): left without a signature.
        if first == "ATL" { return nil }
        if words.contains(where: { placeholderWords.contains(String($0)) }) { return nil }
        return value
    }

    /// Whole values that are not names.
    static let notNames: Set<String> = [
        "N A", "NA", "NONE", "NULL", "NIL", "UNKNOWN", "NOT APPLICABLE", "NOT REQUIRED", "NO SIGNATURE", "RELEASED",
    ]

    /// Words that mark a value as a statement about the signature rather than a signer.
    static let placeholderWords: Set<String> = [
        "SIGNATURE", "SIGNED", "WAIVED", "REQUIRED", "UNSIGNED", "RELEASE", "PHOTO", "CONTACTLESS", "COVID",
    ]
}
