/// What an `RFF` qualifier (1153) says its number is: the parcel's or consignment's own number
/// at a carrier, or the merchant's reference.
enum IFTSTAReference {
    /// Numbers that identify the goods at a carrier, in the order one stands for the
    /// consignment when CNI02 is empty: CW package number (UPS Quantum View writes the 1Z number
    /// in `RFF+CW` before an empty `CNI+1`), CN carrier's reference, AAM waybill, AAS transport
    /// document, BN booking/consignment, SRN shipment reference (Kuehne+Nagel's 16-digit
    /// shipment number before `CNI+1`), HWB and MWB air waybills, BM bill of lading, FF
    /// forwarder's reference.
    static let parcelQualifiers = ["CW", "CN", "AAM", "AAS", "BN", "SRN", "HWB", "MWB", "BM", "FF"]

    /// The merchant's own numbers the carrier echoes: CU consignor's reference, CR customer
    /// reference, ON order, DQ delivery note, AAO consignee's reference, VN supplier's order,
    /// IV invoice, AAN delivery schedule, CO customer order.
    static let merchantQualifiers: Set<String> = ["CU", "CR", "ON", "DQ", "AAO", "VN", "IV", "AAN", "CO", "PO"]

    /// The number that stands for a consignment without CNI02, nil when none does.
    static func trackingNumber(in references: [(qualifier: String, value: String)]) -> String? {
        for qualifier in parcelQualifiers {
            if let match = references.first(where: { $0.qualifier == qualifier }) { return match.value }
        }
        return nil
    }

    static func isParcel(_ qualifier: String) -> Bool { parcelQualifiers.contains(qualifier) }
}
