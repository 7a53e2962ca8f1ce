import Foundation
import WaybillCore
import WaybillStore

/// `GET /t/{token}/widget.json`: one shipment for `<waybill-tracking>`.
struct WidgetDataResponse: Encodable, Sendable {
    let language: String
    let shipment: WidgetShipment
    let brand: WidgetBrand
}

/// `POST /track/widget.json`: the shipments of a verified order lookup.
struct WidgetLookupResponse: Encodable, Sendable {
    let shipments: [WidgetShipment]
    let labels: WidgetLabels
    let brand: WidgetBrand
}

/// A refused lookup: the message to show and the form's labels and brand to show it with.
struct WidgetLookupFailure: Encodable, Sendable {
    let message: String
    let labels: WidgetLabels
    let brand: WidgetBrand
}

/// The widget's answer when the token names no shipment (or the client asks too often).
struct WidgetMessage: Encodable, Sendable {
    let message: String
}

/// A shipment as the widget shows it: customer-facing texts in the negotiated language.
struct WidgetShipment: Encodable, Sendable {
    let status: ShipmentStatus
    let statusText: String
    let substatusText: String?
    let actionRequired: String?
    let nextStep: String
    let eta: ETA?
    let trackingNumberLabel: String
    let trackingNumber: String
    let carrier: Carrier?
    let events: [Event]
    let url: String
    let detailsLabel: String

    struct ETA: Encodable, Sendable {
        let label: String
        let text: String
        let late: Bool
        let lateLabel: String

        enum CodingKeys: String, CodingKey {
            case label, text, late
            case lateLabel = "late_label"
        }
    }

    struct Carrier: Encodable, Sendable {
        let name: String
        let url: String?
    }

    struct Event: Encodable, Sendable {
        let text: String
        let detail: String?
        let when: String
        let place: String?
    }

    enum CodingKeys: String, CodingKey {
        case status, eta, carrier, events, url
        case statusText = "status_text"
        case substatusText = "substatus_text"
        case actionRequired = "action_required"
        case nextStep = "next_step"
        case trackingNumberLabel = "tracking_number_label"
        case trackingNumber = "tracking_number"
        case detailsLabel = "details_label"
    }

    init(_ view: ShipmentView, status: ShipmentStatus, language: Language, url: String) {
        self.status = status
        statusText = view.statusText
        substatusText = view.substatusText
        actionRequired = view.action?.text
        nextStep = view.nextStep
        eta = view.eta.map { ETA(label: $0.label, text: $0.text, late: $0.late, lateLabel: $0.lateLabel) }
        trackingNumberLabel = view.trackingNumberLabel
        trackingNumber = view.trackingNumber
        carrier = view.carrier.map { Carrier(name: $0.name, url: $0.url) }
        events = view.events.map { Event(text: $0.text, detail: $0.detail, when: $0.when, place: $0.place) }
        self.url = url
        detailsLabel = language.messages.text(.viewDetails)
    }
}

/// The lookup form's labels.
struct WidgetLabels: Encodable, Sendable {
    let order: String
    let verify: String
    let search: String

    init(_ language: Language) {
        let messages = language.messages
        order = messages.text(.orderNumber)
        verify = messages.text(.emailOrPostalCode)
        search = messages.text(.search)
    }
}

/// Brand values for the widget: only those that pass the rules.
struct WidgetBrand: Encodable, Sendable {
    let primaryColor: String?
    let backgroundColor: String?
    let textColor: String?
    let fontStack: String?

    enum CodingKeys: String, CodingKey {
        case primaryColor = "primary_color"
        case backgroundColor = "background_color"
        case textColor = "text_color"
        case fontStack = "font_stack"
    }

    init(_ branding: Branding?) {
        func color(_ value: String?) -> String? { value.flatMap { BrandingRules.isColor($0) ? $0 : nil } }
        primaryColor = color(branding?.primaryColor)
        backgroundColor = color(branding?.backgroundColor)
        textColor = color(branding?.textColor)
        fontStack = branding?.font.flatMap(BrandingFont.init(rawValue:))?.stack
    }
}
