import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

extension CustomerPagesController {
    struct LookupPage: Sendable {
        struct OrderHeading: Sendable { var title: String; var count: String }
        var chrome: PageChrome
        var title: String
        var error: String?
        var showForm: Bool
        var intro: String
        var langHidden: String?
        var orderLabel: String
        var orderValue: String
        var verifyLabel: String
        var searchLabel: String
        var order: OrderHeading?
        var shipments: [ShipmentView]
    }

    /// What a lookup asked for: `number`, or `order` plus `verify` (email or postal code).
    struct LookupInput: Sendable {
        var number: String?
        var order: String?
        var verify: String?
        var lang: String?
    }

    /// `GET /track` shows the form; `?number=` looks up a tracking number; `order` + `verify`
    /// (query or form post) looks up an order. Misses and wrong second factors count against the client.
    @Sendable func lookupPage(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let input = try await Self.lookupInput(request)
        let language = MessageCatalog.negotiate(query: input.lang, customerLocale: nil, acceptLanguage: request.headers[.acceptLanguage])
        let messages = language.messages
        let scope = try await tenantScope(request)
        let branding = try await scope.asyncMap { try await store.branding(tenantID: $0) } ?? nil
        let client = clientIdentity.key(request, context: context)

        var hidden: [PageChrome.HiddenField] = []
        if let number = input.number { hidden.append(.init(name: "number", value: number)) }
        var page = LookupPage(
            chrome: PageChrome(language: language, title: messages.text(.orderLookupTitle), branding: branding,
                               fallbackName: "Waybill", hiddenFields: hidden),
            title: messages.text(.orderLookupTitle), error: nil, showForm: true, intro: messages.text(.orderLookupIntro),
            langHidden: input.lang.flatMap { MessageCatalog.language(fromTag: $0)?.rawValue }, orderLabel: messages.text(.orderNumber),
            orderValue: input.order ?? "", verifyLabel: messages.text(.emailOrPostalCode), searchLabel: messages.text(.search),
            order: nil, shipments: [])
        func respond(_ status: HTTPResponse.Status) -> Response {
            HTMLResponse.make(status, html: WebAssets.render("lookup", page), styleSource: page.chrome.styleSource)
        }

        let wantsNumber = input.number.map { !$0.trimmed.isEmpty } ?? false
        let wantsOrder = input.order.map { !$0.trimmed.isEmpty } ?? false
        guard wantsNumber || wantsOrder else { return respond(.ok) }
        guard await limiter.allows(client) else { return await tooManyRequests(request, retryAfter: limiter.retryAfter(client)) }

        if wantsNumber, let number = input.number {
            let shipments = try await shipments(trackingNumber: number, scope: scope)
            guard !shipments.isEmpty else {
                await limiter.recordFailure(client)
                page.error = messages.text(.lookupNotFound)
                return respond(.notFound)
            }
            page.title = messages.text(.trackingNumberLookupTitle, ["number": number.trimmed])
            page.chrome.title = page.title
            page.showForm = false
            for (index, shipment) in shipments.enumerated() {
                let events = try await store.events(shipmentID: shipment.id, tenantID: shipment.tenantID)
                page.shipments.append(Self.anonymized(ShipmentView(shipment: shipment, events: events, language: language,
                                                                   now: now(), index: index + 1)))
            }
            return respond(.ok)
        }

        let orderNumber = (input.order ?? "").trimmed
        let verify = (input.verify ?? "").trimmed
        guard !verify.isEmpty else {
            page.error = messages.text(.lookupSecondFactorRequired)
            return respond(.badRequest)
        }
        let orderKey = "\(scope ?? "*"):\(orderNumber.lowercased())"
        guard await orderLimiter.allows(orderKey) else { return await tooManyRequests(request, retryAfter: orderLimiter.retryAfter(orderKey)) }
        guard orderNumber.count <= 100, verify.count <= 200,
              let match = Self.verifiedOrder(try await store.orderLookupCandidates(merchantOrderID: orderNumber, tenantID: scope),
                                             secondFactor: verify) else {
            await limiter.recordFailure(client)
            await orderLimiter.recordFailure(orderKey)
            page.error = messages.text(.lookupNotFound)
            return respond(.notFound)
        }
        let orderBranding = try await store.branding(tenantID: match.order.tenantID)
        page.chrome = PageChrome(language: language, title: messages.text(.order, ["number": orderNumber]),
                                 branding: orderBranding, fallbackName: "Waybill", showLanguages: false)
        page.showForm = false
        page.title = messages.text(.orderLookupTitle)
        page.order = .init(title: messages.text(.order, ["number": match.order.merchantOrderID]),
                           count: messages.text(.shipmentCount, ["count": String(match.shipments.count)]))
        for (index, shipment) in match.shipments.enumerated() {
            let events = try await store.events(shipmentID: shipment.id, tenantID: shipment.tenantID)
            page.shipments.append(ShipmentView(shipment: shipment, events: events, language: language, now: now(), index: index + 1))
        }
        return respond(.ok)
    }

