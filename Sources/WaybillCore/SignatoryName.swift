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
        let key = comparisonKey(trimmed)
        guard !key.isEmpty else { return nil } // no letter: a time, an id, a dash
        if placeholders.contains(key) || notNameWords.contains(where: { key.includes($0) }) { return nil }
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

    /// The letters of `text` in lower case, words separated by single spaces; everything else
    /// dropped ("N/A" → "na"). Built as UTF-8 bytes: Character's `isLetter` and `lowercased()`,
    /// and appending scalars one by one to a `String.UnicodeScalarView`, were most of this
    /// check's time.
    static func comparisonKey(_ text: String) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x20 {
                pendingSpace = true
                continue
            }
            let isUpper = (0x41...0x5A).contains(value)
            let isLower = (0x61...0x7A).contains(value)
            guard isUpper || isLower || (value >= 0x80 && scalar.properties.isAlphabetic) else { continue }
            if pendingSpace, !key.isEmpty { key.append(0x20) }
            pendingSpace = false
            if isUpper {
                key.append(UInt8(value) + 32)
            } else if isLower {
                key.append(UInt8(value))
            } else {
                key.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// Words that make a value a note rather than a name (English and German).
    static let notNameWords = [
        "signature", "not required", "waived", "no sig", "sig not", "not signed", "driver release", "released", "see image",
        "on file", "unsigned", "photo", "required", "left at", "left in", "left with", "front desk", "unterschrift", "keine angabe", "contactless", "no contact", "covid",
    ]
}
