import WaybillCore

extension GLSAdapter {
    /// GLS Track And Trace event codes (`events[].code`, carriers.md §14, meanings from GLS's
    /// own event descriptions) and, for parcels fetched without events, the parcel `status` enum.
    /// The full code list lives behind `GET /tracking/events/codes`; codes not here are unmapped.
    static let table = CarrierMapping(carrier: "gls", version: 2, entries: [
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
        // Event numbers of the public tracking JSON (`progressBar.evtNos`, see GLSTrackingStatus),
        // each read beside GLS's own German text in recorded answers; other numbers are read by their text.
        .init("0.100", "Die Paketdaten wurden im GLS IT-System erfasst; das Paket wurde noch nicht an GLS übergeben",
              .infoReceived, .manifestReceived),
        .init("0.0", "Das Paket wurde an GLS übergeben", .inTransit, .pickedUp),
        .init("1.0", "Das Paket hat das Paketzentrum (den GLS Standort) verlassen", .inTransit, .departedFacility),
        .init("2.0", "Das Paket ist im Paketzentrum (GLS Standort) eingetroffen", .inTransit, .arrivedFacility),
        .init("2.29", "Das Paket ist im Paketzentrum eingetroffen (first depot, beside the hand-over)", .inTransit, .arrivedFacility),
        .init("2.106", "Das Paket ist im Paketzentrum eingetroffen; das Paket wurde manuell sortiert", .inTransit, .arrivedFacility),
        .init("2.124", "Das Paket ist im GLS PaketShop eingetroffen", .availableForPickup, .awaitingCollection, action: true),
        .init("3.0", "Das Paket wurde (beim Empfänger) erfolgreich zugestellt", .delivered),
        .init("3.124", "Das Paket wurde im GLS PaketShop zugestellt", .availableForPickup, .awaitingCollection, action: true),
        .init("4.40", "Das Paket konnte nicht zugestellt werden, da der Empfänger nicht angetroffen wurde",
              .attemptFailed, reason: .consigneeNotHome),
        .init("11.0", "Das Paket wurde auf das Zustellfahrzeug verladen / wird voraussichtlich im Laufe des Tages zugestellt",
              .outForDelivery, .outForDelivery),
        .init("35.482", "Das Paket befindet sich im Ziel-Paketzentrum; es konnte nicht zugestellt werden (Empfänger nicht angetroffen)",
              .attemptFailed, .arrivedFacility, reason: .consigneeNotHome),
        .init("90.132", "Der Empfänger wurde mittels Benachrichtigungskarte über den Zustell-/Abholversuch informiert",
              .attemptFailed, informational: true),
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
