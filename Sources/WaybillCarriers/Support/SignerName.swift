import Foundation

/// A shipment's or event's `signed_by` holds a person's name or nothing (DESIGN.md): carriers
/// put other things in their signer fields ("Signature not required", "N/A", "true", "Left at
/// front desk", a name followed by a shop id).
enum SignerName {
    /// The name in a carrier's signer field, or nil when the field holds no name.
    static func name(_ text: String?) -> String? {
        guard var name = CarrierFields.text(text) else { return nil }
        // GLS writes the signer with the ParcelShop id: "TANGER(2760236908)".
        if name.hasSuffix(")"), let open = name.lastIndex(of: "("),
           name[name.index(after: open)..<name.index(before: name.endIndex)].allSatisfy(\.isNumber) {
            name = String(name[..<open]).trimmingCharacters(in: .whitespaces)
        }
        guard name.contains(where: \.isLetter) else { return nil }
        let folded = name.lowercased()
        if notNames.contains(folded.trimmingCharacters(in: CharacterSet(charactersIn: ".:"))) { return nil }
        if notNamePhrases.contains(where: folded.contains) { return nil }
        return name
    }

    /// Whole values that stand for "no name".
    static let notNames: Set<String> = [
        "n/a", "na", "n.a", "none", "null", "nil", "unknown", "true", "false", "yes", "no", "-", "not available",
        "unterschrift", "signature", "signed",
    ]

    /// Words that show a delivery note or a signature rule rather than a person.
    static let notNamePhrases = [
        "signature", "not required", "waived", "left at", "left in", "left with", "front desk", "front door", "back door",
        "porch", "mailbox", "mail box", "mailroom", "mail room", "parcel locker", "safe place", "safeplace",
        "driver release", "released", "no signature", "not signed",
    ]
}