    /// Shipments with the number as typed or as normalized (spaces and dashes dropped, upper case).
    func shipments(trackingNumber: String, scope: String?) async throws -> [Shipment] {
        let typed = trackingNumber.trimmed
        guard !typed.isEmpty, typed.count <= 64 else { return [] }
        var found = try await store.shipments(trackingNumber: typed, tenantID: scope, limit: 10)
        let normalized = TrackingNumber.normalize(typed)
        if found.isEmpty, normalized != typed, !normalized.isEmpty {
            found = try await store.shipments(trackingNumber: normalized, tenantID: scope, limit: 10)
        }
        return found
    }

    /// A tracking number alone proves nothing about the person: no name (signed-by) is shown.
    static func anonymized(_ view: ShipmentView) -> ShipmentView {
        var view = view
        view.delivered?.signedBy = nil
        return view
    }

    /// The candidate whose order or shipments have this email or postal code. Every candidate
    /// and every stored value is compared, in constant time, so timing tells nothing.
    static func verifiedOrder(_ candidates: [OrderWithShipments], secondFactor: String) -> OrderWithShipments? {
        let isEmail = secondFactor.contains("@")
        let given = isEmail ? normalizedEmail(secondFactor) : normalizedPostalCode(secondFactor)
        var match: OrderWithShipments?
        var compared = false
        for candidate in candidates {
            let customers = [candidate.order.customer] + candidate.shipments.map(\.customer)
            var found = false
            for customer in customers {
                let stored = isEmail ? customer.email.map(normalizedEmail) : customer.postalCode.map(normalizedPostalCode)
                guard let stored, !stored.isEmpty else { continue }
                compared = true
                if SecretComparison.equal(stored, given) { found = true }
            }
            if found, match == nil { match = candidate }
        }
        // Burn the same work when there was nothing to compare against.
        if !compared { _ = SecretComparison.equal(given, given) }
        return match
    }

    static func normalizedEmail(_ text: String) -> String { text.trimmed.lowercased() }

    static func normalizedPostalCode(_ text: String) -> String {
        String(text.uppercased().filter { $0.isLetter || $0.isNumber })
    }

    static func lookupInput(_ request: Request) async throws -> LookupInput {
        let query = request.uri.queryParameters
        var input = LookupInput(number: query.get("number"), order: query.get("order"), verify: query.get("verify"),
                                lang: query.get("lang"))
        if request.method == .post {
            var request = request
            let buffer = try await request.collectBody(upTo: 16 * 1024)
            let form = FormFields(String(buffer: buffer))
            input.order = form["order"] ?? input.order
            input.verify = form["verify"] ?? input.verify
            input.number = form["number"] ?? input.number
            input.lang = form["lang"] ?? input.lang
        }
        return input
    }
}

/// `application/x-www-form-urlencoded` fields.
struct FormFields: Sendable {
    private var values: [String: String] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            if values[name] == nil { values[name] = value }
        }
    }

    subscript(name: String) -> String? { values[name] }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
