import WaybillCore

/// Portuguese carrier phrases, stems where the ending varies with gender and number (accents folded: "não" is written "nao").
extension PhraseTable {
    static let portuguese: [PhraseRule] = [
        PhraseRule("devolvid ao remetente", .returnedToSender, .returnedToSender),
        PhraseRule("devolvid", .returnedToSender, .returnInitiated),
        PhraseRule("devolucao", .returnedToSender, .returnInitiated),
        PhraseRule("recusad", .exception, .refused, reason: .refused),
        PhraseRule("danificad", .exception, .damaged, reason: .damaged),
        PhraseRule("extraviad", .exception, .lost, reason: .lost),
        PhraseRule("cancelad", .exception, .cancelled),
        PhraseRule("endereco incorreto", .exception, .addressProblem, reason: .addressIncorrect, action: true),
        PhraseRule("endereco insuficiente", .exception, .addressProblem, reason: .addressIncomplete, action: true),
        PhraseRule("pagamento * tributos", .exception, .heldByCustoms, reason: .customsDutiesUnpaid, action: true),
        PhraseRule("tentativa de entrega", .attemptFailed, reason: .consigneeNotHome),
        PhraseRule("nao entregue", .attemptFailed),
        PhraseRule("ausente", .attemptFailed, reason: .consigneeNotHome),
        PhraseRule("aguardando retirada", .availableForPickup, .awaitingCollection, action: true),
        PhraseRule("disponivel para retirada", .availableForPickup, .awaitingCollection, action: true),
        PhraseRule("entregue", .delivered),
        PhraseRule("saiu para entrega", .outForDelivery, .outForDelivery),
        PhraseRule("em rota de entrega", .outForDelivery, .outForDelivery),
        PhraseRule("fiscalizacao aduaneira finalizada", .inTransit, .customsCleared),
        PhraseRule("alfandega", .inTransit, .customsPending),
        PhraseRule("aduaneira", .inTransit, .customsPending),
        PhraseRule("postad", .inTransit, .pickedUp),
        PhraseRule("coletad", .inTransit, .pickedUp),
        PhraseRule("chegou", .inTransit, .arrivedFacility),
        PhraseRule("recebido na unidade", .inTransit, .arrivedFacility),
        PhraseRule("saiu", .inTransit, .departedFacility),
        PhraseRule("encaminhad", .inTransit, .inTransitToDestination),
        PhraseRule("em transito", .inTransit),
        PhraseRule("atraso", .inTransit, reason: .carrierDelay),
    ]
}
