import WaybillCore

/// USPS event codes (Publication 199 appendix; observed in Tracking v3 and TrackV2). Codes
/// are matched as text: USPS sends "01", never 1 (karrio compared with "1" and never matched).
extension USPSAdapter {
    static let table = CarrierMapping(carrier: "usps", version: 1, entries: [
        .init("GX", "Shipping Label Created, USPS Awaiting Item", .infoReceived, .labelCreated),
        .init("MA", "Pre-Shipment, USPS Awaiting Item (electronic manifest received)", .infoReceived, .manifestReceived),
        .init("80", "Picked Up by Shipping Partner, USPS Awaiting Item", .inTransit, .pickedUp),
        .init("81", "Arrived Shipping Partner Facility, USPS Awaiting Item", .inTransit, .arrivedFacility),
        .init("82", "Departed Shipping Partner Facility, USPS Awaiting Item", .inTransit, .departedFacility),
        .init("03", "USPS in possession of item / Accepted at USPS Origin Facility / Picked up", .inTransit, .pickedUp),
        .init("SF", "Departed Post Office", .inTransit, .departedFacility),
        .init("10", "Arrived at USPS Regional (Origin) Facility", .inTransit, .arrivedFacility),
        .init("A1", "Arrived at USPS Facility", .inTransit, .arrivedFacility),
        .init("T1", "Departed USPS Facility", .inTransit, .departedFacility),
        .init("EF", "Departed USPS Facility (legacy)", .inTransit, .departedFacility),
        .init("TL", "In Transit to Next Facility", .inTransit, .inTransitToDestination),
        .init("AD", "Accepted at USPS Regional Destination Facility", .inTransit, .arrivedFacility),
        .init("07", "Arrived at Post Office", .inTransit, .arrivedFacility),
        .init("PC", "Sorting Complete", .inTransit, .processedAtFacility),
        .init("OF", "Out for Delivery", .outForDelivery, .outForDelivery),
        .init("01", "Delivered", .delivered),
        .init("17", "Picked Up by Agent", .delivered, .deliveredCollected),
        .init("16", "Available for Pickup", .availableForPickup, .awaitingCollection, action: true),
        .init("02", "Notice Left (No Authorized Recipient Available)", .attemptFailed, .awaitingCollection, reason: .consigneeNotHome, action: true),
        .init("04", "Refused", .exception, .refused, reason: .refused),
        .init("05", "Undeliverable as Addressed", .exception, .addressProblem, reason: .addressIncorrect, action: true),
        .init("06", "Forwarded", .inTransit, .deliveryRescheduled),
        .init("08", "Missent", .inTransit, reason: .missorted),
        .init("09", "Return to Sender", .returnedToSender, .returnInitiated),
        .init("21", "No Such Number", .exception, .addressProblem, reason: .addressIncorrect, action: true),
        .init("22", "Insufficient Address", .exception, .addressProblem, reason: .addressIncomplete, action: true),
        .init("23", "Moved, Left No Address", .returnedToSender, .returnInitiated, reason: .addressIncorrect),
        .init("24", "Forward Expired", .returnedToSender, .returnInitiated, reason: .addressIncorrect),
        .init("25", "Addressee Unknown", .returnedToSender, .returnInitiated, reason: .addressIncorrect),
        .init("26", "Vacant", .returnedToSender, .returnInitiated, reason: .addressIncorrect),
        .init("27", "Unclaimed", .returnedToSender, .returnInitiated, reason: .unclaimed),
        .init("28", "Deceased", .returnedToSender, .returnInitiated, reason: .other),
        .init("29", "Return to Sender - Not Picked Up", .returnedToSender, .returnInitiated, reason: .unclaimed),
        .init("44", "Customer Recall", .returnedToSender, .returnInitiated, reason: .senderRequest),
    ])

    /// "Delivered" (01) says where in its wording only ("Delivered, Parcel Locker"); the code is
    /// the same, so the substatus comes from the text.
    static func deliveredSubstatus(_ description: String?) -> Substatus? {
        let text = description?.lowercased() ?? ""
        if text.includes("locker") { return .deliveredLocker }
        if text.includes("mailbox") || text.includes("mail room") { return .deliveredMailbox }
        if text.includes("neighbor") { return .deliveredNeighbour }
        if text.includes("post office") || text.includes("picked up") { return .deliveredCollected }
        if text.includes("individual") { return .deliveredSigned }
        if text.includes("front desk") || text.includes("reception") || text.includes("porch") || text.includes("door") { return .deliveredDoor }
        return nil
    }
}
