import Crypto
import Foundation
import Hummingbird
import NIOCore
import WaybillCore
import WaybillStore

/// The customer-facing surfaces: tracking page `/t/{token}`, order and tracking-number lookup
/// `/track`, the widget and its iframe, the email snippet, the support view, and `/v1/branding`.
struct CustomerPagesController: Sendable {
    let store: any Store
    let publicBaseURL: String
    let limiter: LookupRateLimiter
    /// Wrong second factors per order, whoever sends them (an order is guessed from many addresses).
    let orderLimiter: LookupRateLimiter
    let clientIdentity: ClientIdentity
    let renderedPages = RenderedPageCache()
    let now: @Sendable () -> Date

    init(store: any Store, publicBaseURL: String, trustedProxies: [IPRange] = [], limiter: LookupRateLimiter = LookupRateLimiter(),
         orderLimiter: LookupRateLimiter = LookupRateLimiter(policy: .perOrder), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.publicBaseURL = publicBaseURL
        self.limiter = limiter
        self.orderLimiter = orderLimiter
        self.clientIdentity = ClientIdentity(trustedProxies: trustedProxies)
        self.now = now
    }

    /// Registers the public pages on `router` and the branding API on the authenticated `api` group.
    func addRoutes(to router: Router<WaybillRequestContext>, api: RouterGroup<WaybillRequestContext>) {
        router.get("t/:token", use: trackingPage)
        // Link checkers and mail clients ask HEAD first: the GET's status and headers, no body.
        router.head("t/:token") { request, context in
            let page = try await trackingPage(request, context: context)
            return Response(status: page.status, headers: page.headers)
        }
        router.get("track", use: lookupPage)
        router.post("track", use: lookupPage)
        router.get("assets/:file", use: asset)
        addWidgetRoutes(to: router)
        addSupportRoutes(to: router)
        BrandingController(store: store, now: now).addRoutes(to: api)
    }

    // MARK: Tracking page

    @Sendable func trackingPage(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        guard let found = try await publicShipment(request, context: context) else {
            return try await notFoundResponse(request, context: context)
        }
        let (shipment, branding) = found
        let language = language(request, customerLocale: shipment.customer.locale)
        let etag = Self.etag(shipment, language: language, branding: branding, variant: "page")
        if HTMLResponse.matches(request, etag: etag) { return HTMLResponse.notModified(etag: etag) }
        let now = now()
        let page: RenderedPageCache.Page
        if let rendered = renderedPages.page(etag: etag, now: now) {
            page = rendered
        } else {
            page = try await renderTrackingPage(shipment, branding: branding, language: language, etag: etag, now: now)
        }
        return HTMLResponse.make(.ok, html: page.html, styleSource: page.styleSource, etag: etag)
    }

    private func renderTrackingPage(_ shipment: Shipment, branding: Branding?, language: Language, etag: String,
                                    now: Date) async throws -> RenderedPageCache.Page {
        let chrome = PageChrome(language: language, title: MessageCatalog.uiText(.pageTitle, language: language),
                                branding: branding, fallbackName: "Waybill", pollScript: true)
        let events = try await store.events(shipmentID: shipment.id, tenantID: shipment.tenantID)
        let legs = try await store.legs(shipmentID: shipment.id, tenantID: shipment.tenantID)
        let view = ShipmentView(shipment: shipment, events: events, legs: legs, language: language, now: now)
        let html = WebAssets.render("tracking", TrackingPage(
            chrome: chrome, shipment: view, pollURL: "/t/\(shipment.publicToken)?lang=\(language.rawValue)", etag: etag))
        // The page says "late" once the estimate's last day has passed: it is rendered again then.
        let estimateEnd = shipment.estimatedDelivery.flatMap { $0.latest ?? $0.earliest }
        let page = RenderedPageCache.Page(html: ByteBuffer(string: html), styleSource: chrome.styleSource,
                                          expiresAt: estimateEnd.flatMap { $0 > now ? $0 : nil })
        renderedPages.store(page, etag: etag)
        return page
    }

    struct TrackingPage: Sendable {
        var chrome: PageChrome
        var shipment: ShipmentView
        var pollURL: String
        var etag: String
    }

