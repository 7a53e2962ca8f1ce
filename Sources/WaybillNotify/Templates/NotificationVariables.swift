import Foundation
import WaybillCore
import WaybillStore

/// `Branding` under a name that does not clash with `WaybillStore.Branding` where both modules are imported.
public typealias MessageBranding = Branding

/// The tenant's look in messages.
public struct Branding: Sendable, Hashable {
    public var tenantName: String
    /// An http(s) URL; anything else is dropped.
    public var logoURL: String?
    /// `#RRGGBB` (or `#RGB`); anything else falls back to the default.
    public var primaryColor: String?
    public var supportEmail: String?

    public static let defaultPrimaryColor = "#2563eb"

    /// The tenant's stored page branding (`store.branding(tenantID:)`), named `tenantName` unless it has a display name.
    public init(tenantName: String, stored: WaybillStore.Branding?) {
        self.init(tenantName: stored?.displayName.flatMap { $0.trimmed.isEmpty ? nil : $0 } ?? tenantName,
                  logoURL: stored?.logoURL, primaryColor: stored?.primaryColor, supportEmail: stored?.supportEmail)
    }

    public init(tenantName: String, logoURL: String? = nil, primaryColor: String? = nil, supportEmail: String? = nil) {
        self.tenantName = tenantName
        self.logoURL = logoURL
        self.primaryColor = primaryColor
        self.supportEmail = supportEmail
    }
}

/// Everything a notification template can show. Each value is optional: a template shows a
/// missing one as nothing (`{{#signed_by}}...{{/signed_by}}` hides the sentence), never "null".
///
/// Template keys: `customer_name`, `order_number`, `carrier` (display name), `tracking_number`,
/// `tracking_link` (public tracking page), `status_text`, `eta` (the window when there is one,
/// else the date), `eta_date`, `eta_window`, `next_step`, `reason_text`, `delivery_location`,
/// `signed_by`, `proof_of_delivery_link`, `language`, `is_rtl`, and `brand.tenant_name`,
/// `brand.logo_url`, `brand.primary_color`, `brand.support_email`.
public struct NotificationVariables: Sendable, Hashable {
    public var language: Language
    public var customerName: String?
    public var orderNumber: String?
    public var carrier: String?
    public var trackingNumber: String?
    public var trackingLink: String?
    public var statusText: String?
    /// The ETA day in the recipient's zone and language, e.g. "Thursday 26 November 2026".
    public var etaDate: String?
    /// The ETA window, e.g. "14:00 – 16:00" (same day) or "Thu 26 Nov, 09:00 – Fri 27 Nov, 18:00".
    public var etaWindow: String?
    /// The ETA as one phrase: day and time window, the window across days, or the day.
    /// Defaults to the window, else the date, when not set.
    public var eta: String?
    public var nextStep: String?
    public var reasonText: String?
    public var deliveryLocation: String?
    public var signedBy: String?
    public var proofOfDeliveryLink: String?
    public var branding: Branding

    public init(language: Language, customerName: String? = nil, orderNumber: String? = nil, carrier: String? = nil,
                trackingNumber: String? = nil, trackingLink: String? = nil, statusText: String? = nil, etaDate: String? = nil,
                etaWindow: String? = nil, nextStep: String? = nil, reasonText: String? = nil, deliveryLocation: String? = nil,
                signedBy: String? = nil, proofOfDeliveryLink: String? = nil, branding: Branding) {
        self.language = language
        self.customerName = customerName
        self.orderNumber = orderNumber
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.trackingLink = trackingLink
        self.statusText = statusText
        self.etaDate = etaDate
        self.etaWindow = etaWindow
        self.nextStep = nextStep
        self.reasonText = reasonText
        self.deliveryLocation = deliveryLocation
        self.signedBy = signedBy
        self.proofOfDeliveryLink = proofOfDeliveryLink
        self.branding = branding
    }

