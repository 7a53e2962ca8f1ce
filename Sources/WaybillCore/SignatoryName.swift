/// What carriers put in a "signed by" field that is not a person: a waiver ("Signature not
/// required", "SIGNATURE WAIVED"), a placeholder ("N/A", "-"), or the place the parcel was left
/// ("FRONT DOOR"). `signed_by` holds a name or nothing.
public enum SignatoryName {
    /// `text` trimmed when it names someone, else nil.
    public static func name(in text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmed
        guard trimmed.contains(where: \.isLetter) else { return nil }
        let key = trimmed.lowercased().filter { $0.isLetter || $0 == " " }.split(separator: " ").joined(separator: " ")
        if placeholders.contains(key) || notNameWords.contains(where: { key.contains($0) }) { return nil }
        return trimmed
    }

    /// Whole values that stand for nobody.
    static let placeholders: Set<String> = [
        "na", "n a", "none", "null", "nil", "unknown", "not available", "no", "x", "xx", "xxx",
        "front door", "back door", "side door", "door", "porch", "front porch", "back porch", "mailbox", "mail box",
        "mailroom", "mail room", "garage", "driveway", "reception", "receptionist", "office", "dock", "loading dock",
        "parcel locker", "locker", "left at door", "left at front door", "safe place", "safeplace",
    ]

    /// Words that make a value a note rather than a name (English and German).
    static let notNameWords = [
        "signature", "not required", "waived", "no sig", "sig not", "driver release", "released", "see image",
        "on file", "unterschrift", "keine angabe", "contactless", "no contact", "covid",
    ]
}