    struct MessagePage: Sendable {
        var chrome: PageChrome
        var heading: String
        var text: String
        var lookupLink: String?
    }

    /// The shipment of the token in the path, with its tenant's branding; nil when there is none
    /// (or it belongs to another tenant than the custom domain the request came to).
    func publicShipment(_ request: Request, context: WaybillRequestContext) async throws -> (Shipment, Branding?)? {
        let token = context.parameters.get("token") ?? ""
        guard token.count >= 16, token.count <= 128,
              token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
              let shipment = try await store.shipment(publicToken: token) else { return nil }
        if let scope = try await tenantScope(request), scope != shipment.tenantID { return nil }
        return (shipment, try await store.branding(tenantID: shipment.tenantID))
    }

    /// A miss counts against the client; once it missed too often it gets 429s.
    func notFoundResponse(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let client = clientIdentity.key(request, context: context)
        guard await limiter.allows(client) else { return await tooManyRequests(request, retryAfter: limiter.retryAfter(client)) }
        await limiter.recordFailure(client)
        let language = language(request, customerLocale: nil)
        let messages = language.messages
        let chrome = PageChrome(language: language, title: messages.text(.notFound), branding: nil, fallbackName: "Waybill",
                                showLanguages: false)
        let html = WebAssets.render("message", MessagePage(
            chrome: chrome, heading: messages.text(.notFound), text: messages.text(.notFoundText),
            lookupLink: messages.text(.orderLookupTitle)))
        return HTMLResponse.make(.notFound, html: html, styleSource: chrome.styleSource)
    }

    func tooManyRequests(_ request: Request, retryAfter retry: Int) async -> Response {
        let language = language(request, customerLocale: nil)
        let messages = language.messages
        let chrome = PageChrome(language: language, title: messages.text(.tooManyRequests), branding: nil,
                                fallbackName: "Waybill", showLanguages: false)
        let html = WebAssets.render("message", MessagePage(
            chrome: chrome, heading: messages.text(.tooManyRequests), text: messages.text(.tooManyRequests), lookupLink: nil))
        return HTMLResponse.make(.tooManyRequests, html: html, styleSource: chrome.styleSource,
                                 extra: [.retryAfter: String(retry)])
    }

    func language(_ request: Request, customerLocale: String?) -> Language {
        MessageCatalog.negotiate(query: request.uri.queryParameters.get("lang"), customerLocale: customerLocale,
                                 acceptLanguage: request.headers[.acceptLanguage])
    }

    /// The tenant whose custom domain the request came to, if any.
    func tenantScope(_ request: Request) async throws -> String? {
        guard let authority = request.head.authority else { return nil }
        var host = Substring(authority.lowercased())
        if host.hasPrefix("[") { return nil }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        guard BrandingRules.isDomain(String(host)) else { return nil }
        return try await store.tenantID(customDomain: String(host))
    }

    /// Changes when the shipment, the language, the branding or the page assets change.
    static func etag(_ shipment: Shipment, language: Language, branding: Branding?, variant: String) -> String {
        let parts = [variant, shipment.id, shipment.lastEventID ?? "-", Timestamp.utcString(shipment.updatedAt),
                     shipment.status.rawValue, language.rawValue, branding?.updatedAt.map(Timestamp.utcString) ?? "-", WebAssets.version]
        let digest = SHA256.hash(data: Data(parts.joined(separator: "|").utf8)).prefix(12)
        return "\"" + Hex.encode(digest) + "\""
    }

    // MARK: Assets

    @Sendable func asset(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        Self.assetResponse(context.parameters.get("file") ?? "", request: request)
    }

    static func assetResponse(_ name: String, request: Request) -> Response {
        guard let file = WebAssets.files[name] else {
            return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8", .xContentTypeOptions: "nosniff"],
                            body: .init(byteBuffer: ByteBuffer(string: "not found")))
        }
        if HTMLResponse.matches(request, etag: file.etag) { return HTMLResponse.notModified(etag: file.etag) }
        return Response(status: .ok, headers: [
            .contentType: file.contentType, .eTag: file.etag, .xContentTypeOptions: "nosniff",
            .cacheControl: "public, max-age=86400", .init("Cross-Origin-Resource-Policy")!: "cross-origin",
        ], body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
    }
}
