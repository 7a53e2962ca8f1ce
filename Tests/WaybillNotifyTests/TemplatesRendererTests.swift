import Foundation
import Testing
import WaybillCore
@testable import WaybillNotify

struct TemplatesRendererTests {
    static let base = Date(timeIntervalSince1970: 1_795_000_000)

    static func shipment(status: ShipmentStatus = .inTransit, locale: String? = "fr-FR", zone: String? = "Europe/Paris",
                         estimate: DeliveryEstimate? = nil, signedBy: String? = nil) -> Shipment {
        Shipment(id: "shp_1", tenantID: "ten_1", orderID: "ord_1", trackingNumber: "1Z999AA10123456784", carrier: "ups",
                 service: nil, status: status, substatus: nil, estimatedDelivery: estimate, deliveredAt: nil, signedBy: signedBy,
                 lastEventID: nil, lastEventAt: nil, publicToken: "tok123",
                 customer: Customer(email: "zoe@example.org", locale: locale, timeZone: zone),
                 metadata: [:], createdAt: base, updatedAt: base, trackingStoppedAt: nil)
    }

    static func order(name: String? = "Zoë") -> Order {
        Order(id: "ord_1", tenantID: "ten_1", merchantOrderID: "A-1042", customer: Customer(), lineItems: [],
              metadata: name.map { ["customer_name": $0] } ?? [:], createdAt: base, updatedAt: base)
    }

    static let branding = Branding(tenantName: "Boutique Zoë", logoURL: "https://cdn.example.com/logo.png",
                                   primaryColor: "#ff6600", supportEmail: "help@boutique.test")

    @Test func everyTemplateRendersInEveryLanguageAndChannel() throws {
        let renderer = try TemplateRenderer()
        #expect(Set(renderer.availableTemplates) == Set(TemplateRenderer.templateNames))
        let event = CanonicalEvent(status: .exception, reason: .customsDutiesUnpaid, zoneSource: .unknown)
        for language in Language.allCases {
            let variables = NotificationVariables.make(shipment: Self.shipment(), order: Self.order(), event: event,
                                                       branding: Self.branding, publicBaseURL: "https://track.example.com",
                                                       language: language)
            for template in TemplateRenderer.templateNames {
                for channel in [ChannelKind.email, .sms, .inApp] {
                    let rendered = try renderer.render(template: template, channel: channel, variables: variables)
                    let all = [rendered.subject, rendered.text, rendered.html].compactMap { $0 }.joined(separator: "\n")
                    #expect(!rendered.text.isEmpty, "\(language) \(template) \(channel)")
                    #expect(!all.includes("null") && !all.includes("{{") && !all.includes("}}"), "\(language) \(template) \(channel)")
                    if channel == .email {
                        #expect(rendered.subject?.isEmpty == false)
                        #expect(rendered.html?.includes("https://track.example.com/t/tok123") == true)
                        #expect(rendered.text.includes("https://track.example.com/t/tok123"))
                    }
                }
            }
        }
    }

    @Test func htmlIsEscapedAndTextIsNotDoubleEscaped() throws {
        let renderer = try TemplateRenderer()
        let variables = NotificationVariables.make(shipment: Self.shipment(status: .delivered), order: Self.order(name: "<b>Zoë & \"Co\"</b>"),
                                                   event: CanonicalEvent(status: .delivered, zoneSource: .unknown, signedBy: "O'Brien <K>"),
                                                   branding: Self.branding, publicBaseURL: "https://track.example.com", language: .english)
        let email = try renderer.render(template: "delivered", channel: .email, variables: variables)
        let html = try #require(email.html)
        #expect(html.includes("Hello &lt;b&gt;Zoë &amp; &quot;Co&quot;&lt;/b&gt;,"))
        #expect(html.includes("Signed by O&#39;Brien &lt;K&gt;") || html.includes("Signed by O&#x27;Brien &lt;K&gt;"))
        #expect(!html.includes("<b>Zoë"))
        #expect(!html.includes("&amp;amp;"))
        #expect(email.text.includes("Hello <b>Zoë & \"Co\"</b>,"))
        #expect(email.text.includes("Signed by O'Brien <K>."))
        #expect(!email.text.includes("&amp;") && !email.text.includes("&lt;"))
        #expect(html.includes("#ff6600") && html.includes("https://cdn.example.com/logo.png"))
        #expect(html.includes("help@boutique.test"))
        #expect(email.text.includes("https://track.example.com/t/tok123#proof-of-delivery"))
    }

