import WaybillCore

/// EasyPost tracker `status` values. EasyPost's `status_detail` (an open list) refines the
/// substatus and reason, see `detailRefinements`. The broad statuses (`unknown`, `in_transit`,
/// `failure`) are coarse: the carrier's message, when a phrase matches it, says more.
extension EasyPostAdapter {
    static let table = CarrierMapping(carrier: "easypost", version: 2, entries: [
        .init("unknown", "Unknown: no tracking information yet", .pending, .noUpdate, informational: true, coarse: true),
        .init("pre_transit", "Pre-transit: label created, carrier has not the parcel", .infoReceived, .labelCreated),
        .init("in_transit", "In transit", .inTransit, coarse: true),
        .init("out_for_delivery", "Out for delivery", .outForDelivery, .outForDelivery),
        .init("delivered", "Delivered", .delivered),
        .init("available_for_pickup", "Available for pickup", .availableForPickup, .awaitingCollection, action: true),
        .init("return_to_sender", "Return to sender", .returnedToSender, .returnInitiated),
        .init("failure", "Failure: delivery failed", .attemptFailed, coarse: true),
        .init("cancelled", "Cancelled", .exception, .cancelled),
        .init("error", "Error: the carrier could not track the parcel", .exception),
    ])

    struct DetailRefinement: Sendable {
        var meaning: String
        var substatus: Substatus?
        var reason: Reason?
        /// Overrides the status for details that say more than the status does.
        var status: ShipmentStatus?
        var action: Bool = false
    }

    static let detailRefinements: [String: DetailRefinement] = [
        "label_created": .init(meaning: "Label created", substatus: .labelCreated),
        "picked_up": .init(meaning: "Picked up", substatus: .pickedUp),
        "received_at_origin_facility": .init(meaning: "Received at origin facility", substatus: .arrivedFacility),
        "departed_origin_facility": .init(meaning: "Departed origin facility", substatus: .departedFacility),
        "arrived_at_facility": .init(meaning: "Arrived at facility", substatus: .arrivedFacility),
        "departed_facility": .init(meaning: "Departed facility", substatus: .departedFacility),
        "arrived_at_destination": .init(meaning: "Arrived at destination", substatus: .arrivedFacility),
        "received_at_destination_facility": .init(meaning: "Received at destination facility", substatus: .arrivedFacility),
        "in_transit": .init(meaning: "In transit", substatus: .inTransitToDestination),
        "transferred_to_destination_carrier": .init(meaning: "Transferred to destination carrier", substatus: .handedToLastMile),
        "out_for_delivery": .init(meaning: "Out for delivery", substatus: .outForDelivery),
        "arrived_at_pickup_location": .init(meaning: "Arrived at pickup location", substatus: .awaitingCollection),
        "ready_for_pickup": .init(meaning: "Ready for pickup", substatus: .awaitingCollection),
        "pickup_available": .init(meaning: "Pickup available", substatus: .awaitingCollection),
        "delayed": .init(meaning: "Delayed", substatus: .deliveryRescheduled, reason: .carrierDelay),
        "weather_delay": .init(meaning: "Weather delay", substatus: .deliveryRescheduled, reason: .weather),
        "missorted": .init(meaning: "Missorted", reason: .missorted),
        "held": .init(meaning: "Held by carrier", substatus: .heldByCarrier, status: .exception),
        "awaiting_information": .init(meaning: "Awaiting information", substatus: .heldByCarrier, status: .exception, action: true),
        "address_correction": .init(meaning: "Address correction", substatus: .addressProblem, reason: .addressIncorrect, status: .exception, action: true),
        "refused": .init(meaning: "Refused", substatus: .refused, reason: .refused, status: .exception),
        "damaged": .init(meaning: "Damaged", substatus: .damaged, reason: .damaged, status: .exception),
        "lost": .init(meaning: "Lost", substatus: .lost, reason: .lost, status: .exception),
        "delivery_exception": .init(meaning: "Delivery exception"),
        "transit_exception": .init(meaning: "Transit exception", substatus: .heldByCarrier, status: .exception),
        "return": .init(meaning: "Returning", substatus: .returnInitiated),
        "cancelled": .init(meaning: "Cancelled", substatus: .cancelled),
    ]
}
