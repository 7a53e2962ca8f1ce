import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// `/v1/webhook-subscriptions`: the merchant's systems subscribe to signed state changes.
struct WebhookSubscriptionController: Sendable {
    let store: any Store
    /// How long the previous secret keeps signing after a rotation, unless the request says.
    static let defaultOverlap: TimeInterval = 24 * 3600

    static let createShape = JSONShape.object([
        "url": .init(shape: .string(maxLength: 2000), required: true),
        "event_types": .init(shape: .array(.oneOf(NotificationEventType.allCases.map(\.rawValue)), maxCount: 20), required: true),
    ])
    static let rotateShape = JSONShape.object([
        "overlap_seconds": .init(shape: .nullable(.integer(0...7 * 86_400)), required: false),
    ])

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.post("webhook-subscriptions", use: create)
        group.get("webhook-subscriptions", use: list)
        group.get("webhook-subscriptions/:id", use: show)
        group.delete("webhook-subscriptions/:id", use: delete)
        group.post("webhook-subscriptions/:id/rotate-secret", use: rotate)
    }

    @Sendable func create(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let (_, body) = try await request.json(Self.createShape, context: context)
        let url = (body["url"]?.stringValue ?? "").trimmed
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = parsed.host, !host.isEmpty else {
            throw InvalidField(path: "url", reason: "must be an absolute http or https URL; got \"\(url)\"")
        }
        let types = (body["event_types"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(NotificationEventType.init(rawValue:)) }
        guard !types.isEmpty else { throw InvalidField(path: "event_types", reason: "must list at least one event type") }
        var unique: [NotificationEventType] = []
        for type in types where !unique.contains(type) { unique.append(type) }
        let subscription = try await store.createWebhookSubscription(tenantID: principal.tenantID, url: url, eventTypes: unique,
                                                                     actor: principal.actor)
        return JSONResponse.make(.created, Self.json(subscription, withSecret: true))
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let subscriptions = try await store.webhookSubscriptions(tenantID: principal.tenantID)
        return JSONResponse.make(.ok, .object(["data": .array(subscriptions.map { Self.json($0, withSecret: false) })]))
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let id = try context.parameters.require("id")
        guard let subscription = try await store.webhookSubscription(id: id, tenantID: principal.tenantID) else {
            throw APIError.notFound("webhook subscription", id)
        }
        return JSONResponse.make(.ok, Self.json(subscription, withSecret: false))
    }

    @Sendable func delete(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        try await store.deleteWebhookSubscription(id: try context.parameters.require("id"), tenantID: principal.tenantID,
                                                  actor: principal.actor)
        return Response(status: .noContent)
    }

    /// A new secret; the previous one keeps signing (both signatures are sent) for the overlap.
    @Sendable func rotate(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        var overlap = Self.defaultOverlap
        if request.headers[.contentLength].map({ $0 != "0" }) ?? (request.headers[.contentType] != nil) {
            let (_, body) = try await request.json(Self.rotateShape, context: context)
            if case .number(let seconds)? = body["overlap_seconds"] { overlap = seconds }
        }
        let subscription = try await store.rotateWebhookSubscriptionSecret(
            id: try context.parameters.require("id"), tenantID: principal.tenantID, overlap: overlap, actor: principal.actor)
        return JSONResponse.make(.ok, Self.json(subscription, withSecret: true))
    }

    /// The secret is shown when it is made (create, rotate) and never listed.
    static func json(_ subscription: WebhookSubscription, withSecret: Bool) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(subscription.id),
            "url": .string(subscription.url),
            "event_types": .array(subscription.eventTypes.map { .string($0.rawValue) }),
            "created_at": .time(subscription.createdAt),
            "updated_at": .time(subscription.updatedAt),
            "previous_secret_expires_at": .time(subscription.previousSecretExpiresAt.flatMap { $0 > Date() ? $0 : nil }),
            "circuit_open_until": .time(subscription.circuitOpenUntil.flatMap { $0 > Date() ? $0 : nil }),
            "consecutive_failures": .number(Double(subscription.consecutiveFailures)),
        ]
        if withSecret { object["secret"] = .string(subscription.secret) }
        return .object(object)
    }
}
