import WaybillCore

/// UPS codes. Three namespaces, looked up in this order (see `UPSAdapter.entry`):
/// - `type/scan code` (`I/AR`): only scan codes whose meaning does not depend on anything else.
///   X-type scan codes (`RZ`, `BB`) are deliberately absent: one code means "pending release" and
///   "released" alike, and only the 3-digit status code tells them apart.
/// - the 3-digit status description code (`021`), the most normalized field.
/// - the bare activity type (`D`, `I`, `M`, `MV`, `X`, `P`) as the coarse fallback.
/// `000` is UPS's "no status code" and is never looked up.
extension UPSAdapter {
    static let table = CarrierMapping(carrier: "ups", version: 1, entries: [
        // Scan codes qualified by activity type.
        .init("M/MP", "Shipper created a label, UPS has not received the package yet", .infoReceived, .labelCreated),
        .init("P/PU", "Pickup Scan", .inTransit, .pickedUp),
        .init("I/OR", "Origin Scan", .inTransit, .arrivedFacility),
        .init("I/XD", "Drop-Off (the shipper left the package at a UPS location)", .inTransit, .pickedUp),
        .init("I/YP", "Processing at UPS Facility / Preparing for Delivery", .inTransit, .processedAtFacility),
        .init("I/AR", "Arrived at Facility", .inTransit, .arrivedFacility),
        .init("I/DP", "Departed from Facility", .inTransit, .departedFacility),
        .init("I/OT", "Out For Delivery Today", .outForDelivery, .outForDelivery),
        .init("I/OF", "Out For Delivery", .outForDelivery, .outForDelivery),
        .init("I/OD", "Out For Delivery", .outForDelivery, .outForDelivery),
        .init("D/FS", "Delivered", .delivered, .deliveredDoor),
        .init("D/KB", "Delivered", .delivered, .deliveredDoor),
        .init("D/F4", "Delivered", .delivered),
        // Status description codes.
        .init("003", "Shipment Ready for UPS", .infoReceived, .labelCreated),
        .init("005", "On the Way", .inTransit, coarse: true),
        .init("006", "Out for Delivery", .outForDelivery, .outForDelivery),
        .init("021", "Out for Delivery", .outForDelivery, .outForDelivery),
        .init("037", "Out for Delivery", .outForDelivery, .outForDelivery),
        .init("089", "Out for Delivery", .outForDelivery, .outForDelivery),
        .init("091", "Out for Delivery", .outForDelivery, .outForDelivery),
        .init("162", "Out for Delivery", .outForDelivery, .outForDelivery),
        .init("072", "Loaded on Delivery Vehicle", .outForDelivery, .outForDelivery),
        .init("007", "Shipment Voided", .exception, .cancelled, reason: .senderRequest),
        .init("011", "Delivered", .delivered),
        .init("026", "Delivered by Post Office", .delivered, .deliveredMailbox),
        // Clearance in progress is the normal path of an import: in transit, not an exception.
        .init("012", "Clearance in Progress", .inTransit, .customsPending),
        .init("092", "Clearance in Progress", .inTransit, .customsPending),
        .init("014", "Clearance Completed", .inTransit, .customsCleared),
        .init("058", "Clearance Information Required", .exception, .heldByCustoms, reason: .customsDocuments, action: true),
        .init("124", "Clearance Information Required", .exception, .heldByCustoms, reason: .customsDocuments, action: true),
        .init("125", "Clearance Information Required", .exception, .heldByCustoms, reason: .customsDocuments, action: true),
        .init("013", "Exception", .exception, .heldByCarrier),
        .init("017", "Held for Pickup / Ready for Pickup", .availableForPickup, .awaitingCollection, action: true),
        .init("040", "Held for Pickup / Ready for Pickup", .availableForPickup, .awaitingCollection, action: true),
        .init("161", "Delivered to UPS Access Point", .availableForPickup, .awaitingCollection, action: true),
        .init("022", "Delivery Attempt Made", .attemptFailed, .deliveryRescheduled),
        .init("023", "Delivery Attempt Made", .attemptFailed, .deliveryRescheduled),
        .init("024", "Delivery Attempt Made", .attemptFailed, .deliveryRescheduled),
        .init("060", "Delivery Attempt Made", .attemptFailed, .deliveryRescheduled),
        .init("061", "Delivery Attempt Made", .attemptFailed, .deliveryRescheduled),
        .init("062", "Delivery Attempt Made", .attemptFailed, .deliveryRescheduled),
        .init("032", "Delay", .inTransit, .deliveryRescheduled, reason: .carrierDelay),
        .init("046", "Delay", .inTransit, .deliveryRescheduled, reason: .carrierDelay),
        .init("048", "Delay", .inTransit, .deliveryRescheduled, reason: .carrierDelay),
        .init("086", "Delay", .inTransit, .deliveryRescheduled, reason: .carrierDelay),
        .init("090", "Delay", .inTransit, .deliveryRescheduled, reason: .carrierDelay),
        .init("051", "Weather Delay", .inTransit, .deliveryRescheduled, reason: .weather),
        .init("052", "Weather Delay", .inTransit, .deliveryRescheduled, reason: .weather),
        .init("053", "Weather Delay", .inTransit, .deliveryRescheduled, reason: .weather),
        .init("033", "Returning to Sender", .returnedToSender, .returnInitiated),
        .init("034", "Returning to Sender", .returnedToSender, .returnInitiated),
        .init("035", "Returning to Sender", .returnedToSender, .returnInitiated),
        .init("036", "Returned to Sender", .returnedToSender, .returnedToSender),
        .init("038", "Picked Up", .inTransit, .pickedUp),
        .init("160", "We Have Your Package", .inTransit, .pickedUp),
        .init("059", "Damage Reported", .exception, .damaged, reason: .damaged),
        .init("064", "Refused by Receiver", .exception, .refused, reason: .refused),
        .init("068", "Package in Lost and Found", .exception, .lost, reason: .lost),
        .init("069", "Unable to Deliver", .exception, .heldByCarrier),
        .init("071", "Preparing for Delivery / Processing", .inTransit, .processedAtFacility),
        // Activity types: broad, so the activity's text refines them ("I" covers every scan from
        // origin to out for delivery; "X" weather delays, failed attempts and address problems).
        .init("D", "Delivered", .delivered, coarse: true),
        .init("I", "In Transit", .inTransit, coarse: true),
        .init("M", "Billing Information Received (manifest)", .infoReceived, .manifestReceived, coarse: true),
        .init("MV", "Billing Information Voided", .exception, .cancelled, reason: .senderRequest),
        .init("P", "Pickup", .inTransit, .pickedUp, coarse: true),
        .init("X", "Exception", .exception, coarse: true),
    ])
}
