/// What carriers put in a "signed by" field that is not a person: a waiver ("Signature not
/// required" in a real FedEx TrackReply, "SIGNATURE WAIVED"), a placeholder ("N/A", "-"), an
/// authority-to-leave mark (DHL Express "ATL FD"), a time ("163000" in a UPS response), or the
/// place the parcel was left ("FRONT DOOR"). `signed_by` holds a name or nothing.
public enum SignatoryName {
    /// `text` trimmed when it names someone, else nil.
    public static func name(in text: String?) -> String? {
        guard let text else { return nil }
        var trimmed = text.trimmed
        // GLS writes the signer with the ParcelShop id: "TANGER(2760236908)".
        if trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "("),
           trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)].allSatisfy(\.isNumber) {
            trimmed = String(trimmed[..<open]).trimmed
        }
        guard trimmed.contains(where: \.isLetter) else { return nil }
        let key = trimmed.lowercased().filter { $0.isLetter || $0 == " " }.split(separator: " ").joined(separator: " ")
        if placeholders.contains(key) || notNameWords.contains(where: { contains(key, $0) }) { return nil }
        // Authority to leave (DHL Express "ATL", "ATL FD" = front door): left without a signature.
        if key == "atl" || key.hasPrefix("atl ") { return nil }
        return trimmed
    }

    /// Whole values that stand for nobody.
    static let placeholders: Set<String> = [
        "na", "n a", "none", "nobody", "no name", "not applicable", "null", "nil", "unknown", "not available", "no", "yes", "true", "false", "signed", "x", "xx", "xxx",
        "front door", "back door", "side door", "door", "porch", "front porch", "back porch", "mailbox", "mail box",
        "mailroom", "mail room", "garage", "driveway", "reception", "receptionist", "office", "dock", "loading dock",
        "parcel locker", "locker", "left at door", "left at front door", "safe place", "safeplace",
    ]

    /// Whether `phrase` occurs in `text`, compared as UTF-8 bytes: Foundation's `contains` goes
    /// through NSString and cost a tenth of a one-event normalization.
    static func contains(_ text: String, _ phrase: String) -> Bool {
        let haystack = Array(text.utf8), needle = Array(phrase.utf8)
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Words that make a value a note rather than a name (English and German).
    static let notNameWords = [
        "signature", "not required", "waived", "no sig", "sig not", "not signed", "driver release", "released", "see image",
        "on file", "unsigned", "photo", "required", "left at", "left in", "left with", "front desk", "unterschrift", "keine angabe", "contactless", "no contact", "covid",
    ]
}
