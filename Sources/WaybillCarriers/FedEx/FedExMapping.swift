import WaybillCore

/// FedEx scan `eventType` codes (Track API v1). `derivedStatusCode` is too coarse to map on:
/// it says `IT` for "On FedEx vehicle for delivery" and for "Ready for recipient pickup".
extension FedExAdapter {
    static let table = CarrierMapping(carrier: "fedex", version: 1, entries: [
        .init("OC", "Shipment information sent to FedEx (order created)", .infoReceived, .labelCreated),
        .init("AP", "At pickup", .infoReceived),
        .init("DS", "Vehicle dispatched", .infoReceived, informational: true),
        .init("DR", "Vehicle furnished but not used", .infoReceived, informational: true),
        .init("PD", "Pickup delay", .infoReceived, reason: .carrierDelay),
        .init("PU", "Picked up", .inTransit, .pickedUp),
        .init("PX", "Picked up (see details)", .inTransit, .pickedUp),
        .init("OF", "At FedEx origin facility", .inTransit, .arrivedFacility),
        .init("LO", "Left FedEx origin facility", .inTransit, .departedFacility),
        .init("AR", "Arrived at FedEx location", .inTransit, .arrivedFacility),
        .init("AF", "At local FedEx facility", .inTransit, .arrivedFacility),
        .init("FD", "At FedEx destination facility", .inTransit, .arrivedFacility),
        .init("SF", "At sort facility", .inTransit, .processedAtFacility),
        .init("AA", "At airport", .inTransit, .processedAtFacility),
        .init("DP", "Departed FedEx location", .inTransit, .departedFacility),
        .init("IT", "In transit", .inTransit, .inTransitToDestination),
        .init("IX", "In transit (see details)", .inTransit, .inTransitToDestination),
        .init("EA", "Enroute to airport", .inTransit, .inTransitToDestination),
        .init("ED", "Enroute to delivery", .inTransit, .inTransitToDestination),
        .init("EO", "Enroute to origin airport", .inTransit, .inTransitToDestination),
        .init("EP", "Enroute to pickup", .inTransit, .inTransitToDestination),
        .init("PF", "Plane in flight", .inTransit, .inTransitToDestination),
        .init("PL", "Plane landed", .inTransit, .arrivedFacility),
        // Codes that name no step: the scan's text says which.
        .init("PM", "In progress", .inTransit, coarse: true),
        .init("TR", "Transfer", .inTransit, coarse: true),
        .init("CH", "Location changed", .inTransit, informational: true),
        .init("SP", "Split status (multiple pieces)", .inTransit, informational: true),
        .init("AC", "At Canada Post facility", .inTransit, .handedToLastMile),
        .init("AX", "At USPS facility", .inTransit, .handedToLastMile),
        .init("OX", "Shipment information sent to USPS", .inTransit, .handedToLastMile),
        .init("CC", "Cleared customs", .inTransit, .customsCleared),
        .init("CP", "Clearance in progress", .inTransit, .customsPending),
        .init("CD", "Clearance delay", .exception, .heldByCustoms, reason: .customsInspection),
        .init("AE", "Shipment arriving early", .inTransit, .estimatedDeliveryUpdated, informational: true),
        .init("AO", "Shipment arriving on time", .inTransit, .estimatedDeliveryUpdated, informational: true),
        .init("DD", "Delivery delay", .inTransit, .deliveryRescheduled, reason: .carrierDelay),
        .init("DY", "Delay", .inTransit, .deliveryRescheduled, reason: .carrierDelay),
        .init("OD", "On FedEx vehicle for delivery", .outForDelivery, .outForDelivery),
        .init("AD", "At delivery", .outForDelivery, .outForDelivery),
        .init("DE", "Delivery exception", .attemptFailed),
        .init("HL", "Hold at location", .availableForPickup, .awaitingCollection, action: true),
        .init("HP", "Ready for recipient pickup", .availableForPickup, .awaitingCollection, action: true),
        .init("DL", "Delivered", .delivered),
        .init("SE", "Shipment exception", .exception, .heldByCarrier),
        .init("CA", "Shipment cancelled", .exception, .cancelled),
        .init("RS", "Return to shipper", .returnedToSender, .returnInitiated),
        .init("RR", "Delivery option requested (CDO)", .inTransit, .deliveryRescheduled, reason: .customerRequest, informational: true),
        .init("RM", "Delivery option modified (CDO)", .inTransit, .deliveryRescheduled, reason: .customerRequest, informational: true),
        .init("RC", "Delivery option cancelled (CDO)", .inTransit, reason: .customerRequest, informational: true),
        .init("RP", "Return label link emailed to return sender", .infoReceived, .labelCreated, informational: true),
        .init("LP", "Return label link cancelled by shipment originator", .infoReceived, informational: true),
        .init("RG", "Return label link expiring soon", .infoReceived, informational: true),
        .init("RD", "Return label link expired", .infoReceived, informational: true),
    ])

    /// `exceptionCode` refinements of a scan: the cause, and for causes that are more than a
    /// failed attempt, the status and substatus too.
    struct ExceptionRefinement: Sendable {
        var meaning: String
        var reason: Reason?
        var status: ShipmentStatus?
        var substatus: Substatus?
        var action: Bool = false
    }

    static let exceptionCodes: [String: ExceptionRefinement] = [
        "03": .init(meaning: "Incorrect address", reason: .addressIncorrect, status: .exception, substatus: .addressProblem, action: true),
        "07": .init(meaning: "Refused by recipient", reason: .refused, status: .exception, substatus: .refused),
        "08": .init(meaning: "Customer not available or business closed", reason: .consigneeNotHome),
        "15": .init(meaning: "Customer not available or business closed", reason: .consigneeNotHome),
        "17": .init(meaning: "Customer requested future delivery", reason: .customerRequest),
        "A47": .init(meaning: "FedEx redirected your package to a nearby FedEx location", reason: nil),
        "A52": .init(meaning: "Package delayed", reason: .carrierDelay),
    ]
}
