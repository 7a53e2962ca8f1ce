import WaybillCarriers
import WaybillCore

/// IFTSTA status codes (STS C555-4405). Codes in the UN/ECE Recommendation 24 list (agency 6
/// or none; meanings as in OASIS UBL TransportationStatusCode and EANCOM, standards.md §1.5)
/// are keyed by the code. Codes a carrier defines itself (agency 87) mean different things at
/// different carriers, so they are keyed `<UNB sender id>:<code>` and only known senders are
/// mapped; the rest are flagged unmapped.
enum IFTSTAMapping {
    /// UNB sender (GLN) of the Nordic parcel carrier of the omniparser sample.
    static let nordicParcelSender = "7080000714520"

    static let table = CarrierMapping(carrier: "iftsta", version: 1, entries: [
        // UN/ECE Recommendation 24
        .init("1", "Arrival completed", .inTransit, .arrivedFacility),
        .init("1E", "Arrived (GS1)", .inTransit, .arrivedFacility),
        .init("13", "Collection/pick-up completed", .inTransit, .pickedUp),
        .init("18", "Damaged in transport", .exception, .damaged, reason: .damaged),
        .init("20", "Delayed in transport", .inTransit, reason: .carrierDelay),
        .init("21", "Delivery completed", .delivered),
        .init("22", "Delivery completed, as per instruction", .delivered),
        .init("23", "Delivery not completed", .attemptFailed),
        .init("24", "Departure completed", .inTransit, .departedFacility),
        .init("25", "Departure delayed", .inTransit, reason: .carrierDelay),
        .init("27", "Despatch completed", .inTransit, .departedFacility),
        .init("29", "Unloaded", .inTransit, .arrivedFacility),
        .init("31", "En route", .inTransit, .inTransitToDestination),
        .init("35", "Forwarded to destination", .inTransit, .inTransitToDestination),
        .init("40", "Arrival at port", .inTransit, .arrivedFacility),
        .init("45", "Arrival, consignee informed", .availableForPickup, .awaitingCollection, action: true),
        .init("49", "Lost (EANCOM)", .exception, .lost, reason: .lost),
        .init("76E", "Not collected (GS1)", .exception, .heldByCarrier, reason: .unclaimed, action: true),
        // Agency 87 codes of sender 7080000714520; meanings are the texts that sender sends with them.
        .init("\(nordicParcelSender):I", "DELIVERED", .delivered),
        .init("\(nordicParcelSender):Q", "ARRIVED AT POST OFFICE", .availableForPickup, .awaitingCollection, action: true),
        .init("\(nordicParcelSender):S", "REFORWARDED", .inTransit, .inTransitToDestination),
        .init("\(nordicParcelSender):V", "ERROR OCCURRED IN PROCESSING", .exception, .heldByCarrier),
    ])

    /// The table entry of a status code, nil when unknown.
    static func entry(code: String, agency: String?, sender: String?) -> CarrierMapping.Entry? {
        if agency == "87" {
            guard let sender else { return nil }
            return table.entry(for: "\(sender):\(code)")
        }
        return table.entry(for: code)
    }
}
