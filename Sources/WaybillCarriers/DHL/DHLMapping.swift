import WaybillCore

extension DHLAdapter {
    /// DHL Unified `statusCode` (the API's whole enum, carriers.md §7) and DHL Parcel DE `ice`
    /// event codes (carriers.md §9). The codes never collide: Unified's are lower-case words.
    static let table = CarrierMapping(carrier: "dhl", version: 2, entries: unifiedEntries + parcelDEEntries)

    /// DHL's five Unified codes are broad: out for delivery, pickup points, attempts and
    /// returns exist only in the (localized) text, so every code is `coarse` and the phrase
    /// tables refine it. `delivered` is handled apart: its text refines only the kind of
    /// delivery (`DHLAdapter.delivered(_:text:)`).
    static let unifiedEntries: [CarrierMapping.Entry] = [
        .init("pre-transit", "Shipment data received by DHL; the parcel is not yet in DHL's network", .infoReceived,
              .manifestReceived, coarse: true),
        .init("transit", "The shipment is on its way within DHL's network", .inTransit, coarse: true),
        .init("delivered", "The shipment has been delivered", .delivered),
        .init("failure", "Delivery or processing failed (e.g. sorting error, failed delivery, held)", .exception, coarse: true),
        // karrio maps this to "delivery delayed"; DHL uses it for events it cannot classify.
        .init("unknown", "DHL cannot classify the status", .inTransit, .noUpdate, informational: true, coarse: true),
    ]

    /// DHL Parcel DE `ice` codes as seen in DHL's piece-detail samples, with the event texts
    /// beside them; karrio maps DLVRD to delivered, NDELV to failed, the rest to transit. The
    /// ICE of a step is broad (SRTED, "sorted", carries "loaded onto the delivery vehicle"),
    /// so all but the delivery are `coarse`.
    static let parcelDEEntries: [CarrierMapping.Entry] = [
        .init("SHRCU", "Posted by the sender (e.g. at a PACKSTATION or retail outlet)", .inTransit, .pickedUp, coarse: true),
        .init("PCKDU", "Picked up", .inTransit, .pickedUp, coarse: true),
        .init("LDTMV", "Loaded for transport / processed in a parcel center", .inTransit, coarse: true),
        .init("ULFMV", "Unloaded / processed in the destination parcel center", .inTransit, .arrivedFacility, coarse: true),
        .init("SRTED", "Sorted; also sent with 'loaded onto the delivery vehicle'", .inTransit, .processedAtFacility, coarse: true),
        .init("DLVRD", "Delivered", .delivered),
        .init("NDELV", "Not delivered", .attemptFailed, coarse: true),
    ]

    /// What the text of a coarse Unified code may turn it into: the code still bounds the
    /// phase. DHL's own documentation example sends `pre-transit` with the text "DELIVERED";
    /// a `transit` text "delivered to the PACKSTATION" is not a delivery to the recipient.
    static let refinableStatuses: [String: Set<ShipmentStatus>] = [
        "pre-transit": [.infoReceived, .exception],
        "transit": [.inTransit, .outForDelivery, .availableForPickup, .attemptFailed, .exception, .returnedToSender],
        "failure": [.exception, .attemptFailed, .availableForPickup, .returnedToSender],
    ]

    /// Applies a Unified code's entry, letting its text refine it within the code's bounds.
    static func apply(_ entry: CarrierMapping.Entry?, to event: inout CanonicalEvent, fallbackStatus: ShipmentStatus) {
        event.apply(entry, fallbackStatus: fallbackStatus)
        if var entry, let allowed = refinableStatuses[entry.code], !allowed.contains(event.status) {
            entry.coarse = false
            event.apply(entry, fallbackStatus: fallbackStatus)
        }
        if event.isInformational { event.status = fallbackStatus }
        refineDelivery(&event)
    }

    /// A delivery stays a delivery whatever else its text mentions ("delivered after a first
    /// attempt"); the text only says where or to whom (neighbour, locker, mailbox).
    static func refineDelivery(_ event: inout CanonicalEvent) {
        guard event.status == .delivered, event.substatus == nil,
              let phrase = PhraseClassifier.classify(event.carrierDescription), phrase.status == .delivered else { return }
        event.substatus = phrase.substatus
    }
}
