import Foundation
import Hummingbird
import NIOCore
import WaybillCore
import WaybillStore

/// The support view: search by order number, tracking number or customer email; a shipment's
/// normalized timeline beside its raw carrier payloads; the exceptions queue. For `support` and
/// `admin` keys, sent as a Bearer header or entered once in a form that opens a server-side
/// session (`SupportSession`): an HttpOnly, SameSite=Strict cookie scoped to `/support` holding
/// a random id, never the key.
extension CustomerPagesController {
    /// Hours without an event after which an open shipment counts as stale (`WAYBILL_STALE_HOURS`, default 72).
    static let staleHours: Double = ProcessInfo.processInfo.environment["WAYBILL_STALE_HOURS"].flatMap(Double.init) ?? 72

    func addSupportRoutes(to router: Router<WaybillRequestContext>) {
        router.get("support", use: supportHome)
        router.post("support/login", use: supportLogin)
        router.post("support/logout", use: supportLogout)
        router.get("support/shipments/:id", use: supportShipment)
    }

    struct SupportPage: Sendable {
        struct Row: Sendable {
            var id: String, trackingNumber: String, carrier: String, order: String, status: String, reasons: String
            var lastEvent: String, email: String
        }
        struct Rows: Sendable { var rows: [Row] }
        struct EventRow: Sendable {
            var when: String, status: String, substatus: String?, reason: String?, code: String, description: String, place: String
            /// Who scanned it and whose feed said so ("usps", "ups via aftership").
            var carrier: String
            /// Set on an untrusted feed's copy of another event.
            var supersededBy: String?
        }
        struct Payload: Sendable { var id: String, source: String, contentType: String, receivedAt: String, body: String }
        struct Detail: Sendable {
            var trackingNumber: String, carrier: String, order: String, status: String, statusText: String, email: String
            var publicURL: String, events: [EventRow], payloads: [Payload]
        }

        var title: String
        var assetVersion = WebAssets.version
        var error: String?
        /// The sign-out form's token, when a session cookie signed in.
        var csrfToken: String?
        var login = false
        var signedIn = false
        var query = ""
        var hasQuery = false
        var resultCount = 0
        var rows: [Row] = []
        var queueCount = 0
        var queue: Rows?
        var detail: Detail?
    }

    /// Who is signed in to the support view: a support or admin key, from the Bearer header or
    /// through the session in the cookie.
    struct SupportSignIn: Sendable {
        var key: APIKey
        var session: SupportSession?
    }

