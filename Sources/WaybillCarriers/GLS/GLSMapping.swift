import WaybillCore

extension GLSAdapter {
    /// GLS Track And Trace event codes (`events[].code`, carriers.md §14, meanings from GLS's
    /// own event descriptions) and, for parcels fetched without events, the parcel `status` enum.
    /// The full code list lives behind `GET /tracking/events/codes`; codes not here are unmapped.
    static let table = CarrierMapping(carrier: "gls", version: 1, entries: [
        // Event codes.
        .init("INTIAL.PREADVICE", "The parcel data was entered into the GLS IT system; the parcel was not yet handed over to GLS",
              .infoReceived, .manifestReceived),
        .init("INTIAL.E48_DATA", "The parcel was provided by the sender for collection by GLS", .infoReceived, .labelCreated),
        .init("INTIAL.NORMAL", "The parcel was handed over to GLS", .inTransit, .pickedUp),
        .init("INBOUD.NORMAL", "The parcel has reached the parcel center", .inTransit, .arrivedFacility),
        .init("OUTBOD.NORMAL", "The parcel has left the parcel center", .inTransit, .departedFacility),
        .init("OUTDEL.NORMAL", "The parcel is expected to be delivered during the day", .outForDelivery, .outForDelivery),
        .init("DELIVD.NORMAL", "The parcel has been delivered", .delivered),
        // For the consumer "delivered at the ParcelShop" means "ready for pickup" (karrio lists it under both).
        .init("DELIVD.PARCELSHOP", "The parcel has been delivered at the ParcelShop (see ParcelShop information)",
              .availableForPickup, .awaitingCollection, action: true),
        .init("DELIVD.DEL_BY_PSAPP", "The parcel has been handed out at the ParcelShop (ParcelShop app)", .delivered, .deliveredCollected),
        .init("NOTDEL.ABSENT", "The parcel could not be delivered as the consignee was absent",
              .attemptFailed, reason: .consigneeNotHome),
        // Parcel status enum (used only when a parcel comes without events).
        .init("PLANNEDPICKUP", "Pickup planned", .infoReceived),
        .init("INPICKUP", "In pickup", .infoReceived),
        .init("NOTPICKEDUP", "Not picked up", .exception, .heldByCarrier),
        .init("PREADVICE", "Pre-advice: parcel data received", .infoReceived, .manifestReceived),
        .init("INTRANSIT", "In transit", .inTransit),
        .init("INWAREHOUSE", "In warehouse", .inTransit, .arrivedFacility),
        .init("INDELIVERY", "In delivery", .outForDelivery, .outForDelivery),
        .init("DELIVEREDPS", "Delivered to ParcelShop", .availableForPickup, .awaitingCollection, action: true),
        .init("DELIVERED", "Delivered", .delivered),
        .init("NOTDELIVERED", "Not delivered", .attemptFailed),
        .init("CANCELED", "Cancelled", .exception, .cancelled),
    ])
}
