import Foundation
import WaybillStore

/// `PUT /v1/branding` and `POST /v1/branding/preview`: the tenant's look; omitted fields are cleared.
struct BrandingRequest: Decodable, Sendable {
    var accentColor: String?
    var allowedOrigins: [String]?
    var backgroundColor: String?
    var customDomain: String?
    var displayName: String?
    var font: BrandingFont?
    var footerText: String?
    var links: [LinkRequest]?
    var logoURL: String?
    var primaryColor: String?
    var supportEmail: String?
    var supportPhone: String?
    var supportURL: String?
    var textColor: String?

    enum CodingKeys: String, CodingKey {
        case font, links
        case accentColor = "accent_color"
        case allowedOrigins = "allowed_origins"
        case backgroundColor = "background_color"
        case customDomain = "custom_domain"
        case displayName = "display_name"
        case footerText = "footer_text"
        case logoURL = "logo_url"
        case primaryColor = "primary_color"
        case supportEmail = "support_email"
        case supportPhone = "support_phone"
        case supportURL = "support_url"
        case textColor = "text_color"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        accentColor = try fields.optionalText(.accentColor, maxLength: 20)
        allowedOrigins = try fields.optionalTextList(.allowedOrigins, maxLength: 200, maxCount: 20)
        backgroundColor = try fields.optionalText(.backgroundColor, maxLength: 20)
        customDomain = try fields.optionalText(.customDomain, maxLength: 253)
        displayName = try fields.optionalText(.displayName, maxLength: 100)
        font = try fields.optionalChoice(.font)
        footerText = try fields.optionalText(.footerText, maxLength: 500)
        links = try fields.optionalList(.links, maxCount: 10)
        logoURL = try fields.optionalText(.logoURL, maxLength: 2000)
        primaryColor = try fields.optionalText(.primaryColor, maxLength: 20)
        supportEmail = try fields.optionalText(.supportEmail, maxLength: 254)
        supportPhone = try fields.optionalText(.supportPhone, maxLength: 40)
        supportURL = try fields.optionalText(.supportURL, maxLength: 2000)
        textColor = try fields.optionalText(.textColor, maxLength: 20)
    }

    /// A footer or header link.
    struct LinkRequest: Decodable, Sendable {
        var label: String
        var url: String

        enum CodingKeys: String, CodingKey {
            case label, url
        }

        init(from decoder: any Decoder) throws {
            let fields = try RequestFields(decoder, keys: CodingKeys.self)
            label = try fields.text(.label, maxLength: 80)
            url = try fields.text(.url, maxLength: 2000)
        }
    }

    /// The branding, once its values are safe to put on a page: https URLs, colours with readable
    /// contrast (WCAG AA), an email address, a phone number, a host name, origins.
    func branding() throws -> Branding {
        var branding = Branding()
        branding.displayName = displayName.nonBlank
        branding.footerText = footerText.nonBlank
        if let url = logoURL.nonBlank {
            guard BrandingRules.safeURL(url) != nil else { throw InvalidField(path: "logo_url", reason: "must be an https URL") }
            branding.logoURL = url
        }
        for (key, color, path) in [(\Branding.primaryColor, primaryColor, "primary_color"), (\.accentColor, accentColor, "accent_color"),
                                   (\.backgroundColor, backgroundColor, "background_color"), (\.textColor, textColor, "text_color")] {
            guard let color = color.nonBlank else { continue }
            guard BrandingRules.isColor(color) else {
                throw InvalidField(path: path, reason: "must be a colour written #rgb or #rrggbb")
            }
            branding[keyPath: key] = color.lowercased()
        }
        let foreground = branding.textColor ?? "#1f2937"
        let background = branding.backgroundColor ?? "#ffffff"
        if let ratio = BrandingRules.contrast(foreground, background), ratio < 4.5 {
            throw InvalidField(path: branding.textColor == nil ? "background_color" : "text_color",
                               reason: "text and background contrast is \(String(format: "%.2f", ratio)):1; WCAG AA needs at least 4.5:1")
        }
        if let primary = branding.primaryColor, let ratio = BrandingRules.contrast(primary, "#ffffff"), ratio < 4.5 {
            throw InvalidField(path: "primary_color",
                               reason: "white button text on it has contrast \(String(format: "%.2f", ratio)):1; WCAG AA needs at least 4.5:1")
        }
        branding.font = font?.rawValue
        if let email = supportEmail.nonBlank {
            guard BrandingRules.isEmail(email) else { throw InvalidField(path: "support_email", reason: "must be an email address") }
            branding.supportEmail = email
        }
        if let phone = supportPhone.nonBlank {
            guard BrandingRules.isPhone(phone) else {
                throw InvalidField(path: "support_phone", reason: "may hold only digits, spaces and + - ( ) .")
            }
            branding.supportPhone = phone
        }
        if let url = supportURL.nonBlank {
            guard BrandingRules.safeURL(url) != nil else { throw InvalidField(path: "support_url", reason: "must be an https URL") }
            branding.supportURL = url
        }
        for (index, link) in (links ?? []).enumerated() {
            guard let label = link.label.nonBlank else { throw InvalidField(path: "links[\(index)].label", reason: "must not be empty") }
            guard BrandingRules.safeURL(link.url) != nil else { throw InvalidField(path: "links[\(index)].url", reason: "must be an https URL") }
            branding.links.append(.init(label: label, url: link.url))
        }
        if let domain = customDomain.nonBlank?.lowercased() {
            guard BrandingRules.isDomain(domain) else {
                throw InvalidField(path: "custom_domain", reason: "must be a host name like track.example.com")
            }
            branding.customDomain = domain
        }
        for (index, origin) in (allowedOrigins ?? []).enumerated() {
            guard let normalized = BrandingRules.normalizedOrigin(origin) else {
                throw InvalidField(path: "allowed_origins[\(index)]", reason: "must be an origin like https://shop.example.com")
            }
            if !branding.allowedOrigins.contains(normalized) { branding.allowedOrigins.append(normalized) }
        }
        return branding
    }
}
