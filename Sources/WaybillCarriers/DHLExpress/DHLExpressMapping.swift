import WaybillCore

extension DHLExpressAdapter {
    /// DHL Express checkpoint codes (`ServiceEvent/EventCode`, MyDHL `typeCode`), carriers.md §8.
    /// The first group was seen in DHL's samples; the rest are DHL Express checkpoint names that
    /// karrio also lists (its own grouping differs where noted).
    static let table = CarrierMapping(carrier: "dhl_express", version: 2, entries: [
        .init("PU", "Shipment picked up", .inTransit, .pickedUp),
        .init("PO", "Departing origin", .inTransit, .departedFacility),
        .init("PL", "Processed at location", .inTransit, .processedAtFacility),
        .init("AF", "Arrived at DHL facility", .inTransit, .arrivedFacility),
        .init("AR", "Arrived at delivery facility", .inTransit, .arrivedFacility),
        .init("DF", "Departed from DHL facility", .inTransit, .departedFacility),
        .init("WC", "With delivery courier", .outForDelivery, .outForDelivery),
        .init("OK", "Shipment delivered", .delivered, .deliveredSigned),
        .init("RW", "Weighed and measured (no description in DHL's samples)", .inTransit, .processedAtFacility,
              informational: true),
        .init("SA", "Shipment acceptance", .inTransit, .pickedUp),
        .init("FD", "Forwarded for delivery", .inTransit, .handedToLastMile),
        .init("TP", "Forwarded to a third party", .inTransit, .handedToLastMile),
        .init("TR", "Record of transfer", .inTransit),
        .init("IT", "In transit", .inTransit),
        .init("CC", "Awaiting collection by the consignee", .availableForPickup, .awaitingCollection, action: true),
        .init("CR", "Clearance release", .inTransit, .customsCleared),
        // A real capture (LHR -> AKL, 2015) sends CD and UD as "Clearance event" with remarks
        // such as "DHL needs further information from the importer": the parcel is held.
        .init("CD", "Controllable clearance delay", .exception, .heldByCustoms, reason: .customsDocuments, action: true),
        .init("UD", "Uncontrollable clearance delay", .exception, .heldByCustoms, reason: .customsInspection),
        .init("IC", "Processed for clearance", .inTransit, .customsPending),
        .init("RR", "Customs status updated", .inTransit, .customsPending),
        .init("IR", "Clearance in progress / inspection", .inTransit, .customsPending, reason: .customsInspection),
        .init("HP", "Held for payment", .exception, .heldByCustoms, reason: .customsDutiesUnpaid, action: true),
        .init("OH", "On hold", .exception, .heldByCarrier),
        .init("BA", "Bad address", .exception, .addressProblem, reason: .addressIncorrect, action: true),
        .init("CM", "Customer moved", .exception, .addressProblem, reason: .addressIncorrect, action: true),
        .init("NH", "Not home", .attemptFailed, reason: .consigneeNotHome),
        .init("CA", "Closed on arrival", .attemptFailed, reason: .businessClosed),
        .init("MD", "Missed delivery cycle", .inTransit, .deliveryRescheduled, reason: .carrierDelay),
        .init("TD", "Transport delay", .inTransit, reason: .carrierDelay),
        .init("RD", "Refused delivery", .exception, .refused, reason: .refused),
        .init("DM", "Damaged", .exception, .damaged, reason: .damaged),
        .init("DS", "Destroyed or disposed", .exception, .lost),
        .init("MS", "Mis-sorted / misrouted", .inTransit, reason: .missorted),
        .init("SS", "Shipment stopped", .exception, .heldByCarrier, reason: .senderRequest),
        .init("ST", "Shipment intercepted", .exception, .heldByCarrier, reason: .senderRequest),
        .init("DP", "Delivery problem (karrio: failed)", .exception),
        // karrio groups RT under "failed"; the checkpoint is "returned to consignor".
        .init("RT", "Returned to consignor", .returnedToSender, .returnedToSender),
    ])
}
