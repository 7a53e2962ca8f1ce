import Foundation
import Hummingbird
import WaybillStore

/// The tenant's branding; `tenant_id` is what `<waybill-tracking tenant="...">` names for order lookups.
struct BrandingResponse: ResponseEncodable, Sendable {
    let tenantID: String
    let displayName: String?
    let logoURL: String?
    let primaryColor: String?
    let accentColor: String?
    let backgroundColor: String?
    let textColor: String?
    let font: String?
    let supportEmail: String?
    let supportPhone: String?
    let supportURL: String?
    let links: [Link]
    let footerText: String?
    let customDomain: String?
    let allowedOrigins: [String]
    let updatedAt: Date?

    struct Link: Encodable, Sendable {
        let label: String
        let url: String
    }

    enum CodingKeys: String, CodingKey {
        case font, links
        case tenantID = "tenant_id"
        case displayName = "display_name"
        case logoURL = "logo_url"
        case primaryColor = "primary_color"
        case accentColor = "accent_color"
        case backgroundColor = "background_color"
        case textColor = "text_color"
        case supportEmail = "support_email"
        case supportPhone = "support_phone"
        case supportURL = "support_url"
        case footerText = "footer_text"
        case customDomain = "custom_domain"
        case allowedOrigins = "allowed_origins"
        case updatedAt = "updated_at"
    }

    init(_ branding: Branding, tenantID: String) {
        self.tenantID = tenantID
        displayName = branding.displayName
        logoURL = branding.logoURL
        primaryColor = branding.primaryColor
        accentColor = branding.accentColor
        backgroundColor = branding.backgroundColor
        textColor = branding.textColor
        font = branding.font
        supportEmail = branding.supportEmail
        supportPhone = branding.supportPhone
        supportURL = branding.supportURL
        links = branding.links.map { Link(label: $0.label, url: $0.url) }
        footerText = branding.footerText
        customDomain = branding.customDomain
        allowedOrigins = branding.allowedOrigins
        updatedAt = branding.updatedAt
    }
}
