import Foundation
import Testing
import WaybillCore

@Suite("Message catalog")
struct MessageCatalogTests {
    @Test func everyLanguageHasEveryKey() {
        #expect(Language.allCases.count >= 7)
        for language in Language.allCases {
            let missing = language.messages.missingKeys
            #expect(missing.isEmpty, "\(language) lacks \(missing)")
        }
    }

    @Test func translationsAreNotEnglishCopies() {
        let english = Language.english.messages
        for language in Language.allCases where language != .english {
            let table = language.messages
            let sameStatuses = ShipmentStatus.allCases.filter { table.status[$0] == english.status[$0] }
            #expect(sameStatuses.count <= 1, "\(language) repeats English status texts: \(sameStatuses)")
            let sameNext = ShipmentStatus.allCases.filter { table.nextStep[$0] == english.nextStep[$0] }
            #expect(sameNext.isEmpty, "\(language) repeats English next steps: \(sameNext)")
            let sameReasons = Reason.allCases.filter { table.reason[$0] == english.reason[$0] }
            #expect(sameReasons.isEmpty, "\(language) repeats English reasons: \(sameReasons)")
        }
    }

    @Test func placeholdersSurviveTranslation() {
        let placeholders: [UIText: [String]] = [
            .trackWithCarrier: ["{carrier}"], .estimatedWindow: ["{start}", "{end}"], .deliveredAt: ["{date}"],
            .deliveredWhere: ["{place}"], .signedBy: ["{name}"], .lastUpdated: ["{date}"], .order: ["{number}"],
            .shipmentCount: ["{count}"], .shipment: ["{index}"], .trackingNumberLookupTitle: ["{number}"],
        ]
        for language in Language.allCases {
            for (key, names) in placeholders {
                let text = language.messages.ui[key] ?? ""
                for name in names { #expect(text.contains(name), "\(language) \(key) lacks \(name)") }
            }
        }
    }

    @Test func publicAPIAnswersInEachLanguage() {
        #expect(MessageCatalog.statusText(.delivered, language: .german) == "Zugestellt")
        #expect(MessageCatalog.statusText(.outForDelivery, language: .french) == "En cours de livraison")
        #expect(MessageCatalog.substatusText(.deliveredNeighbour, language: .dutch) == "Bij de buren bezorgd.")
        #expect(MessageCatalog.reasonText(.customsDutiesUnpaid, language: .italian) == "Dazi o tasse di importazione non pagati.")
        #expect(MessageCatalog.nextStepText(for: .availableForPickup, language: .spanish).contains("Recoge"))
        #expect(MessageCatalog.actionRequiredText(reason: .customsDutiesUnpaid, language: .portuguese).contains("Pague"))
        #expect(MessageCatalog.actionRequiredText(reason: nil, language: .english) == Language.english.messages.actionRequiredDefault)
    }

    @Test func negotiationOrder() {
        #expect(MessageCatalog.negotiate(query: "de", customerLocale: "fr-FR", acceptLanguage: "es") == .german)
        #expect(MessageCatalog.negotiate(query: "xx", customerLocale: "fr-FR", acceptLanguage: "es") == .french)
        #expect(MessageCatalog.negotiate(query: nil, customerLocale: "pt_BR", acceptLanguage: "es") == .portuguese)
        #expect(MessageCatalog.negotiate(query: nil, customerLocale: "ja-JP", acceptLanguage: "es") == .spanish)
        #expect(MessageCatalog.negotiate(query: nil, customerLocale: nil,
                                         acceptLanguage: "ja;q=1, fr;q=0.4, nl-BE;q=0.8, *;q=0.9") == .dutch)
        #expect(MessageCatalog.negotiate(query: nil, customerLocale: nil, acceptLanguage: "it;q=0, de-CH") == .german)
        #expect(MessageCatalog.negotiate(query: nil, customerLocale: nil, acceptLanguage: "zh, ja") == .english)
        #expect(MessageCatalog.negotiate(query: nil, customerLocale: nil, acceptLanguage: nil) == .english)
        #expect(Language(rawValue: "DE") == .german)
        #expect(Language(rawValue: "xx") == nil)
    }

    @Test func datesFollowTheLocaleAndZone() throws {
        // 2026-11-20T23:30:00Z is already the 21st in Berlin and still the 20th in New York.
        let instant = Date(timeIntervalSince1970: 1_795_217_400)
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let german = CustomerDateFormatter(language: .german)
        #expect(german.date(instant, in: berlin).contains("21"))
        #expect(german.date(instant, in: berlin).contains("November"))
        #expect(CustomerDateFormatter(language: .english).date(instant, in: newYork).contains("20"))
        #expect(CustomerDateFormatter(language: .french).date(instant, in: berlin).contains("novembre"))
        #expect(CustomerDateFormatter(language: .spanish).date(instant, in: berlin).contains("noviembre"))
        #expect(CustomerDateFormatter(language: .dutch).date(instant, in: berlin).contains("november"))
        #expect(CustomerDateFormatter(language: .italian).date(instant, in: berlin).contains("novembre"))
        #expect(CustomerDateFormatter(language: .portuguese).date(instant, in: berlin).contains("novembro"))
        #expect(german.time(instant, in: berlin) == "00:30")
    }

    @Test func localTimesAreShownAsTheCarrierGaveThem() throws {
        let formatter = CustomerDateFormatter(language: .english)
        let withTime = try #require(LocalDateTime(parsing: "2026-11-20T14:05:00"))
        let dateOnly = try #require(LocalDateTime(parsing: "2026-11-20"))
        #expect(formatter.local(withTime).contains("14:05"))
        #expect(formatter.local(withTime).contains("20"))
        #expect(!formatter.local(dateOnly).contains(":"))
        #expect(formatter.local(dateOnly).contains("2026"))
    }
}
