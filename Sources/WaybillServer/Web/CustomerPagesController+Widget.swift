import Foundation
import Hummingbird
import NIOCore
import WaybillCore
import WaybillStore

/// The embeddable widget (`/widget.js` defining `<waybill-tracking>`), its JSON, the iframe
/// variant and the email-safe snippet. Cross-origin reads are allowed only from the tenant's
/// `allowed_origins`; the iframe only inside pages of those origins.
extension CustomerPagesController {
    func addWidgetRoutes(to router: Router<WaybillRequestContext>) {
        router.get("widget.js", use: widgetScript)
        router.get("t/:token/widget.json", use: widgetData)
        router.post("track/widget.json", use: widgetLookup)
        router.get("t/:token/embed", use: embed)
        router.get("t/:token/email", use: emailSnippet)
        router.get("t/:token/status.png", use: statusImage)
    }

    @Sendable func widgetScript(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        Self.assetResponse("widget.js", request: request)
    }

    @Sendable func widgetData(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        guard let (shipment, branding) = try await publicShipment(request, context: context) else {
            let refused = try await notFoundResponse(request, context: context).status == .tooManyRequests
            return try Self.json(refused ? .tooManyRequests : .notFound, WidgetMessage(message: refused ? "too many requests" : "not found"),
                                 request: request, branding: nil)
        }
        let language = language(request, customerLocale: shipment.customer.locale)
        let events = try await store.events(shipmentID: shipment.id, tenantID: shipment.tenantID)
        let view = ShipmentView(shipment: shipment, events: events, language: language, now: now())
        let url = publicBaseURL + "/t/" + shipment.publicToken + "?lang=" + language.rawValue
        let data = WidgetDataResponse(language: language.rawValue,
                                      shipment: WidgetShipment(view, status: shipment.status, language: language, url: url),
                                      brand: WidgetBrand(branding))
        return try Self.json(.ok, data, request: request, branding: branding)
    }

    /// Order lookup for `<waybill-tracking tenant=...>`: form fields `tenant`, `order`, `verify`, `lang`.
    @Sendable func widgetLookup(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        var copy = request
        let form = FormFields(String(buffer: try await copy.collectBody(upTo: 16 * 1024)))
        let tenantID = (form["tenant"] ?? "").trimmed
        let branding = tenantID.isEmpty || tenantID.count > 64 ? nil : try await store.branding(tenantID: tenantID)
        let language = MessageCatalog.negotiate(query: form["lang"], customerLocale: nil, acceptLanguage: request.headers[.acceptLanguage])
        let labels = WidgetLabels(language)
        func failure(_ status: HTTPResponse.Status, _ key: UIText) throws -> Response {
            try Self.json(status, WidgetLookupFailure(message: language.messages.text(key), labels: labels, brand: WidgetBrand(branding)),
                          request: request, branding: branding)
        }
        let client = clientIdentity.key(request, context: context)
        guard await limiter.allows(client) else { return try failure(.tooManyRequests, .tooManyRequests) }
        let order = (form["order"] ?? "").trimmed
        let verify = (form["verify"] ?? "").trimmed
        guard !order.isEmpty, !verify.isEmpty else { return try failure(.badRequest, .lookupSecondFactorRequired) }
        guard !tenantID.isEmpty, order.count <= 100, verify.count <= 200,
              let match = Self.verifiedOrder(try await store.orderLookupCandidates(merchantOrderID: order, tenantID: tenantID),
                                             secondFactor: verify) else {
            await limiter.recordFailure(client)
            return try failure(.notFound, .lookupNotFound)
        }
        var shipments: [WidgetShipment] = []
        for (index, shipment) in match.shipments.enumerated() {
            let events = try await store.events(shipmentID: shipment.id, tenantID: shipment.tenantID)
            let view = ShipmentView(shipment: shipment, events: events, language: language, now: now(), index: index + 1)
            shipments.append(WidgetShipment(view, status: shipment.status, language: language,
                                            url: publicBaseURL + "/t/" + shipment.publicToken + "?lang=" + language.rawValue))
        }
        return try Self.json(.ok, WidgetLookupResponse(shipments: shipments, labels: labels, brand: WidgetBrand(branding)),
                             request: request, branding: branding)
    }

    @Sendable func embed(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        guard let (shipment, branding) = try await publicShipment(request, context: context) else {
            return try await notFoundResponse(request, context: context)
        }
        let language = language(request, customerLocale: shipment.customer.locale)
        let etag = Self.etag(shipment, language: language, branding: branding, variant: "embed")
        let framing = HTMLResponse.Framing.origins(branding?.allowedOrigins ?? [])
        let chrome = PageChrome(language: language, title: MessageCatalog.uiText(.pageTitle, language: language),
                                branding: branding, fallbackName: "Waybill", showLanguages: false)
        if HTMLResponse.matches(request, etag: etag) { return HTMLResponse.notModified(etag: etag) }
        let events = try await store.events(shipmentID: shipment.id, tenantID: shipment.tenantID)
        let view = ShipmentView(shipment: shipment, events: events, language: language, now: now())
        let html = WebAssets.render("embed", TrackingPage(chrome: chrome, shipment: view, pollURL: "", etag: etag))
        return HTMLResponse.make(.ok, html: html, styleSource: chrome.styleSource, framing: framing, etag: etag)
    }

    /// Plain HTML with inline CSS for notification emails: status, next step, ETA, link, status image.
    @Sendable func emailSnippet(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        guard let (shipment, branding) = try await publicShipment(request, context: context) else {
            return try await notFoundResponse(request, context: context)
        }
        let language = language(request, customerLocale: shipment.customer.locale)
        let events = try await store.events(shipmentID: shipment.id, tenantID: shipment.tenantID)
        let html = EmailSnippet.render(shipment: shipment, events: events, language: language, branding: branding,
                                       publicBaseURL: publicBaseURL, now: now())
        return HTMLResponse.make(.ok, html: html, styleSource: "'unsafe-inline'", cacheControl: "no-cache")
    }

    @Sendable func statusImage(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        guard let (shipment, branding) = try await publicShipment(request, context: context) else {
            return try await notFoundResponse(request, context: context)
        }
        let png = StatusImage.png(status: shipment.status, color: branding?.accentColor ?? branding?.primaryColor)
        return Response(status: .ok, headers: [
            .contentType: "image/png", .cacheControl: "public, max-age=300", .xContentTypeOptions: "nosniff",
            .init("Cross-Origin-Resource-Policy")!: "cross-origin",
        ], body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }

    /// JSON with CORS for the tenant's allowed origins only (no credentials).
    static func json(_ status: HTTPResponse.Status, _ body: some Encodable, request: Request, branding: Branding?) throws -> Response {
        var headers: HTTPFields = [.cacheControl: "no-cache", .vary: "Origin", .xContentTypeOptions: "nosniff",
                                   .init("Referrer-Policy")!: "no-referrer"]
        if let origin = request.headers[.origin], let allowed = branding?.allowedOrigins, allowed.contains(origin.lowercased()) {
            headers[.accessControlAllowOrigin] = origin
        }
        return try JSONResponse.make(status, encoding: body, headers: headers)
    }
}
