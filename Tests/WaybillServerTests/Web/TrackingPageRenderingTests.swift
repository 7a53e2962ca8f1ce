import Foundation
import Testing
import WaybillCore
@testable import WaybillServer
import WaybillStore

@Suite("Tracking page rendering")
struct TrackingPageRenderingTests {
    @Test(arguments: ShipmentStatus.allCases)
    func eachStatusShowsItsCatalogTextAndNoRawCode(_ status: ShipmentStatus) {
        let events = [WebFixtures.event(.infoReceived, substatus: .labelCreated, local: "2026-11-18T09:00:00", offset: "+01:00", sequence: 1),
                      WebFixtures.event(status, local: "2026-11-20T14:05:00", offset: "+01:00", sequence: 2)]
        let html = WebFixtures.page(WebFixtures.shipment(status), events)
        #expect(html.contains(#"<h1 id="status-1" class="status status-\#(status.rawValue)">\#(Self.escaped(MessageCatalog.statusText(status, language: .english)))</h1>"#))
        #expect(html.contains(Self.escaped(MessageCatalog.nextStepText(for: status, language: .english))))
        #expect(!html.contains("RAWCODE-XYZ"))
        #expect(!html.contains("RAW CARRIER TEXT"))
        #expect(html.contains(#"<html lang="en" dir="ltr">"#))
        #expect(html.utf8.count < 50_000)
    }

    @Test(arguments: Language.allCases)
    func eachLanguageTranslatesThePage(_ language: Language) {
        let shipment = WebFixtures.shipment(.outForDelivery, substatus: .outForDelivery)
        let html = WebFixtures.page(shipment, [WebFixtures.event(.outForDelivery, substatus: .outForDelivery, local: "2026-11-20T08:10:00", offset: "+01:00")],
                                    language: language)
        let messages = language.messages
        #expect(html.contains(#"<html lang="\#(language.rawValue)""#))
        #expect(html.contains(Self.escaped(MessageCatalog.statusText(.outForDelivery, language: language))))
        #expect(html.contains(Self.escaped(messages.text(.timeline))))
        #expect(html.contains(Self.escaped(messages.text(.whatHappensNext))))
        #expect(html.contains(#"<option value="\#(language.rawValue)" selected"#))
    }

    @Test func progressMarksDoneCurrentAndTodo() {
        let html = WebFixtures.page(WebFixtures.shipment(.outForDelivery), [])
        #expect(html.components(separatedBy: #"class="milestone done""#).count - 1 == 2)
        #expect(html.contains(#"class="milestone current" aria-current="step""#))
        #expect(html.components(separatedBy: #"class="milestone todo""#).count - 1 == 1)
        let delivered = WebFixtures.page(WebFixtures.shipment(.delivered), [])
        #expect(delivered.components(separatedBy: #"class="milestone done""#).count - 1 == 4)
    }

    @Test func etaIsShownInTheDestinationZoneAndMarkedLateWhenPassed() {
        // Latest 2026-11-19T23:30Z is the 20th in Berlin, and it has passed.
        let late = DeliveryEstimate(earliest: WebFixtures.now.addingTimeInterval(-86_400), latest: WebFixtures.now.addingTimeInterval(-86_400),
                                    source: .carrier)
        let html = WebFixtures.page(WebFixtures.shipment(.inTransit, eta: late), [])
        #expect(html.contains("Friday 20 November 2026") || html.contains("Friday, 20 November 2026"))
        #expect(html.contains(#"<strong class="late-badge">Late</strong>"#))
        #expect(html.contains("The expected delivery date has passed."))

        let window = DeliveryEstimate(earliest: WebFixtures.now.addingTimeInterval(86_400), latest: WebFixtures.now.addingTimeInterval(3 * 86_400),
                                      source: .carrier)
        let onTime = WebFixtures.page(WebFixtures.shipment(.inTransit, eta: window), [], language: .german)
        #expect(onTime.contains("Zwischen"))
        #expect(!onTime.contains("late-badge"))

        let none = WebFixtures.page(WebFixtures.shipment(.inTransit), [])
        #expect(none.contains("No delivery date yet"))
    }

