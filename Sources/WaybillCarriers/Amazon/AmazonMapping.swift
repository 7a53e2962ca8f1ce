import WaybillCore

extension AmazonAdapter {
    /// Amazon Shipping `eventCode` values (v2 enum plus v1's `Received`, carriers.md §17), with
    /// Amazon's meaning. `RETURNS:`-prefixed entries apply to events on the return leg
    /// (`shipmentType` RETURNS), where "Delivered" means back with the sender.
    static let table = CarrierMapping(carrier: "amazon", version: 1, entries: [
        .init("ReadyForReceive", "Label created, ready for the carrier to receive the package", .infoReceived, .labelCreated),
        .init("PickupDone", "The carrier picked up the package", .inTransit, .pickedUp),
        .init("Received", "Received at a carrier facility (v1)", .inTransit, .arrivedFacility),
        .init("ArrivedAtCarrierFacility", "Arrived at a carrier facility", .inTransit, .arrivedFacility),
        .init("Departed", "Departed a carrier facility", .inTransit, .departedFacility),
        .init("OutForDelivery", "Out for delivery", .outForDelivery, .outForDelivery),
        .init("DeliveryAttempted", "A delivery attempt failed", .attemptFailed),
        .init("AvailableForPickup", "Available for the recipient to pick up", .availableForPickup, .awaitingCollection, action: true),
        .init("RecipientRequestedAlternateDeliveryTiming", "The recipient asked for another delivery time",
              .inTransit, .deliveryRescheduled, reason: .customerRequest),
        .init("Delivered", "Delivered to the recipient", .delivered),
        .init("Undeliverable", "The package cannot be delivered", .exception),
        .init("Rejected", "The recipient rejected the package", .exception, .refused, reason: .refused),
        .init("Lost", "The package is lost", .exception, .lost, reason: .lost),
        .init("PickupCancelled", "The pickup was cancelled", .exception, .cancelled),
        .init("ReturnInitiated", "A return to the sender has started", .returnedToSender, .returnInitiated),
        .init("RETURNS:Delivered", "Delivered on the return leg: back with the sender", .returnedToSender, .returnedToSender),
    ])

    /// `summary.trackingDetailCodes` that refine the latest event of their leg: the cause of a
    /// failure, or how a delivery was made.
    static let detailReasons: [String: Reason] = [
        "CustomerUnavailable": .consigneeNotHome, "BusinessClosed": .businessClosed, "AddressNotFound": .addressIncorrect,
        "Damaged": .damaged, "Rejected": .refused,
    ]
    static let detailDeliveries: [String: Substatus] = ["Signed": .deliveredSigned, "DeliveredToNeighbor": .deliveredNeighbour]
}
