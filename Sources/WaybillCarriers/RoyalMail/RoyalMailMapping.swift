import WaybillCore

extension RoyalMailAdapter {
    /// Royal Mail Tracking API v2 event codes. Royal Mail publishes no catalogue (carriers.md
    /// §15); the meanings are Royal Mail's own event names as seen in responses and collected by
    /// integrators. Codes not here stay unmapped, except that the latest event falls back to the
    /// summary's `statusCategory` (the entries with spaces), which Royal Mail does document.
    static let table = CarrierMapping(carrier: "royal_mail", version: 1, entries: [
        .init("EVAIE", "Sender preparing item", .infoReceived, .labelCreated),
        .init("EVAIP", "Sender despatching item", .infoReceived, .manifestReceived),
        .init("EVPPA", "Accepted at Post Office", .inTransit, .pickedUp),
        .init("EVDAV", "Item Received", .inTransit, .arrivedFacility),
        .init("EVDAC", "Item Received", .inTransit, .arrivedFacility),
        .init("EVIMC", "Item Received", .inTransit, .arrivedFacility),
        .init("EVBAV", "Item Received", .inTransit, .arrivedFacility),
        .init("EVIAV", "Item Received", .inTransit, .arrivedFacility),
        .init("EVOAC", "Item received at", .inTransit, .arrivedFacility),
        .init("EVORI", "Arrived at", .inTransit, .arrivedFacility),
        .init("EVODO", "Item despatched to delivery office", .inTransit, .departedFacility),
        .init("EVOCO", "We've received your item and it's now being processed for delivery", .inTransit, .processedAtFacility),
        .init("EVNMI", "Forwarded - Mis-sort", .inTransit, reason: .missorted),
        .init("EVGPD", "Due to be delivered today", .outForDelivery, .outForDelivery),
        .init("EVKNA", "Delivery Attempted - No Answer", .attemptFailed, reason: .consigneeNotHome),
        .init("EVKNR", "Delivery Attempted", .attemptFailed),
        .init("EVNSR", "Item Prepared for Redelivery", .attemptFailed, .deliveryRescheduled),
        .init("EVNDA", "Available for Redelivery or Collection", .availableForPickup, .awaitingCollection, action: true),
        .init("EVPLA", "Available for collection", .availableForPickup, .awaitingCollection, action: true),
        .init("EVKLS", "Delivered to your Collection Point", .availableForPickup, .awaitingCollection, action: true),
        .init("EVPLC", "Collected", .delivered, .deliveredCollected),
        .init("EVKSP", "Delivered and Signed", .delivered, .deliveredSigned),
        .init("EVKSF", "Delivered to Safeplace", .delivered, .deliveredDoor),
        .init("EVKOP", "Delivered", .delivered),
        // summary.statusCategory, for the latest event only.
        .init("IN TRANSIT", "statusCategory: the item is in transit", .inTransit),
        .init("DELIVERED", "statusCategory: the item has been delivered", .delivered),
    ])
}
