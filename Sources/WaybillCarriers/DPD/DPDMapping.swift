import WaybillCore

extension DPDAdapter {
    /// DPD ParcelLifeCycleService `statusInfo/status` values (carriers.md §13). The labels
    /// repeat across statuses ("Parcel out for delivery" on ParcelShop rows), so only the
    /// status is mapped; the meanings are DPD's own descriptions of each status.
    static let table = CarrierMapping(carrier: "dpd", version: 1, entries: [
        .init("SHIPMENT", "Shipment data received (shipmentInfo milestone)", .infoReceived, .manifestReceived),
        .init("PickedUp", "Parcel handed to DPD: DPD has received your parcel", .inTransit, .pickedUp),
        .init("BetweenDepots", "In transit: the parcel is at the parcel dispatch centre", .inTransit, .processedAtFacility),
        .init("Depot", "At parcel delivery centre", .inTransit, .arrivedFacility),
        .init("Courier", "The parcel has left the parcel delivery centre and is on its way to the consignee",
              .outForDelivery, .outForDelivery),
        .init("DeliveryFailure", "Unfortunately we have not been able to deliver your parcel", .attemptFailed),
        .init("ReturningFromDelivery", "After an unsuccessful delivery attempt the parcel is back at the recipient depot",
              .attemptFailed, .arrivedFacility),
        .init("ParcelShop", "Delivered by driver to Pickup parcelshop", .availableForPickup, .awaitingCollection, action: true),
        .init("Delivered", "Parcel delivered", .delivered),
    ])
}
