import WaybillCarriers
import WaybillCore

/// IFTSTA status codes (STS C555-4405). Codes of UN/ECE Recommendation 24 (agency 6, GS1's
/// agency 9, or none; meanings as in OASIS UBL TransportationStatusCode and EANCOM,
/// standards.md §1.5) are keyed by the code. Broad ones are `coarse`: the carrier's own text
/// beside them refines them. Codes a carrier defines itself mean different things at different
/// carriers, so they are keyed `<UNB sender id>:<code>` and only known senders are mapped; the
/// rest are classified by their text, or flagged unmapped.
enum IFTSTAMapping {
    /// UNB sender (GLN) of the Nordic parcel carrier of the omniparser sample.
    static let nordicParcelSender = "7080000714520"
    /// UNB sender (GLN) of Dachser SE. Its codes stand without an agency, each with Dachser's
    /// own text in the reason (`STS+11+45+108:::EINGANG UMSCHLAGTERMINAL`); the meanings below
    /// are those texts, from Dachser interchanges of 2013 and 2020.
    static let dachserSender = "4023083000008"

    static let table = CarrierMapping(carrier: "iftsta", version: 2, entries: [
        // UN/ECE Recommendation 24
        .init("1", "Arrival completed", .inTransit, .arrivedFacility, coarse: true),
        .init("1E", "Arrived (GS1)", .inTransit, .arrivedFacility, coarse: true),
        .init("12", "Cleared by customs", .inTransit, .customsCleared),
        .init("13", "Collection/pick-up completed", .inTransit, .pickedUp),
        .init("16", "Crossed border", .inTransit, coarse: true),
        .init("17", "Customs clearance refused", .exception, .heldByCustoms, reason: .customsInspection),
        .init("18", "Damaged in transport", .exception, .damaged, reason: .damaged),
        .init("20", "Delayed in transport", .inTransit, reason: .carrierDelay, coarse: true),
        .init("21", "Delivery completed", .delivered),
        .init("22", "Delivery completed, as per instruction", .delivered),
        .init("23", "Delivery not completed", .attemptFailed, coarse: true),
        .init("24", "Departure completed", .inTransit, .departedFacility),
        .init("25", "Departure delayed", .inTransit, reason: .carrierDelay, coarse: true),
        .init("27", "Despatch completed", .inTransit, .departedFacility),
        .init("29", "Unloaded", .inTransit, .arrivedFacility),
        .init("31", "En route", .inTransit, .inTransitToDestination, coarse: true),
        .init("35", "Forwarded to destination", .inTransit, .inTransitToDestination, coarse: true),
        .init("39", "Released from bond", .inTransit, .customsCleared),
        .init("40", "Arrival at port", .inTransit, .arrivedFacility),
        .init("41", "Handed over under continued responsibility", .inTransit, .handedToLastMile, coarse: true),
        // "Consignee informed" says nothing of where the goods wait or whether the consignee
        // must act: an arrival, which the carrier's text may refine.
        .init("45", "Arrival, consignee informed", .inTransit, .arrivedFacility, coarse: true),
        .init("49", "Lost (EANCOM)", .exception, .lost, reason: .lost),
        .init("76E", "Not collected (GS1)", .exception, .heldByCarrier, reason: .unclaimed, action: true),
        // IATA Cargo-IMP status codes, which air freight forwarders send in STS (DB Schenker
        // `STS+1:BKD`); three letters, so they cannot be taken for Recommendation 24's numbers.
        .init("BKD", "Booked", .infoReceived, .manifestReceived),
        .init("FOH", "Freight on hand", .inTransit, .pickedUp),
        .init("RCS", "Received from shipper", .inTransit, .pickedUp),
        .init("MAN", "Manifested", .inTransit, .processedAtFacility),
        .init("PRE", "Prepared for loading", .inTransit, .processedAtFacility),
        .init("DEP", "Departed", .inTransit, .departedFacility),
        .init("ARR", "Arrived", .inTransit, .arrivedFacility),
        .init("RCF", "Received from flight", .inTransit, .arrivedFacility),
        .init("RCT", "Received from other airline", .inTransit, .arrivedFacility),
        .init("TFD", "Transferred to other airline", .inTransit, .handedToLastMile),
        .init("CCD", "Cleared by customs", .inTransit, .customsCleared),
        .init("NFD", "Consignee notified for delivery", .inTransit, .arrivedFacility, coarse: true),
        .init("AWD", "Documents delivered to consignee", .inTransit, coarse: true),
        .init("DLV", "Delivered to consignee", .delivered),
        .init("DIS", "Discrepancy", .exception, .heldByCarrier),
        // Agency 87 codes of sender 7080000714520; meanings are the texts that sender sends with them.
        .init("\(nordicParcelSender):I", "DELIVERED", .delivered),
        .init("\(nordicParcelSender):Q", "ARRIVED AT POST OFFICE", .availableForPickup, .awaitingCollection, action: true),
        .init("\(nordicParcelSender):S", "REFORWARDED", .inTransit, .inTransitToDestination),
        .init("\(nordicParcelSender):V", "ERROR OCCURRED IN PROCESSING", .exception, .heldByCarrier),
        // Dachser's codes (category 11), meanings from its texts.
        .init("\(dachserSender):21", "ZUGESTELLT", .delivered),
        .init("\(dachserSender):45", "EINGANG UMSCHLAGTERMINAL", .inTransit, .arrivedFacility),
        .init("\(dachserSender):56", "KEINE ZUSTELLUNG - AVIS", .attemptFailed, reason: .consigneeNotHome),
        .init("\(dachserSender):113", "IN ZUSTELLUNG", .outForDelivery, .outForDelivery),
    ])

    /// Agencies whose codes are Recommendation 24's: none given, 6 (UN/ECE), 9 (GS1).
    static let standardAgencies: Set<String> = ["6", "9"]

    /// The table entry of a status, nil when unknown: the sender's own code first, then
    /// Recommendation 24 unless the agency says the code is someone else's. Each code of the
    /// status is tried in order (UPS writes two, `STS+1:D2:21`).
    static func entry(codes: [String], agency: String?, sender: String?) -> CarrierMapping.Entry? {
        for code in codes {
            if let sender, let entry = table.entry(for: "\(sender):\(code)") { return entry }
        }
        guard agency.map({ standardAgencies.contains($0) }) ?? true else { return nil }
        for code in codes {
            if let entry = table.entry(for: code) { return entry }
        }
        return nil
    }
}
