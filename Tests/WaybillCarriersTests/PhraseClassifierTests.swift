import Testing
import WaybillCarriers
import WaybillCore

/// The phrase tables classify carriers' own words when a code is unknown or coarse.
@Suite("Phrase classifier")
struct PhraseClassifierTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let status: ShipmentStatus
        let substatus: Substatus?
        var testDescription: String { text }
        init(_ text: String, _ status: ShipmentStatus, _ substatus: Substatus? = nil) {
            self.text = text
            self.status = status
            self.substatus = substatus
        }
    }

    static let cases: [Case] = [
        // The texts the review found mapped wrong (issue 13).
        Case("With Australia Post for delivery today", .outForDelivery, .outForDelivery),
        Case("Departed facility", .inTransit, .departedFacility),
        Case("Processed through Sydney Parcel Facility", .inTransit, .processedAtFacility),
        Case("Item picked up by Canada Post", .inTransit, .pickedUp),
        Case("Accepted at USPS Origin Sort Facility", .inTransit, .pickedUp),
        Case("Die Sendung wurde in das Zustellfahrzeug geladen", .outForDelivery, .outForDelivery),
        // Negations and specific phrases before general ones.
        Case("Delivery attempted - no access to delivery location", .attemptFailed),
        Case("Notice Left (No Authorized Recipient Available)", .attemptFailed),
        Case("Item being returned to sender", .returnedToSender, .returnInitiated),
        Case("Delivered to neighbour", .delivered, .deliveredNeighbour),
        Case("The shipment has been delivered to the neighbour", .delivered, .deliveredNeighbour),
        Case("Onboard with driver", .outForDelivery, .outForDelivery),
        Case("The shipment has been loaded onto the delivery vehicle", .outForDelivery, .outForDelivery),
        Case("Picked up by customer at Post Office", .delivered, .deliveredCollected),
        Case("Awaiting collection", .availableForPickup, .awaitingCollection),
        Case("Delivered, Front Desk/Reception", .delivered),
        // USPS Web Tools' name of code 03, in its free-text answers.
        Case("ACCEPT OR PICKUP", .inTransit, .pickedUp),
        Case("Weather delay; package will be delivered when possible", .inTransit, .deliveryRescheduled),
        // German, French, Dutch, Spanish, Italian, Portuguese.
        Case("Die Sendung konnte nicht zugestellt werden", .attemptFailed),
        Case("Die Sendung wurde erfolgreich zugestellt.", .delivered),
        Case("Die Sendung wurde beim Nachbarn zugestellt", .delivered, .deliveredNeighbour),
        // GLS's German texts (public tracking): a ParcelShop, "in the course of the day", data only.
        Case("Das Paket wurde im GLS PaketShop zugestellt (siehe PaketShop-Anzeige).", .availableForPickup, .awaitingCollection),
        Case("Das Paket wird voraussichtlich im Laufe des Tages zugestellt.", .outForDelivery, .outForDelivery),
        Case("Die Paketdaten wurden im GLS IT-System erfasst; das Paket wurde noch nicht an GLS übergeben.", .infoReceived, .manifestReceived),
        Case("Das Paket wurde an GLS übergeben.", .inTransit, .pickedUp),
        Case("Das Paket konnte nicht zugestellt werden, da der Empfänger nicht angetroffen wurde.", .attemptFailed),
        // IFTSTA texts: Dachser's failed delivery with a notice, a Hellmann text glued to its
        // code, UPS Quantum View exception reasons.
        Case("KEINE ZUSTELLUNG - AVIS", .attemptFailed),
        Case("000SENDUNG AUF DEM WEG ZUM EMPFÄNGER/IN ZUSTELLUNG", .outForDelivery, .outForDelivery),
        Case("YOUR PACKAGE IS AT THE CLEARING AGENCY AWAITING FINAL RELEASE.", .inTransit, .customsPending),
        Case("THIS PACKAGE IS BEING HELD FOR A FUTURE DELIVERY DATE.", .inTransit, .deliveryRescheduled),
        Case("Votre colis est en cours de livraison", .outForDelivery, .outForDelivery),
        Case("Votre colis est livré", .delivered),
        Case("Votre colis est disponible dans votre point de retrait", .availableForPickup, .awaitingCollection),
        Case("Voorgemeld: nog niet aangenomen", .infoReceived, .manifestReceived),
        Case("Zending is bezorgd", .delivered),
        Case("Envío entregado", .delivered),
        Case("En reparto", .outForDelivery, .outForDelivery),
        Case("Spedizione consegnata al destinatario", .delivered),
        Case("Objeto saiu para entrega ao destinatário", .outForDelivery, .outForDelivery),
        Case("Objeto entregue ao destinatário", .delivered),
    ]

    @Test("a carrier's words are classified", arguments: cases)
    func classify(_ example: Case) throws {
        let classification = try #require(PhraseClassifier.classify(example.text), "no phrase matched")
        #expect(classification.status == example.status, "matched \"\(classification.phrase)\"")
        if let substatus = example.substatus { #expect(classification.substatus == substatus) }
    }

    @Test("texts without a known phrase are not guessed")
    func unknownTexts() {
        for text in ["Status 4711", "Hub Süd", "", "Undeliverable-ish XQZ"] {
            #expect(PhraseClassifier.classify(text) == nil, "\(text)")
        }
        // Words match at word starts only: "reprocessed" is not "processed".
        #expect(PhraseClassifier.classify("XYZ reprocessed") == nil)
    }

    @Test("an unknown code takes its text's meaning; without a matching text it keeps the previous status, flagged")
    func applyUsesTheText() {
        var event = CanonicalEvent(status: .pending, carrierCode: "2300", carrierDescription: "Item picked up by Canada Post")
        event.apply(nil, fallbackStatus: .infoReceived)
        #expect(event.status == .inTransit && event.substatus == .pickedUp)
        var unknown = CanonicalEvent(status: .pending, carrierCode: "9999", carrierDescription: "Status 9999")
        unknown.apply(nil, fallbackStatus: .infoReceived)
        #expect(unknown.status == .infoReceived && unknown.substatus == .unmapped)
    }

    @Test("a coarse code is refined by a precise text; a precise code is not overridden")
    func coarseCodes() {
        let coarse = CarrierMapping.Entry("transit", "In transit", .inTransit, coarse: true)
        var refined = CanonicalEvent(status: .pending, carrierCode: "transit", carrierDescription: "in das Zustellfahrzeug geladen")
        refined.apply(coarse, fallbackStatus: .infoReceived)
        #expect(refined.status == .outForDelivery)
        var plain = CanonicalEvent(status: .pending, carrierCode: "transit", carrierDescription: "Status 4711")
        plain.apply(coarse, fallbackStatus: .infoReceived)
        #expect(plain.status == .inTransit && plain.substatus == nil)
        let precise = CarrierMapping.Entry("OF", "Out for delivery", .outForDelivery, .outForDelivery)
        var kept = CanonicalEvent(status: .pending, carrierCode: "OF", carrierDescription: "Delivered")
        kept.apply(precise, fallbackStatus: .infoReceived)
        #expect(kept.status == .outForDelivery)
    }
}
