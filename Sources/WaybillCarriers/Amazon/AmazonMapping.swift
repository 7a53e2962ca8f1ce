import WaybillCore

extension AmazonAdapter {
    /// Amazon Shipping `eventCode` values (v2 enum plus v1's `Received`, carriers.md §17), with
    /// Amazon's meaning. `RETURNS:`-prefixed entries apply to events on the return leg
    /// (`shipmentType` RETURNS), where "Delivered" means back with the sender. The `EVENT_xxx`
    /// codes are Amazon's carrier event codes, used by Multi-Channel Fulfillment
    /// (`getPackageTrackingDetails`, meanings from its EventCode enum) and by carriers answering
    /// in Amazon's `AmazonTrackingResponse` XML (A-1 International).
    static let table = CarrierMapping(carrier: "amazon", version: 2, entries: [
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
        // A-1 International sends EVENT_101 as "Shipment has left seller facility and is in
        // transit": coarse, so such a text says more than the code.
        .init("EVENT_101", "Carrier notified to pick up package", .infoReceived, .labelCreated, coarse: true),
        .init("EVENT_102", "Shipment picked up from seller's facility", .inTransit, .pickedUp),
        .init("EVENT_201", "Arrival scan", .inTransit, .arrivedFacility),
        .init("EVENT_202", "Departure scan", .inTransit, .departedFacility),
        .init("EVENT_203", "Arrived at destination country", .inTransit, .arrivedFacility),
        .init("EVENT_204", "Initiated customs clearance process", .inTransit, .customsPending),
        .init("EVENT_205", "Completed customs clearance process", .inTransit, .customsCleared),
        .init("EVENT_206", "In transit to pickup location", .inTransit, .inTransitToDestination),
        .init("EVENT_301", "Delivered", .delivered),
        .init("EVENT_302", "Out for delivery", .outForDelivery, .outForDelivery),
        .init("EVENT_304", "Delivery attempted", .attemptFailed),
        .init("EVENT_306", "Customer contacted to arrange delivery", .inTransit, .deliveryRescheduled),
        .init("EVENT_307", "Delivery appointment scheduled", .inTransit, .deliveryRescheduled),
        .init("EVENT_308", "Available for pickup", .availableForPickup, .awaitingCollection, action: true),
        .init("EVENT_309", "Returned to seller", .returnedToSender, .returnedToSender),
        .init("EVENT_401", "Held by carrier - incorrect address", .exception, .addressProblem, reason: .addressIncorrect, action: true),
        .init("EVENT_402", "Customs clearance delay", .exception, .heldByCustoms),
        .init("EVENT_403", "Customer moved", .exception, .addressProblem, reason: .addressIncorrect, action: true),
        .init("EVENT_404", "Delay in delivery due to external factors", .inTransit, .deliveryRescheduled, reason: .carrierDelay),
        .init("EVENT_405", "Shipment damaged", .exception, .damaged, reason: .damaged),
        .init("EVENT_406", "Held by carrier", .exception, .heldByCarrier),
        .init("EVENT_407", "Customer refused delivery", .exception, .refused, reason: .refused),
        .init("EVENT_408", "Returning to seller", .returnedToSender, .returnInitiated),
        .init("EVENT_409", "Lost by carrier", .exception, .lost, reason: .lost),
        .init("EVENT_411", "Paperwork received - did not receive shipment", .exception, .heldByCarrier),
        .init("EVENT_412", "Shipment received - did not receive paperwork", .exception, .heldByCarrier),
        .init("EVENT_413", "Held by carrier - customer refused shipment due to customs charges", .exception, .refused,
              reason: .customsDutiesUnpaid),
        .init("EVENT_414", "Missorted by carrier", .inTransit, reason: .missorted),
        .init("EVENT_415", "Received from prior carrier", .inTransit, .handedToLastMile),
        .init("EVENT_416", "Undeliverable", .exception),
        .init("EVENT_417", "Shipment missorted", .inTransit, reason: .missorted),
        .init("EVENT_418", "Shipment delayed", .inTransit, .deliveryRescheduled, reason: .carrierDelay),
        .init("EVENT_419", "Address corrected - delivery rescheduled", .inTransit, .deliveryRescheduled),
    ])

    /// `summary.trackingDetailCodes` that refine the latest event of their leg: the cause of a
    /// failure, or how a delivery was made.
    static let detailReasons: [String: Reason] = [
        "CustomerUnavailable": .consigneeNotHome, "BusinessClosed": .businessClosed, "AddressNotFound": .addressIncorrect,
        "Damaged": .damaged, "Rejected": .refused,
    ]
    static let detailDeliveries: [String: Substatus] = ["Signed": .deliveredSigned, "DeliveredToNeighbor": .deliveredNeighbour]
}