    @Test func deliveredShowsWhenWhereAndSignedBy() {
        let shipment = WebFixtures.shipment(.delivered, substatus: .deliveredSigned, deliveredAt: WebFixtures.now, signedBy: "K. MÜLLER")
        let html = WebFixtures.page(shipment, [WebFixtures.event(.delivered, substatus: .deliveredSigned, occurredAt: WebFixtures.now,
                                                                 city: "Potsdam", country: "DE")])
        #expect(html.contains("Delivered in Potsdam, DE"))
        #expect(html.contains("Signed by K. MÜLLER"))
        #expect(html.contains("Delivered on "))
        #expect(html.contains("00:30"))  // 23:30Z is 00:30 in Berlin
    }

    @Test func timelineUsesLocalTimesAndDateOnlyEventsShowOnlyTheDate() {
        let events = [
            WebFixtures.event(.infoReceived, local: "2026-11-17", sequence: 1),
            WebFixtures.event(.inTransit, substatus: .arrivedFacility, local: "2026-11-19T21:15:00", offset: "-05:00", city: "Louisville",
                              country: "US", sequence: 2),
        ]
        let html = WebFixtures.page(WebFixtures.shipment(.inTransit), events)
        #expect(html.contains(#"<time datetime="2026-11-19T21:15:00-05:00">"#))
        #expect(html.contains("21:15") || html.contains("9:15"))
        #expect(html.contains(#"<time datetime="2026-11-17">"#))
        #expect(html.contains("Louisville, US"))
        // Newest first.
        let newer = html.range(of: "Louisville")!.lowerBound
        let older = html.range(of: #"datetime="2026-11-17""#)!.lowerBound
        #expect(newer < older)
    }

    @Test func actionRequiredAndReasonComeFromTheCatalog() {
        let event = WebFixtures.event(.exception, substatus: .heldByCustoms, reason: .customsDutiesUnpaid, actionRequired: true)
        let html = WebFixtures.page(WebFixtures.shipment(.exception, substatus: .heldByCustoms), [event], language: .french)
        #expect(html.contains(#"<div class="action" role="alert"><h2>Action requise</h2>"#))
        #expect(html.contains(Self.escaped(MessageCatalog.actionRequiredText(reason: .customsDutiesUnpaid, language: .french))))
        #expect(html.contains(Self.escaped(MessageCatalog.reasonText(.customsDutiesUnpaid, language: .french)!)))
    }

    @Test func carrierNameAndItsOwnTrackingLink() {
        let html = WebFixtures.page(WebFixtures.shipment(.inTransit), [])
        #expect(html.contains("https://www.ups.com/track?tracknum=1Z999AA10123456784"))
        #expect(html.contains("UPS"))
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

extension TrackingPageRenderingTests {
    @Test func aHandedOverParcelNamesEachScansCarrierAndLinksTheLastMile() {
        let shipment = WebFixtures.shipment(.outForDelivery)
        var transit = WebFixtures.event(.inTransit, local: "2026-11-19T08:00:00", offset: "-05:00", city: "Louisville", country: "US", sequence: 1)
        transit.carrier = "ups"
        var out = WebFixtures.event(.outForDelivery, local: "2026-11-20T07:10:00", offset: "-05:00", city: "Atlanta", country: "US", sequence: 2)
        out.carrier = "usps"
        let leg = ShipmentLeg(id: "leg_1", tenantID: "ten_test", shipmentID: "shp_test", trackingNumber: "9274899998944522537205",
                              carrier: "usps", role: .lastMile, linkedBy: "ups", createdAt: WebFixtures.now)
        let html = WebFixtures.page(shipment, [transit, out], legs: [leg])
        #expect(html.contains(#"<span class="event-carrier">UPS</span>"#))
        #expect(html.contains(#"<span class="event-carrier">USPS</span>"#))
        #expect(html.contains("tLabels=9274899998944522537205"))
        // One carrier only: no per-scan carrier names, no second carrier row.
        let single = WebFixtures.page(shipment, [transit])
        #expect(!single.contains("event-carrier") && !single.contains("9274899998944522537205"))
    }
}
