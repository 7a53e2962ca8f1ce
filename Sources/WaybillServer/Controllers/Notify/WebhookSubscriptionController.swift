import Foundation
import Hummingbird
import WaybillCore
import WaybillNotify
import WaybillStore

/// `/v1/webhook-subscriptions`: the merchant's systems subscribe to signed state changes.
struct WebhookSubscriptionController: Sendable {
    let store: any Store
    let egress: EgressPolicy
    /// How long the previous secret keeps signing after a rotation, unless the request says.
    static let defaultOverlap: TimeInterval = 24 * 3600

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.post("webhook-subscriptions", use: create)
        group.get("webhook-subscriptions", use: list)
        group.get("webhook-subscriptions/:id", use: show)
        group.delete("webhook-subscriptions/:id", use: delete)
        group.post("webhook-subscriptions/:id/rotate-secret", use: rotate)
    }

    @Sendable func create(_ request: Request, context: WaybillRequestContext) async throws
        -> EditedResponse<WebhookSubscriptionWithSecretResponse> {
        let principal = try context.require(.manageTenant)
        let (_, body) = try await request.decode(CreateWebhookSubscriptionRequest.self, context: context)
        let url = try body.checkedURL()
        if let host = URL(string: url)?.host(percentEncoded: false) {
            try await EgressCheck.require(host: host, field: "url", policy: egress)
        }
        let subscription = try await store.createWebhookSubscription(tenantID: principal.tenantID, url: url,
                                                                     eventTypes: try body.uniqueEventTypes(), actor: principal.actor)
        return EditedResponse(status: .created, response: WebhookSubscriptionWithSecretResponse(subscription))
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> ListResponse<WebhookSubscriptionResponse> {
        let principal = try context.require(.manageTenant)
        let subscriptions = try await store.webhookSubscriptions(tenantID: principal.tenantID)
        return ListResponse(data: subscriptions.map { WebhookSubscriptionResponse($0) })
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> WebhookSubscriptionResponse {
        let principal = try context.require(.manageTenant)
        let id = try context.parameters.require("id")
        guard let subscription = try await store.webhookSubscription(id: id, tenantID: principal.tenantID) else {
            throw APIError.notFound("webhook subscription", id)
        }
        return WebhookSubscriptionResponse(subscription)
    }

    @Sendable func delete(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        try await store.deleteWebhookSubscription(id: try context.parameters.require("id"), tenantID: principal.tenantID,
                                                  actor: principal.actor)
        return Response(status: .noContent)
    }

    /// A new secret; the previous one keeps signing (both signatures are sent) for the overlap.
    @Sendable func rotate(_ request: Request, context: WaybillRequestContext) async throws -> WebhookSubscriptionWithSecretResponse {
        let principal = try context.require(.manageTenant)
        var overlap = Self.defaultOverlap
        if request.headers[.contentLength].map({ $0 != "0" }) ?? (request.headers[.contentType] != nil) {
            let (_, body) = try await request.decode(RotateSubscriptionSecretRequest.self, context: context)
            if let seconds = body.overlapSeconds { overlap = TimeInterval(seconds) }
        }
        let subscription = try await store.rotateWebhookSubscriptionSecret(
            id: try context.parameters.require("id"), tenantID: principal.tenantID, overlap: overlap, actor: principal.actor)
        return WebhookSubscriptionWithSecretResponse(subscription)
    }
}
