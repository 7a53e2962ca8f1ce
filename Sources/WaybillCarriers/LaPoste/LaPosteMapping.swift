import WaybillCore

extension LaPosteAdapter {
    /// La Poste Suivi v2 event codes (carriers.md §16), with La Poste's own short meaning.
    /// Labels are localized (French by default), so only the code is mapped.
    static let table = CarrierMapping(carrier: "la_poste", version: 1, entries: [
        .init("DR1", "Déclaratif réceptionné (the sender has declared the parcel)", .infoReceived, .manifestReceived),
        .init("PC1", "Pris en charge (taken in charge)", .inTransit, .pickedUp),
        .init("PC2", "Pris en charge dans le pays d'expédition (taken in charge in the sending country)", .inTransit, .pickedUp),
        .init("ET1", "En cours de traitement (being processed)", .inTransit, .processedAtFacility),
        .init("ET2", "En cours de traitement dans le pays d'expédition (processed in the sending country)", .inTransit, .processedAtFacility),
        .init("ET3", "En cours de traitement dans le pays de destination (arrived in the destination country)", .inTransit, .arrivedFacility),
        .init("ET4", "En cours de traitement dans un pays de transit (processed in a transit country)", .inTransit, .inTransitToDestination),
        .init("EP1", "En attente de présentation (awaiting presentation)", .inTransit, .arrivedFacility),
        .init("DO1", "Entrée en douane (entered customs)", .inTransit, .customsPending),
        .init("DO2", "Sortie de douane (released by customs)", .inTransit, .customsCleared),
        .init("DO3", "Retenu en douane (held by customs)", .exception, .heldByCustoms, reason: .customsInspection),
        .init("PB1", "Problème en cours (a problem is being handled)", .exception, .heldByCarrier),
        .init("PB2", "Problème résolu (problem resolved)", .inTransit),
        // ET1 is processing, not out for delivery (karrio maps it to out_for_delivery).
        .init("MD2", "Mis en distribution (out for delivery)", .outForDelivery, .outForDelivery),
        .init("ND1", "Non distribuable (could not be delivered)", .attemptFailed),
        .init("AG1", "En attente d'être retiré au guichet (awaiting collection at the counter)",
              .availableForPickup, .awaitingCollection, action: true),
        .init("RE1", "Retourné à l'expéditeur (returned to sender)", .returnedToSender, .returnInitiated),
        .init("DI0", "Distribué (delivered)", .delivered),
        .init("DI1", "Distribué (delivered)", .delivered),
        .init("DI2", "Distribué à l'expéditeur (delivered back to the sender)", .returnedToSender, .returnedToSender),
    ])
}
