import WaybillCore

extension AustraliaPostAdapter {
    /// Australia Post sends no event codes, only texts (carriers.md §11): the table is keyed by
    /// the text (case and runs of whitespace ignored). A key ending in "…" matches any text
    /// that starts with it ("In transit to next facility in OAKLEIGH SOUTH VIC").
    static let table = CarrierMapping(carrier: "australia_post", version: 2, entries: [
        .init("Shipping information received by Australia Post", "Label/manifest data received", .infoReceived, .manifestReceived),
        .init("Shipping information approved by Australia Post", "Label/manifest data approved", .infoReceived, .manifestReceived),
        .init("Received by Australia Post", "Parcel lodged with Australia Post", .inTransit, .pickedUp),
        .init("Received item from Sender (Outbound)", "International item received from the sender", .inTransit, .pickedUp),
        .init("Item received", "Parcel lodged with Australia Post", .inTransit, .pickedUp),
        .init("Arrived at facility", "Arrived at a processing facility", .inTransit, .arrivedFacility),
        .init("Item processed at facility", "Processed at a facility", .inTransit, .processedAtFacility),
        .init("In transit to next facility in…", "Moving to the next facility", .inTransit, .departedFacility),
        .init("In transit", "In transit", .inTransit),
        .init("Processed by air carrier", "Handled by the air carrier", .inTransit, .processedAtFacility),
        .init("Processed at Export Facility", "Processed for export", .inTransit, .processedAtFacility),
        .init("Despatch Parcels from Export Facility", "Left the export facility", .inTransit, .departedFacility),
        .init("Cleared and awaiting international departure", "Export cleared, awaiting departure", .inTransit, .customsCleared),
        .init("Arrived awaiting clearance (Inbound)", "Arrived in Australia, awaiting customs", .inTransit, .customsPending),
        .init("Item is in Customs", "Held in customs processing", .inTransit, .customsPending, reason: .customsInspection),
        .init("Item cleared by Customs", "Cleared customs", .inTransit, .customsCleared),
        .init("Arrived in…", "Arrived in the destination country", .inTransit, .arrivedFacility),
        .init("Processed through…", "Processed through a facility ('Processed through Australia Post facility')",
              .inTransit, .processedAtFacility),
        .init("Departed facility", "Left a facility", .inTransit, .departedFacility),
        .init("Departed…", "Left a facility or the country", .inTransit, .departedFacility),
        .init("Transferred to…", "Handed on ('Transferred to', then the next handler)", .inTransit),
        .init("With Australia Post for delivery today", "On the vehicle for delivery", .outForDelivery, .outForDelivery),
        .init("Onboard with driver", "On the vehicle for delivery (legacy service)", .outForDelivery, .outForDelivery),
        .init("Onboard for delivery", "On the vehicle for delivery", .outForDelivery, .outForDelivery),
        .init("On board for delivery", "On the vehicle for delivery", .outForDelivery, .outForDelivery),
        .init("Delivered", "Delivered", .delivered),
        .init("Delivered - Left in a safe place", "Delivered, left in a safe place", .delivered, .deliveredDoor),
        .init("Delivered - Signature obtained", "Delivered against signature", .delivered, .deliveredSigned),
        .init("Delivered to parcel locker", "Delivered to a parcel locker", .delivered, .deliveredLocker),
        .init("Delivered to neighbour", "Delivered to a neighbour", .delivered, .deliveredNeighbour),
        .init("Delivered - Left in mailbox", "Delivered to the mailbox", .delivered, .deliveredMailbox),
        .init("Delivered…", "Delivered (other wording)", .delivered),
        .init("Awaiting collection…", "Waiting at a Post Office or locker", .availableForPickup, .awaitingCollection, action: true),
        .init("Item awaiting collection…", "Waiting at a Post Office or locker", .availableForPickup, .awaitingCollection,
              action: true),
        .init("Collected", "Collected by the recipient", .delivered, .deliveredCollected),
        .init("Item collected…", "Collected by the recipient", .delivered, .deliveredCollected),
        .init("Unsuccessful delivery", "Delivery attempt failed", .attemptFailed),
        .init("Attempted delivery…", "Delivery attempt failed", .attemptFailed),
        .init("Possible delay", "A delay is possible", .inTransit, reason: .carrierDelay),
        .init("Cannot be delivered", "Cannot be delivered", .exception),
        .init("Article damaged", "The article is damaged", .exception, .damaged, reason: .damaged),
        .init("Returned to sender", "Returned to the sender", .returnedToSender, .returnedToSender),
        .init("Return to sender…", "On its way back to the sender", .returnedToSender, .returnInitiated),
        .init("Cancelled", "Shipment cancelled", .exception, .cancelled),
    ])

    private static let exact: [String: CarrierMapping.Entry] = Dictionary(
        table.entries.filter { !$0.code.hasSuffix("…") }.map { (normalized($0.code), $0) }, uniquingKeysWith: { first, _ in first })

    /// Prefix entries, longest first so the most specific wins.
    private static let prefixes: [(String, CarrierMapping.Entry)] = table.entries.filter { $0.code.hasSuffix("…") }
        .map { (normalized(String($0.code.dropLast())), $0) }.sorted { $0.0.count > $1.0.count }

    static func entry(forDescription description: String) -> CarrierMapping.Entry? {
        let key = normalized(description)
        if let entry = exact[key] { return entry }
        return prefixes.first { key.hasPrefix($0.0) }?.1
    }

    /// Lower case with runs of whitespace (AusPost embeds "\n\t") as one space.
    static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