    func supportSignIn(_ request: Request) async throws -> SupportSignIn? {
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            return try await supportKey(secret: String(header.dropFirst("bearer ".count)).trimmed).map { SupportSignIn(key: $0) }
        }
        guard let session = SupportSession(cookies: request.headers[.cookie]),
              let key = try await store.supportSessionKey(idHash: session.idHash, now: now()), Self.maySignIn(key) else { return nil }
        return SupportSignIn(key: key, session: session)
    }

    func supportKey(secret: String) async throws -> APIKey? {
        try await storedKey(secret: secret).flatMap { Self.maySignIn($0) ? $0 : nil }
    }

    /// The unrevoked key of `secret`, whatever its role and expiry.
    func storedKey(secret: String) async throws -> APIKey? {
        guard secret.hasPrefix("wb_"), secret.count < 200,
              secret.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
        return try await store.apiKey(secretHash: APIKeyMaterial.hash(of: secret))
    }

    /// A sign-in refused to a real key (a viewer's, an expired one) goes to its tenant's audit
    /// log; an unknown key has no tenant and is only rate limited.
    func auditRefusedSignIn(_ key: APIKey) async throws {
        let reason = key.isLive(at: now()) ? "the \(key.role.rawValue) role may not sign in" : "the key has expired"
        try await store.recordAudit(NewAuditRecord(tenantID: key.tenantID, actor: "api_key:\(key.id)", action: "support_session.refused",
                                                   subjectType: "api_key", subjectID: key.id, details: ["reason": reason]))
    }

    static func maySignIn(_ key: APIKey) -> Bool { (key.role == .support || key.role == .admin) && key.isLive(at: Date()) }

    var secureCookies: Bool { publicBaseURL.lowercased().hasPrefix("https://") }

    func crossSiteForm() -> Response {
        supportResponse(.forbidden, SupportPage(title: "Sign in", error: "This form was not sent from this server's own page.", login: true))
    }

    func supportResponse(_ status: HTTPResponse.Status, _ page: SupportPage, extra: HTTPFields = [:]) -> Response {
        var response = HTMLResponse.make(status, html: WebAssets.render("support", page), styleSource: "'self'",
                                         cacheControl: "no-store", extra: extra)
        response.headers[.init("X-Robots-Tag")!] = "noindex"
        return response
    }

    @Sendable func supportHome(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        guard let signIn = try await supportSignIn(request) else {
            return supportResponse(.unauthorized, SupportPage(title: "Sign in", login: true))
        }
        let key = signIn.key
        var page = SupportPage(title: "Shipments", csrfToken: signIn.session?.csrfToken, signedIn: true)
        let query = (request.uri.queryParameters.get("q") ?? "").trimmed
        if !query.isEmpty {
            let found = try await store.supportSearch(tenantID: key.tenantID, text: query, limit: 100)
            page.query = query
            page.hasQuery = true
            page.resultCount = found.count
            page.rows = found.map { Self.row($0, reasons: []) }
        }
        let queue = try await store.exceptionQueue(tenantID: key.tenantID, staleAfter: Self.staleHours * 3600, now: now(), limit: 200)
        page.queueCount = queue.count
        page.queue = SupportPage.Rows(rows: queue.map { Self.row($0.shipment, reasons: $0.reasons.map(\.rawValue)) })
        return supportResponse(.ok, page)
    }

    @Sendable func supportLogin(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        guard SameOrigin.allows(request, publicBaseURL: publicBaseURL) else { return crossSiteForm() }
        var copy = request
        let form = FormFields(String(buffer: try await copy.collectBody(upTo: 4096)))
        let secret = (form["key"] ?? "").trimmed
        let client = clientIdentity.key(request, context: context)
        guard await limiter.allows(client) else { return await tooManyRequests(request, retryAfter: limiter.retryAfter(client)) }
        let stored = try await storedKey(secret: secret)
        guard let key = stored, Self.maySignIn(key) else {
            await limiter.recordFailure(client)
            if let stored { try await auditRefusedSignIn(stored) }
            return supportResponse(.unauthorized, SupportPage(title: "Sign in", error: "That key is not a live support or admin key.", login: true))
        }
        let session = SupportSession.generate()
        let signedInAt = now()
        try await store.createSupportSession(NewSupportSession(idHash: session.idHash, apiKeyID: key.id, tenantID: key.tenantID,
                                                               createdAt: signedInAt, expiresAt: signedInAt + SupportSession.lifetime))
        return Response(status: .seeOther, headers: [
            .location: "/support", .setCookie: session.setCookie(secure: secureCookies), .cacheControl: "no-store",
        ])
    }

    /// Ends the cookie's session (the server forgets it, so a copied cookie is worthless too).
    /// The form must carry the session's CSRF token: another site cannot sign a support agent out.
    @Sendable func supportLogout(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        guard SameOrigin.allows(request, publicBaseURL: publicBaseURL) else { return crossSiteForm() }
        if let session = SupportSession(cookies: request.headers[.cookie]) {
            var copy = request
            let form = FormFields(String(buffer: try await copy.collectBody(upTo: 4096)))
            guard SecretComparison.equal(form["csrf"] ?? "", session.csrfToken) else {
                return supportResponse(.forbidden, SupportPage(title: "Sign out", error: "The sign-out form is out of date: reload the page and sign out again."))
            }
            try await store.deleteSupportSession(idHash: session.idHash)
        }
        return Response(status: .seeOther, headers: [
            .location: "/support", .setCookie: SupportSession.clearCookie(secure: secureCookies), .cacheControl: "no-store",
        ])
    }

    @Sendable func supportShipment(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        guard let signIn = try await supportSignIn(request) else {
            return supportResponse(.unauthorized, SupportPage(title: "Sign in", login: true))
        }
        let key = signIn.key
        let id = context.parameters.get("id") ?? ""
        guard let shipment = try await store.shipment(id: id, tenantID: key.tenantID) else {
            return supportResponse(.notFound, SupportPage(title: "Not found", error: "No shipment \(id) in this tenant.",
                                                          csrfToken: signIn.session?.csrfToken, signedIn: true))
        }
        let events = try await store.events(shipmentID: shipment.id, tenantID: shipment.tenantID, includingSuperseded: true)
        var payloadIDs: [String] = []
        for event in events { for raw in event.rawPayloadIDs where !payloadIDs.contains(raw) { payloadIDs.append(raw) } }
        var payloads: [SupportPage.Payload] = []
        for rawID in payloadIDs.prefix(50) {
            guard let raw = try await store.rawPayload(id: rawID, tenantID: key.tenantID) else { continue }
            var body = String(decoding: raw.body.prefix(20_000), as: UTF8.self)
            if raw.body.count > 20_000 { body += "\n… (\(raw.body.count) bytes)" }
            payloads.append(.init(id: raw.id, source: raw.source.rawValue, contentType: raw.contentType,
                                  receivedAt: Timestamp.utcString(raw.receivedAt), body: body))
        }
        let rows = events.reversed().map { stored in
            let event = stored.event
            let when = event.localTime.map { $0.description + (event.utcOffset?.description ?? "") }
                ?? event.occurredAt.map(Timestamp.utcString) ?? ""
            return SupportPage.EventRow(when: when, status: event.status.rawValue, substatus: event.substatus?.rawValue,
                                        reason: event.reason?.rawValue, code: event.carrierCode ?? "",
                                        description: event.carrierDescription ?? "", place: event.location.flatMap(ShipmentView.place) ?? "",
                                        carrier: Self.feedLabel(stored, shipmentCarrier: shipment.carrier), supersededBy: stored.supersededBy)
        }
        var page = SupportPage(title: "Shipment \(shipment.trackingNumber)", csrfToken: signIn.session?.csrfToken, signedIn: true)
        page.detail = .init(trackingNumber: shipment.trackingNumber, carrier: shipment.carrier, order: shipment.orderID ?? "",
                            status: shipment.status.rawValue,
                            statusText: MessageCatalog.statusText(shipment.status, language: .english),
                            email: shipment.customer.email ?? "", publicURL: publicBaseURL + "/t/" + shipment.publicToken,
                            events: rows, payloads: payloads)
        return supportResponse(.ok, page)
    }

    /// "usps", or "ups via aftership" when an aggregator relayed the carrier's scan.
    static func feedLabel(_ stored: StoredEvent, shipmentCarrier: String) -> String {
        let carrier = stored.carrier ?? shipmentCarrier
        guard let feed = stored.reportedBy, feed != carrier, CarrierFeeds.isAggregator(feed) else { return carrier }
        return "\(carrier) via \(feed)"
    }

    static func row(_ shipment: Shipment, reasons: [String]) -> SupportPage.Row {
        SupportPage.Row(id: shipment.id, trackingNumber: shipment.trackingNumber, carrier: shipment.carrier, order: shipment.orderID ?? "",
                        status: shipment.status.rawValue, reasons: reasons.joined(separator: ", "),
                        lastEvent: shipment.lastEventAt.map(Timestamp.utcString) ?? "", email: shipment.customer.email ?? "")
    }
}
