import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// `/v1/branding`: the tenant's look on the tracking page, widget and email snippet, and a preview.
struct BrandingController: Sendable {
    let store: any Store
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("branding", use: show)
        group.put("branding", use: replace)
        group.get("branding/preview", use: previewStored)
        group.post("branding/preview", use: previewProposed)
    }

    static let shape: JSONShape = {
        let text = { (max: Int) in JSONShape.nullable(.string(maxLength: max)) }
        let link = JSONShape.object(["label": .init(shape: .string(maxLength: 80), required: true),
                                     "url": .init(shape: .string(maxLength: 2000), required: true)])
        return .object([
            "display_name": .init(shape: text(100), required: false),
            "logo_url": .init(shape: text(2000), required: false),
            "primary_color": .init(shape: text(20), required: false),
            "accent_color": .init(shape: text(20), required: false),
            "background_color": .init(shape: text(20), required: false),
            "text_color": .init(shape: text(20), required: false),
            "font": .init(shape: .nullable(.oneOf(BrandingFont.allCases.map(\.rawValue))), required: false),
            "support_email": .init(shape: text(254), required: false),
            "support_phone": .init(shape: text(40), required: false),
            "support_url": .init(shape: text(2000), required: false),
            "links": .init(shape: .nullable(.array(link, maxCount: 10)), required: false),
            "footer_text": .init(shape: text(500), required: false),
            "custom_domain": .init(shape: text(253), required: false),
            "allowed_origins": .init(shape: .nullable(.array(.string(maxLength: 200), maxCount: 20)), required: false),
        ])
    }()

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.readShipments)
        let branding = try await store.branding(tenantID: principal.tenantID) ?? Branding()
        return JSONResponse.make(.ok, Self.representation(branding, tenantID: principal.tenantID))
    }

    @Sendable func replace(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let (_, body) = try await request.json(Self.shape, context: context)
        let branding = try Self.branding(from: body)
        let saved = try await store.saveBranding(branding, tenantID: principal.tenantID, actor: principal.actor)
        return JSONResponse.make(.ok, Self.representation(saved, tenantID: principal.tenantID))
    }

    @Sendable func previewStored(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.readShipments)
        return preview(request, branding: try await store.branding(tenantID: principal.tenantID))
    }

    @Sendable func previewProposed(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        _ = try context.require(.manageTenant)
        let (_, body) = try await request.json(Self.shape, context: context)
        var branding = try Self.branding(from: body)
        branding.updatedAt = now()
        return preview(request, branding: branding)
    }

    /// A sample in-transit shipment on the branded page.
    func preview(_ request: Request, branding: Branding?) -> Response {
        let language = MessageCatalog.negotiate(query: request.uri.queryParameters.get("lang"), customerLocale: nil,
                                                acceptLanguage: request.headers[.acceptLanguage])
        let sample = SamplePage.shipment(now: now())
        let chrome = PageChrome(language: language, title: MessageCatalog.uiText(.pageTitle, language: language),
                                branding: branding, fallbackName: "Waybill", showLanguages: false)
        let view = ShipmentView(shipment: sample.shipment, events: sample.events, language: language, now: now())
        let html = WebAssets.render("tracking", CustomerPagesController.TrackingPage(chrome: chrome, shipment: view, pollURL: "", etag: ""))
        return HTMLResponse.make(.ok, html: html, styleSource: chrome.styleSource, cacheControl: "no-store")
    }

    /// Validates the body's values (beyond their JSON shape) into a `Branding`.
    static func branding(from body: JSONValue) throws -> Branding {
        func text(_ key: String) -> String? { body[key]?.stringValue.nonBlank }
        var branding = Branding()
        branding.displayName = text("display_name")
        branding.footerText = text("footer_text")
        if let url = text("logo_url") {
            guard BrandingRules.safeURL(url) != nil else { throw InvalidField(path: "logo_url", reason: "must be an https URL") }
            branding.logoURL = url
        }
        for (key, path) in [(\Branding.primaryColor, "primary_color"), (\.accentColor, "accent_color"),
                            (\.backgroundColor, "background_color"), (\.textColor, "text_color")] {
            guard let color = text(path) else { continue }
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
        branding.font = text("font")
        if let email = text("support_email") {
            guard BrandingRules.isEmail(email) else { throw InvalidField(path: "support_email", reason: "must be an email address") }
            branding.supportEmail = email
        }
        if let phone = text("support_phone") {
            guard BrandingRules.isPhone(phone) else {
                throw InvalidField(path: "support_phone", reason: "may hold only digits, spaces and + - ( ) .")
            }
            branding.supportPhone = phone
        }
        if let url = text("support_url") {
            guard BrandingRules.safeURL(url) != nil else { throw InvalidField(path: "support_url", reason: "must be an https URL") }
            branding.supportURL = url
        }
        for (index, link) in (body["links"]?.arrayValue ?? []).enumerated() {
            guard let label = link["label"]?.stringValue.nonBlank else {
                throw InvalidField(path: "links[\(index)].label", reason: "must not be empty")
            }
            guard let url = link["url"]?.stringValue, BrandingRules.safeURL(url) != nil else {
                throw InvalidField(path: "links[\(index)].url", reason: "must be an https URL")
            }
            branding.links.append(.init(label: label, url: url))
        }
        if let domain = text("custom_domain")?.lowercased() {
            guard BrandingRules.isDomain(domain) else { throw InvalidField(path: "custom_domain", reason: "must be a host name like track.example.com") }
            branding.customDomain = domain
        }
        for (index, origin) in (body["allowed_origins"]?.arrayValue ?? []).enumerated() {
            guard let text = origin.stringValue, let normalized = BrandingRules.normalizedOrigin(text) else {
                throw InvalidField(path: "allowed_origins[\(index)]", reason: "must be an origin like https://shop.example.com")
            }
            if !branding.allowedOrigins.contains(normalized) { branding.allowedOrigins.append(normalized) }
        }
        return branding
    }

    /// `tenant_id` is what `<waybill-tracking tenant="...">` names for order lookups.
    static func representation(_ branding: Branding, tenantID: String) -> JSONValue {
        .object([
            "tenant_id": .string(tenantID),
            "display_name": .string(branding.displayName),
            "logo_url": .string(branding.logoURL),
            "primary_color": .string(branding.primaryColor),
            "accent_color": .string(branding.accentColor),
            "background_color": .string(branding.backgroundColor),
            "text_color": .string(branding.textColor),
            "font": .string(branding.font),
            "support_email": .string(branding.supportEmail),
            "support_phone": .string(branding.supportPhone),
            "support_url": .string(branding.supportURL),
            "links": .array(branding.links.map { .object(["label": .string($0.label), "url": .string($0.url)]) }),
            "footer_text": .string(branding.footerText),
            "custom_domain": .string(branding.customDomain),
            "allowed_origins": .array(branding.allowedOrigins.map(JSONValue.string)),
            "updated_at": .time(branding.updatedAt),
        ])
    }
}
