import Crypto
import Foundation
import WaybillCore
import WaybillStore

/// Everything around a customer page's content: language, brand, support contact, footer.
struct PageChrome: Sendable {
    struct LanguageOption: Sendable { var code: String; var name: String; var current: Bool }
    struct HiddenField: Sendable { var name: String; var value: String }
    struct Link: Sendable { var label: String; var url: String }

    var lang: String
    var dir: String
    var title: String
    var assetVersion: String = WebAssets.version
    var brandStyle: String?
    var pollScript: Bool
    var skipToContent: String
    var brandName: String
    var logoURL: String?
    var showLanguages: Bool
    var hiddenFields: [HiddenField]
    var languageLabel: String
    var changeLabel: String
    var languages: [LanguageOption]
    var hasSupport: Bool
    var contactSupport: String
    var supportEmail: String?
    var supportPhone: String?
    var supportPhoneDial: String?
    var supportURL: String?
    var hasLinks: Bool
    var links: [Link]
    var footerText: String?
    var poweredBy: String

    init(language: Language, title: String, branding: Branding?, fallbackName: String, pollScript: Bool = false,
         showLanguages: Bool = true, hiddenFields: [HiddenField] = []) {
        let messages = language.messages
        self.lang = language.rawValue
        self.dir = language.isRightToLeft ? "rtl" : "ltr"
        self.title = title
        self.brandStyle = BrandingRules.css(branding)
        self.pollScript = pollScript
        self.skipToContent = messages.text(.skipToContent)
        let name = branding?.displayName?.trimmed ?? ""
        self.brandName = name.isEmpty ? fallbackName : name
        self.logoURL = branding?.logoURL.flatMap(BrandingRules.safeURL)
        self.showLanguages = showLanguages
        self.hiddenFields = hiddenFields
        self.languageLabel = messages.text(.language)
        self.changeLabel = messages.text(.change)
        self.languages = Language.allCases.map {
            LanguageOption(code: $0.rawValue, name: $0.messages.nativeName, current: $0 == language)
        }
        self.contactSupport = messages.text(.contactSupport)
        self.supportEmail = branding?.supportEmail.flatMap { BrandingRules.isEmail($0) ? $0 : nil }
        self.supportPhone = branding?.supportPhone.flatMap { BrandingRules.isPhone($0) ? $0 : nil }
        self.supportPhoneDial = supportPhone.map { String($0.filter { $0.isNumber || $0 == "+" }) }
        self.supportURL = branding?.supportURL.flatMap(BrandingRules.safeURL)
        self.hasSupport = supportEmail != nil || supportPhone != nil || supportURL != nil
        self.links = (branding?.links ?? []).compactMap { link in
            BrandingRules.safeURL(link.url).map { Link(label: link.label, url: $0) }
        }
        self.hasLinks = !links.isEmpty
        let footer = branding?.footerText?.trimmed ?? ""
        self.footerText = footer.isEmpty ? nil : footer
        self.poweredBy = messages.text(.poweredBy)
    }

    /// The CSP source that allows exactly this page's inline brand style.
    var styleSource: String {
        guard let brandStyle else { return "'self'" }
        let digest = Data(SHA256.hash(data: Data(brandStyle.utf8))).base64EncodedString()
        return "'self' 'sha256-\(digest)'"
    }
}
