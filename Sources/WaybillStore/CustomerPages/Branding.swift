import Foundation

/// How a tenant's tracking page, widget and email snippet look. Values are validated by the
/// API before they are stored and escaped again wherever they are rendered.
public struct Branding: Sendable, Hashable, Codable {
    public struct Link: Sendable, Hashable, Codable {
        public var label: String
        public var url: String

        public init(label: String, url: String) {
            self.label = label
            self.url = url
        }
    }

    public var displayName: String?
    /// An https (or http on localhost) URL of the logo image.
    public var logoURL: String?
    /// `#rgb` or `#rrggbb` colours.
    public var primaryColor: String?
    public var accentColor: String?
    public var backgroundColor: String?
    public var textColor: String?
    /// A font from the safe list (`BrandingFont`).
    public var font: String?
    public var supportEmail: String?
    public var supportPhone: String?
    public var supportURL: String?
    public var links: [Link]
    public var footerText: String?
    /// Host name that serves this tenant's pages, lower case.
    public var customDomain: String?
    /// Origins (`https://shop.example.com`) allowed to embed the widget and iframe.
    public var allowedOrigins: [String]
    public var updatedAt: Date?

    public init(
        displayName: String? = nil, logoURL: String? = nil, primaryColor: String? = nil, accentColor: String? = nil,
        backgroundColor: String? = nil, textColor: String? = nil, font: String? = nil, supportEmail: String? = nil,
        supportPhone: String? = nil, supportURL: String? = nil, links: [Link] = [], footerText: String? = nil,
        customDomain: String? = nil, allowedOrigins: [String] = [], updatedAt: Date? = nil
    ) {
        self.displayName = displayName
        self.logoURL = logoURL
        self.primaryColor = primaryColor
        self.accentColor = accentColor
        self.backgroundColor = backgroundColor
        self.textColor = textColor
        self.font = font
        self.supportEmail = supportEmail
        self.supportPhone = supportPhone
        self.supportURL = supportURL
        self.links = links
        self.footerText = footerText
        self.customDomain = customDomain
        self.allowedOrigins = allowedOrigins
        self.updatedAt = updatedAt
    }
}
