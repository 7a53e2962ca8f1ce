import Foundation
import WaybillCore

/// Builds the message of an alert rule: the rule's mustache template (`TemplateRenderer`, per
/// channel and language) when it has one, otherwise a plain fallback from the message catalog
/// (status in the customer's language, the reason or next step, the tracking link).
struct PersonMessageComposer: Sendable {
    var publicBaseURL: String?
    let renderer: TemplateRenderer? = try? TemplateRenderer()

    func render(template: String, channel: ChannelKind, shipment: Shipment, order: Order?, event: CanonicalEvent?) -> RenderedMessage {
        if let renderer {
            let variables = NotificationVariables.make(shipment: shipment, order: order, event: event,
                                                       branding: Branding(tenantName: ""),
                                                       publicBaseURL: publicBaseURL ?? "")
            if let rendered = try? renderer.render(template: template, channel: channel, variables: variables),
               !rendered.text.trimmed.isEmpty {
                return rendered
            }
        }
        return fallback(channel: channel, shipment: shipment, reason: event?.reason)
    }

    func fallback(channel: ChannelKind, shipment: Shipment, reason: Reason?) -> RenderedMessage {
        let language = MessageCatalog.negotiate(query: nil, customerLocale: shipment.customer.locale, acceptLanguage: nil)
        let status = MessageCatalog.statusText(shipment.status, language: language)
        var lines = ["\(shipment.carrier.uppercased()) \(shipment.trackingNumber): \(status)"]
        if let reason, let text = MessageCatalog.reasonText(reason, language: language) {
            lines.append(text)
        } else {
            let next = MessageCatalog.nextStepText(for: shipment.status, language: language)
            if !next.isEmpty { lines.append(next) }
        }
        if let base = publicBaseURL { lines.append("\(base)/t/\(shipment.publicToken)") }
        let subject = channel == .email ? "\(status) · \(shipment.orderID.map { "#\($0)" } ?? shipment.trackingNumber)" : nil
        return RenderedMessage(subject: subject, text: lines.joined(separator: "\n"))
    }
}