    @Test func missingVariablesFallBackCleanly() throws {
        let renderer = try TemplateRenderer()
        var variables = NotificationVariables(language: .english, trackingLink: "https://t.example/t/x",
                                              branding: Branding(tenantName: "Shop", logoURL: "javascript:alert(1)", primaryColor: "red;x"))
        let delivered = try renderer.render(template: "delivered", channel: .email, variables: variables)
        #expect(delivered.text.hasPrefix("Hello,\n"))
        #expect(delivered.text.includes("Your parcel was delivered."))
        #expect(!delivered.text.includes("Signed by"))
        #expect(!delivered.text.includes("Questions?"))
        let html = try #require(delivered.html)
        #expect(!html.includes("javascript:"))
        #expect(html.includes(Branding.defaultPrimaryColor) && !html.includes("red;x"))
        #expect(try renderer.render(template: "shipped", channel: .sms, variables: variables).text
            == "Shop: your order has shipped. Track: https://t.example/t/x")
        variables.signedBy = "K. Meyer"
        variables.orderNumber = "A-7"
        #expect(try renderer.render(template: "delivered", channel: .email, variables: variables).text.includes("Signed by K. Meyer."))
        #expect(try renderer.render(template: "shipped", channel: .email, variables: variables).subject == "Your order A-7 has shipped")
        #expect(try renderer.render(template: "shipped", channel: .inApp, variables: variables).text == "Order A-7 shipped")
        #expect(throws: TemplateError.self) { try renderer.render(template: "nope", channel: .email, variables: variables) }
    }

    @Test func variablesFromShipmentUseTheCatalogAndTheRecipientsZoneAndLanguage() throws {
        // 13:00–15:00 UTC on 26 Nov 2026 is 14:00–16:00 in Paris.
        let earliest = try #require(Timestamp.parse("2026-11-26T13:00:00Z")).date
        let latest = try #require(Timestamp.parse("2026-11-26T15:00:00Z")).date
        let shipment = Self.shipment(status: .outForDelivery, estimate: DeliveryEstimate(earliest: earliest, latest: latest, source: .carrier))
        let variables = NotificationVariables.make(shipment: shipment, order: Self.order(), event: nil, branding: Self.branding,
                                                   publicBaseURL: "https://track.example.com/")
        #expect(variables.language == .french)
        #expect(variables.customerName == "Zoë")
        #expect(variables.orderNumber == "A-1042")
        #expect(variables.carrier == "UPS")
        #expect(variables.trackingLink == "https://track.example.com/t/tok123")
        #expect(variables.statusText == MessageCatalog.statusText(.outForDelivery, language: .french))
        #expect(variables.nextStep == MessageCatalog.nextStepText(for: .outForDelivery, language: .french))
        let window = try #require(variables.etaWindow)
        #expect(window.includes("14") && window.includes("16"), "\(window)")
        #expect(variables.etaDate?.includes("26") == true)
        #expect(variables.eta == "\(variables.etaDate!), \(window)")
        #expect(variables.signedBy == nil && variables.proofOfDeliveryLink == nil)
        let rendered = try TemplateRenderer().render(template: "out_for_delivery", channel: .email, variables: variables)
        #expect(rendered.subject == "Votre colis est en cours de livraison")
        #expect(rendered.text.includes("Bonjour Zoë,"))
        #expect(rendered.text.includes(window))

        let exception = NotificationVariables.make(shipment: Self.shipment(status: .exception, locale: "de-DE"), order: nil,
                                                   event: CanonicalEvent(status: .exception, reason: .addressIncorrect, zoneSource: .unknown,
                                                                         location: Location(city: "Berlin", postalCode: "10115", country: "DE")),
                                                   branding: Self.branding, publicBaseURL: "https://t.example", carrierName: "DHL Paket")
        #expect(exception.language == .german)
        #expect(exception.reasonText == MessageCatalog.reasonText(.addressIncorrect, language: .german))
        #expect(exception.carrier == "DHL Paket")
        #expect(exception.customerName == nil && exception.orderNumber == nil)
        #expect(NotificationVariables.displayName(carrierCode: "royal_mail") == "Royal Mail")
    }

    @Test func missingLanguageOrSectionFallsBackToEnglish() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for folder in ["en", "fr"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "{{! @subject }}\nShipped {{order_number}}\n{{! @headline }}\nOn its way\n{{! @sms }}\nEN sms\n"
            .write(to: directory.appendingPathComponent("en/shipped.mustache"), atomically: true, encoding: .utf8)
        try "{{! @sms }}\nFR sms {{order_number}}\n".write(to: directory.appendingPathComponent("fr/shipped.mustache"), atomically: true, encoding: .utf8)
        try "{{! @sms }}\nEN delivered\n".write(to: directory.appendingPathComponent("en/delivered.mustache"), atomically: true, encoding: .utf8)
        for layout in ["layout.email.text.mustache", "layout.email.html.mustache"] {
            try "{{headline}}|{{body}}".write(to: directory.appendingPathComponent(layout), atomically: true, encoding: .utf8)
        }
        let renderer = try TemplateRenderer(directory: directory)
        let french = NotificationVariables(language: .french, orderNumber: "42", branding: Branding(tenantName: "S"))
        #expect(try renderer.render(template: "shipped", channel: .sms, variables: french).text == "FR sms 42")
        #expect(try renderer.render(template: "shipped", channel: .email, variables: french).subject == "Shipped 42")
        #expect(try renderer.render(template: "delivered", channel: .sms, variables: french).text == "EN delivered")
    }
}