    /// The variables of a shipment's notification.
    /// - Parameters:
    ///   - event: the event that triggered it (status, reason, location, signature), if any.
    ///   - language: the recipient's language; by default the customer's locale, else English.
    ///   - carrierName: the carrier's display name; by default derived from its code (`ups` → `UPS`).
    ///   - publicBaseURL: base of the public tracking page, `{base}/t/{public_token}`.
    /// The customer's name is read from the metadata key `customer_name` of the order, then the shipment.
    public static func make(shipment: Shipment, order: Order?, event: CanonicalEvent?, branding: Branding,
                            publicBaseURL: String, language: Language? = nil, carrierName: String? = nil) -> NotificationVariables {
        let customer = shipment.customer.isEmpty ? (order?.customer ?? shipment.customer) : shipment.customer
        let language = language ?? recipientLanguage(shipment: shipment, order: order)
        let zone = CustomerDateFormatter.zone(identifier: customer.timeZone ?? order?.customer.timeZone)
        let formatter = CustomerDateFormatter(language: language)
        let status = event?.status ?? shipment.status
        let base = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
        let trackingLink = "\(base)/t/\(shipment.publicToken)"
        let signedBy = nonEmpty(event?.signedBy) ?? (status == .delivered ? nonEmpty(shipment.signedBy) : nil)
        let hasProof = status == .delivered && (signedBy != nil || event?.substatus == .deliveredSigned
            || event?.substatus == .proofOfDeliveryRecorded || shipment.substatus == .deliveredSigned)

        var variables = NotificationVariables(language: language, branding: branding)
        variables.customerName = nonEmpty(order?.metadata["customer_name"]) ?? nonEmpty(shipment.metadata["customer_name"])
        variables.orderNumber = nonEmpty(order?.merchantOrderID)
        variables.carrier = carrierName ?? displayName(carrierCode: shipment.carrier)
        variables.trackingNumber = nonEmpty(shipment.trackingNumber)
        variables.trackingLink = trackingLink
        variables.statusText = MessageCatalog.statusText(status, language: language)
        variables.nextStep = nonEmpty(MessageCatalog.nextStepText(for: status, language: language))
        variables.reasonText = event?.reason.flatMap { MessageCatalog.reasonText($0, language: language) }
        if status == .delivered || status == .availableForPickup || status == .attemptFailed {
            variables.deliveryLocation = locationText(event?.location)
        }
        variables.signedBy = signedBy
        variables.proofOfDeliveryLink = hasProof ? trackingLink + "#proof-of-delivery" : nil
        if let estimate = shipment.estimatedDelivery, status != .delivered {
            let (date, window, sameDay) = eta(estimate, formatter: formatter, zone: zone)
            (variables.etaDate, variables.etaWindow) = (date, window)
            if sameDay, let date, let window { variables.eta = "\(date), \(window)" }
        }
        return variables
    }

    /// The customer's language from the shipment's or order's locale, else English.
    public static func recipientLanguage(shipment: Shipment, order: Order?) -> Language {
        [shipment.customer.locale, order?.customer.locale].compactMap { $0 }
            .lazy.compactMap(MessageCatalog.language(fromTag:)).first ?? MessageCatalog.fallback
    }

    /// `ups` → `UPS`, `royal_mail` → `Royal Mail`; nil for an unknown (empty) carrier.
    public static func displayName(carrierCode: String) -> String? {
        let code = carrierCode.trimmed
        guard !code.isEmpty else { return nil }
        if code.count <= 4 { return code.uppercased() }
        return code.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    static func eta(_ estimate: DeliveryEstimate, formatter: CustomerDateFormatter,
                    zone: TimeZone) -> (date: String?, window: String?, sameDay: Bool) {
        switch (estimate.earliest, estimate.latest) {
        case let (earliest?, latest?) where earliest < latest:
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            if calendar.isDate(earliest, inSameDayAs: latest) {
                return (formatter.date(latest, in: zone), "\(formatter.time(earliest, in: zone)) – \(formatter.time(latest, in: zone))", true)
            }
            return (formatter.date(latest, in: zone), "\(formatter.dateTime(earliest, in: zone)) – \(formatter.dateTime(latest, in: zone))", false)
        case let (.some(instant), _), let (nil, .some(instant)):
            return (formatter.date(instant, in: zone), nil, false)
        case (nil, nil):
            return (nil, nil, false)
        }
    }

    private static func locationText(_ location: Location?) -> String? {
        guard let location else { return nil }
        let place = [location.postalCode, location.city].compactMap(nonEmpty).joined(separator: " ")
        let text = [place.isEmpty ? nil : place, nonEmpty(location.country)].compactMap { $0 }.joined(separator: ", ")
        return text.isEmpty ? nil : text
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmed, !text.isEmpty else { return nil }
        return text
    }

    /// The values as the templates see them: absent keys for missing values.
    var context: [String: Any] {
        var values: [String: Any] = ["language": language.rawValue, "is_rtl": language.isRightToLeft]
        let optional: [(String, String?)] = [
            ("customer_name", customerName), ("order_number", orderNumber), ("carrier", carrier),
            ("tracking_number", trackingNumber), ("tracking_link", trackingLink), ("status_text", statusText),
            ("eta", eta ?? etaWindow ?? etaDate), ("eta_date", etaDate), ("eta_window", etaWindow), ("next_step", nextStep),
            ("reason_text", reasonText), ("delivery_location", deliveryLocation), ("signed_by", signedBy),
            ("proof_of_delivery_link", proofOfDeliveryLink),
        ]
        for (key, value) in optional { if let value, !value.isEmpty { values[key] = value } }
        var brand: [String: Any] = ["tenant_name": branding.tenantName, "primary_color": Self.safeColor(branding.primaryColor)]
        if let logo = branding.logoURL?.trimmed, logo.hasPrefix("https://") || logo.hasPrefix("http://") { brand["logo_url"] = logo }
        if let support = branding.supportEmail.flatMap(Self.nonEmpty) { brand["support_email"] = support }
        values["brand"] = brand
        return values
    }

    private static func safeColor(_ color: String?) -> String {
        guard let color = color?.trimmed, color.hasPrefix("#"), [4, 7].contains(color.count),
              color.dropFirst().allSatisfy(\.isHexDigit) else { return defaultPrimaryColor }
        return color
    }

    private static var defaultPrimaryColor: String { Branding.defaultPrimaryColor }
}
