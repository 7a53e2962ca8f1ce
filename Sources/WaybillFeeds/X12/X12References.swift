import Foundation

/// What an L11/N9 reference qualifier (element 128) says its number is, and where a 214 names
/// who signed.
enum X12References {
    /// Numbers of the goods at a carrier: CN carrier's reference (PRO), 2I tracking number, 08
    /// carrier-assigned package id, 97 package number (Canada Post repeats its 16-digit parcel
    /// number as `L11*…*97`), AW air waybill, WY waybill. Everything else (BM bill of lading,
    /// PO, CR customer reference, SI shipper's id, ...) is the merchant's reference.
    static let parcelQualifiers: Set<String> = ["CN", "2I", "08", "97", "AW", "WY"]

    static func isParcel(_ qualifier: String?) -> Bool {
        qualifier.map { parcelQualifiers.contains($0.uppercased()) } ?? false
    }

    /// Remark prefixes that introduce the name of who signed ("SIGNED BY: J SMITH").
    static let signaturePrefixes = ["SIGNED FOR BY", "SIGNED BY", "SIGNATURE", "RECEIVED BY", "POD NAME", "SIGNER", "SIGNEE"]

    /// The signatory a K1 remark names, nil when it names none.
    static func signatory(in remarks: [String]) -> String? {
        let text = remarks.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        let upper = text.uppercased()
        guard let prefix = signaturePrefixes.first(where: { upper.hasPrefix($0) }) else { return nil }
        let name = text.dropFirst(prefix.count).trimmingCharacters(in: CharacterSet(charactersIn: " :-=").union(.whitespaces))
        return SignatoryName.cleaned(name)
    }
}
