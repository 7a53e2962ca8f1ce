/// Who signed for a delivery, as carriers fill the field: a name, or a placeholder that says no
/// one signed. FedEx writes "Signature not required" (real TrackReply, 2014) and "N/A"; carriers
/// also send "SIGNATURE WAIVED", "DRIVER RELEASE", "NONE", "UNKNOWN". Those are not names.
enum SignerName {
    /// The text when it can be a person's name, else nil.
    static func name(_ text: String?) -> String? {
        guard let text = CarrierText.clean(text) else { return nil }
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard !words.isEmpty else { return nil }
        if placeholders.contains(words.joined(separator: " ")) { return nil }
        if words.contains(where: placeholderWords.contains) { return nil }
        return text
    }

    /// Whole values that stand for "nobody".
    static let placeholders: Set<String> = ["n a", "na", "none", "nobody", "unknown", "null", "nil", "not available", "no name"]

    /// Words no name contains but placeholders do ("signature not required", "signature waived",
    /// "driver release", "no signature required", "release on file").
    static let placeholderWords: Set<String> = ["signature", "waived", "required", "release", "released"]
}
