import WaybillCore

/// Italian carrier phrases, written as stems where the ending varies with gender and number
/// ("consegnat" matches "consegnato" and "consegnata").
extension PhraseTable {
    static let italian: [PhraseRule] = [
        PhraseRule("restituit al mittente", .returnedToSender, .returnedToSender),
        PhraseRule("res al mittente", .returnedToSender, .returnedToSender),
        PhraseRule("in restituzione", .returnedToSender, .returnInitiated),
        PhraseRule("rifiutat", .exception, .refused, reason: .refused),
        PhraseRule("danneggiat", .exception, .damaged, reason: .damaged),
        PhraseRule("smarrit", .exception, .lost, reason: .lost),
        PhraseRule("annullat", .exception, .cancelled),
        PhraseRule("indirizzo errato", .exception, .addressProblem, reason: .addressIncorrect, action: true),
        PhraseRule("indirizzo incompleto", .exception, .addressProblem, reason: .addressIncomplete, action: true),
        PhraseRule("tentativo di consegna", .attemptFailed, reason: .consigneeNotHome),
        PhraseRule("mancata consegna", .attemptFailed),
        PhraseRule("non consegnat", .attemptFailed),
        PhraseRule("destinatario assente", .attemptFailed, reason: .consigneeNotHome),
        PhraseRule("ritirat dal destinatario", .delivered, .deliveredCollected),
        PhraseRule("disponibile per il ritiro", .availableForPickup, .awaitingCollection, action: true),
        PhraseRule("pronto per il ritiro", .availableForPickup, .awaitingCollection, action: true),
        PhraseRule("in giacenza", .availableForPickup, .awaitingCollection, action: true),
        PhraseRule("consegnat", .delivered),
        PhraseRule("in consegna", .outForDelivery, .outForDelivery),
        PhraseRule("sdoganat", .inTransit, .customsCleared),
        PhraseRule("dogana", .inTransit, .customsPending),
        PhraseRule("spedizione creata", .infoReceived, .labelCreated),
        PhraseRule("dati ricevuti", .infoReceived, .manifestReceived),
        PhraseRule("presa in carico", .inTransit, .pickedUp),
        PhraseRule("ritirat", .inTransit, .pickedUp),
        PhraseRule("partit", .inTransit, .departedFacility),
        PhraseRule("in partenza", .inTransit, .departedFacility),
        PhraseRule("arrivat", .inTransit, .arrivedFacility),
        PhraseRule("smistamento", .inTransit, .processedAtFacility),
        PhraseRule("lavorazione", .inTransit, .processedAtFacility),
        PhraseRule("in transito", .inTransit),
        PhraseRule("ritardo", .inTransit, reason: .carrierDelay),
    ]
}
