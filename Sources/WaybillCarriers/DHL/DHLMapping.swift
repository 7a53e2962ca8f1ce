import WaybillCore

extension DHLAdapter {
    /// DHL Unified `statusCode`: the API's whole enum (carriers.md §7).
    static let table = CarrierMapping(carrier: "dhl", version: 1, entries: [
        .init("pre-transit", "Shipment data received by DHL; the parcel is not yet in DHL's network", .infoReceived,
              .manifestReceived),
        .init("transit", "The shipment is on its way within DHL's network", .inTransit),
        .init("delivered", "The shipment has been delivered", .delivered),
        .init("failure", "Delivery or processing failed (e.g. sorting error, failed delivery, held)", .exception),
        // karrio maps this to "delivery delayed"; DHL uses it for events it cannot classify.
        .init("unknown", "DHL cannot classify the status", .inTransit, .noUpdate, informational: true),
    ])

    /// DHL's five codes say nothing of out-for-delivery, pickup points, attempts or returns;
    /// those steps exist only in its (English) status text. A refinement applies only within its
    /// own status code and only on these phrases; everything else keeps the code's mapping.
    struct Refinement: Sendable {
        var statusCode: String
        /// Lower-case phrases, any of which selects the refinement.
        var phrases: [String]
        var entry: CarrierMapping.Entry
    }

    static let refinements: [Refinement] = [
        .init(statusCode: "transit", phrases: ["out for delivery", "with delivery courier", "loaded onto the delivery vehicle"],
              entry: .init("transit", "Out for delivery (DHL text)", .outForDelivery, .outForDelivery)),
        .init(statusCode: "transit", phrases: ["ready for pick", "available for pick", "ready for collection",
                                               "can be collected", "awaiting collection"],
              entry: .init("transit", "Ready for pickup at a DHL point or locker (DHL text)", .availableForPickup,
                           .awaitingCollection, action: true)),
        .init(statusCode: "transit", phrases: ["returned to sender", "return to sender", "being returned"],
              entry: .init("transit", "On its way back to the sender (DHL text)", .returnedToSender, .returnInitiated)),
        .init(statusCode: "transit", phrases: ["customs clearance", "cleared customs", "customs status updated"],
              entry: .init("transit", "Customs step (DHL text)", .inTransit, .customsCleared)),
        .init(statusCode: "failure", phrases: ["recipient not home", "not at home", "attempted delivery", "delivery attempt",
                                               "could not be delivered"],
              entry: .init("failure", "Delivery attempt failed (DHL text)", .attemptFailed, reason: .consigneeNotHome)),
        .init(statusCode: "failure", phrases: ["returned to sender", "return to sender", "being returned"],
              entry: .init("failure", "Returned to the sender (DHL text)", .returnedToSender, .returnedToSender)),
        .init(statusCode: "delivered", phrases: ["neighbour", "neighbor"],
              entry: .init("delivered", "Delivered to a neighbour (DHL text)", .delivered, .deliveredNeighbour)),
        .init(statusCode: "delivered", phrases: ["packstation", "parcel locker"],
              entry: .init("delivered", "Delivered to a locker (DHL text)", .delivered, .deliveredLocker)),
    ]

    static let refinementsByCode = Dictionary(grouping: refinements, by: \.statusCode)

    /// The entry for an event: the code's, refined by its text where a refinement matches.
    static func entry(code: String?, text: String) -> CarrierMapping.Entry? {
        guard let code, let base = table.entry(for: code) else { return nil }
        guard let candidates = refinementsByCode[base.code] else { return base }
        let lowered = text.lowercased()
        return candidates.first { $0.phrases.contains { lowered.includes($0) } }?.entry ?? base
    }
}
