import WaybillCore

/// USPS event codes (Publication 199 appendix; observed in Tracking v3 and TrackV2; the Web
/// Tools code list as published in the Perl USPS::WebTools::Tracking::Codes module; `OA` from a
/// real v3 response, "Accepted at USPS Origin Sort Facility"). Codes are matched as text: USPS
/// sends "01", never 1 (karrio compared with "1" and never matched). A code missing here is
/// classified from its text (`PhraseClassifier`).
extension USPSAdapter {
    static let table = CarrierMapping(carrier: "usps", version: 1, entries: [
        .init("GX", "Shipping Label Created, USPS Awaiting Item", .infoReceived, .labelCreated),
        .init("MA", "Pre-Shipment, USPS Awaiting Item (electronic manifest received)", .infoReceived, .manifestReceived),
        .init("80", "Picked Up by Shipping Partner, USPS Awaiting Item", .inTransit, .pickedUp),
        .init("81", "Arrived Shipping Partner Facility, USPS Awaiting Item", .inTransit, .arrivedFacility),
        .init("82", "Departed Shipping Partner Facility, USPS Awaiting Item", .inTransit, .departedFacility),
        .init("03", "USPS in possession of item / Accepted at USPS Origin Facility / Picked up", .inTransit, .pickedUp),
        .init("OA", "Accepted at USPS Origin (Sort) Facility", .inTransit, .pickedUp),
        .init("TM", "Shipment Acceptance (truck manifest)", .inTransit, .pickedUp),
        .init("PA", "Shipment Acceptance (passive acceptance)", .inTransit, .pickedUp),
        .init("43", "Picked Up", .inTransit, .pickedUp),
        .init("19", "Arrived at USPS facility (DC eVS arrive)", .inTransit, .arrivedFacility),
        .init("41", "Received at Opening Unit", .inTransit, .arrivedFacility),
        .init("42", "USPS Handoff to Shipping Partner", .inTransit, .handedToLastMile),
        .init("SF", "Departed Post Office", .inTransit, .departedFacility),
        // One code for "Arrived at USPS Regional Facility" and "Processed through USPS Sort
        // Facility" (both in one real TrackV2 answer): the text tells which.
        .init("10", "Processed / Arrived at USPS Regional Facility", .inTransit, .arrivedFacility, coarse: true),
        .init("A1", "Arrived at USPS Facility", .inTransit, .arrivedFacility),
        .init("T1", "Departed USPS Facility", .inTransit, .departedFacility),
        .init("EF", "Departed USPS Facility (legacy)", .inTransit, .departedFacility),
        .init("TL", "In Transit to Next Facility", .inTransit, .inTransitToDestination),
        .init("AD", "Accepted at USPS Regional Destination Facility", .inTransit, .arrivedFacility),
        .init("07", "Arrived at Post Office / Arrival at Unit", .inTransit, .arrivedFacility),
        .init("14", "Arrival at Pickup Point", .availableForPickup, .awaitingCollection, action: true),
        .init("PC", "Sorting Complete", .inTransit, .processedAtFacility),
        .init("OF", "Out for Delivery", .outForDelivery, .outForDelivery),
        .init("01", "Delivered", .delivered),
        .init("17", "Picked Up by Agent", .delivered, .deliveredCollected),
        .init("16", "Available for Pickup", .availableForPickup, .awaitingCollection, action: true),
        .init("02", "Notice Left (No Authorized Recipient Available)", .attemptFailed, .awaitingCollection, reason: .consigneeNotHome, action: true),
        .init("52", "Notice Left", .attemptFailed, .awaitingCollection, reason: .consigneeNotHome, action: true),
        .init("56", "No Authorized Recipient Available", .attemptFailed, reason: .consigneeNotHome),
        .init("51", "Business Closed", .attemptFailed, reason: .businessClosed),
        .init("53", "Receptacle Blocked", .attemptFailed, reason: .accessProblem),
        .init("30", "Delivery Attempted - No Access to Delivery Location", .attemptFailed, reason: .accessProblem),
        .init("54", "Receptacle Full / Item Oversized", .attemptFailed, reason: .other),
        .init("55", "No Secure Location Available", .attemptFailed, reason: .other),
        .init("71", "Rescheduled to Next Delivery Day", .inTransit, .deliveryRescheduled),
        .init("DX", "Delivery Status Not Updated", .inTransit, informational: true),
        .init("04", "Refused", .exception, .refused, reason: .refused),
        .init("05", "Undeliverable as Addressed", .exception, .addressProblem, reason: .addressIncorrect, action: true),
        .init("06", "Forwarded", .inTransit, .deliveryRescheduled),
        .init("08", "Missent", .inTransit, reason: .missorted),
        .init("15", "Mis-shipped", .inTransit, reason: .missorted),
        .init("11", "Dead Letter (neither deliverable nor returnable: sent to the Mail Recovery Center)", .exception, .heldByCarrier),
        .init("09", "Return to Sender", .returnedToSender, .returnInitiated),
        .init("21", "No Such Number", .exception, .addressProblem, reason: .addressIncorrect, action: true),
        .init("22", "Insufficient Address", .exception, .addressProblem, reason: .addressIncomplete, action: true),
        .init("23", "Moved, Left No Address", .returnedToSender, .returnInitiated, reason: .addressIncorrect),
        .init("24", "Forward Expired", .returnedToSender, .returnInitiated, reason: .addressIncorrect),
        .init("25", "Addressee Unknown", .returnedToSender, .returnInitiated, reason: .addressIncorrect),
        .init("26", "Vacant", .returnedToSender, .returnInitiated, reason: .addressIncorrect),
        .init("27", "Unclaimed", .returnedToSender, .returnInitiated, reason: .unclaimed),
        .init("28", "Deceased", .returnedToSender, .returnInitiated, reason: .other),
        .init("29", "Return to Sender - Other", .returnedToSender, .returnInitiated, reason: .other),
        .init("31", "Return to Sender - Not Picked Up", .returnedToSender, .returnInitiated, reason: .unclaimed),
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
