import Foundation
import Hummingbird
import WaybillCarriers
import WaybillCore
import WaybillIngest
import WaybillStore

/// Carrier webhooks: tenants manage their inbound endpoints (`/v1/webhook-endpoints`), carriers
/// post to `/v1/webhooks/carriers/{carrier}/{id}`. A post is answered 202 once its raw payload
/// is committed; parsing happens right after, in the ingest worker.
struct WebhookController: Sendable {
    let store: any Store
    let worker: IngestWorker
    let publicBaseURL: String
    let endpoints = WebhookEndpointCache(timeToLive: .seconds(5))
    static let maxBodySize = 5 * 1024 * 1024

    func addIngressRoute(to router: Router<WaybillRequestContext>) {
        router.post("v1/webhooks/carriers/:carrier/:id", use: receive)
    }

    func addManagementRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.post("webhook-endpoints", use: create)
        group.get("webhook-endpoints", use: list)
        group.post("webhook-endpoints/:id/rotate-secret", use: rotate)
        group.delete("webhook-endpoints/:id", use: delete)
    }

    @Sendable func receive(_ request: Request, context: WaybillRequestContext) async throws -> EditedResponse<ReceivedWebhookResponse> {
        let carrier = try context.parameters.require("carrier")
        let id = try context.parameters.require("id")
        guard var endpoint = try await endpoint(id: id, cached: true), endpoint.carrier == carrier else {
            throw APIError.notFound("webhook endpoint", id)
        }
        let body = try await request.bodyData(upTo: Self.maxBodySize)
        if !WebhookAuthentication.isAuthentic(carrier: carrier, body: body, headers: request.headers, secret: endpoint.secret) {
            // The secret may have been rotated through another instance since it was cached.
            guard let fresh = try await self.endpoint(id: id, cached: false), fresh.carrier == carrier,
                  WebhookAuthentication.isAuthentic(carrier: carrier, body: body, headers: request.headers, secret: fresh.secret) else {
                throw APIError(status: .unauthorized, code: "invalid_signature",
                               message: "the webhook is not signed with this endpoint's secret")
            }
            endpoint = fresh
        }
        guard !body.isEmpty else { throw APIError.badRequest("invalid_request", "the webhook body is empty") }
        let raw = NewRawPayload(source: .webhook, carrier: carrier,
                                contentType: request.headers[.contentType] ?? "application/octet-stream", body: body)
        let received = try await store.receive(raw, tenantID: endpoint.tenantID, parseJobKind: RawPayloadProcessor.jobKind)
        if received.isNew { worker.nudge() }
        return EditedResponse(status: .accepted,
                              response: ReceivedWebhookResponse(rawPayloadID: received.rawPayloadID, duplicate: !received.isNew))
    }

    @Sendable func create(_ request: Request, context: WaybillRequestContext) async throws -> EditedResponse<WebhookEndpointResponse> {
        let principal = try context.require(.manageTenant)
        let (_, body) = try await request.decode(CreateWebhookEndpointRequest.self, context: context)
        let endpoint = try await store.createWebhookEndpoint(tenantID: principal.tenantID, carrier: try body.checkedCarrier(),
                                                             actor: principal.actor)
        return EditedResponse(status: .created, response: WebhookEndpointResponse(endpoint, publicBaseURL: publicBaseURL, withSecret: true))
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> ListResponse<WebhookEndpointResponse> {
        let principal = try context.require(.manageTenant)
        let endpoints = try await store.webhookEndpoints(tenantID: principal.tenantID)
        return ListResponse(data: endpoints.map { WebhookEndpointResponse($0, publicBaseURL: publicBaseURL, withSecret: false) })
    }

    @Sendable func rotate(_ request: Request, context: WaybillRequestContext) async throws -> WebhookEndpointResponse {
        let principal = try context.require(.manageTenant)
        let id = try context.parameters.require("id")
        defer { endpoints.remove(id: id) }
        let endpoint = try await store.rotateWebhookSecret(id: id, tenantID: principal.tenantID, actor: principal.actor)
        return WebhookEndpointResponse(endpoint, publicBaseURL: publicBaseURL, withSecret: true)
    }

    @Sendable func delete(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let id = try context.parameters.require("id")
        defer { endpoints.remove(id: id) }
        try await store.deleteWebhookEndpoint(id: id, tenantID: principal.tenantID, actor: principal.actor)
        return Response(status: .noContent)
    }

    /// The endpoint from the cache when `cached` and still fresh, else from the store.
    private func endpoint(id: String, cached: Bool) async throws -> WebhookEndpoint? {
        if cached, let endpoint = endpoints.endpoint(id: id) { return endpoint }
        let readStarted = endpoints.invalidations
        let endpoint = try await store.webhookEndpoint(id: id)
        if let endpoint { endpoints.insert(endpoint, readAfter: readStarted) }
        return endpoint
    }
}
