import Foundation
import Hummingbird
import WaybillCore
import WaybillIngest
import WaybillStore

/// `/v1/raw-payloads/{id}`: a payload exactly as it was received, for audits and disputes.
struct RawPayloadController: Sendable {
    let store: any Store

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("raw-payloads", use: list)
        group.get("raw-payloads/:id", use: show)
        group.post("raw-payloads/:id/retry", use: retry)
    }

    /// `POST /v1/raw-payloads/{id}/retry`: parse a failed payload again (after a mapping fix, or
    /// once what made its parse job give up is gone). 202; 409 when it is not failed.
    @Sendable func retry(_ request: Request, context: WaybillRequestContext) async throws -> EditedResponse<RawPayloadRetryResponse> {
        let principal = try context.require(.manageTenant)
        let id = try context.parameters.require("id")
        switch try await store.retryRawPayload(id: id, tenantID: principal.tenantID, parseJobKind: RawPayloadProcessor.jobKind,
                                               actor: principal.actor) {
        case nil:
            throw APIError.notFound("raw payload", id)
        case .notFailed(let status)?:
            throw APIError(status: .conflict, code: "not_failed",
                           message: "raw payload \(id) is \(status.rawValue); only a failed payload is retried")
        case .queued?:
            return EditedResponse(status: .accepted, response: RawPayloadRetryResponse(id: id, status: RawPayloadStatus.received.rawValue))
        }
    }

    /// `GET /v1/raw-payloads?status=failed`: what was received, newest first, without bodies.
    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> PageResponse<RawPayloadSummaryResponse> {
        let principal = try context.require(.readRawPayloads)
        var status: RawPayloadStatus?
        if let text = request.uri.queryParameters.get("status") {
            guard let parsed = RawPayloadStatus(rawValue: text) else {
                throw InvalidField(path: "status", reason: "must be received, parsed or failed")
            }
            status = parsed
        }
        let cursor = request.uri.queryParameters.get("cursor")
        if let cursor, !Identifier.isValid(cursor, kind: .rawPayload) {
            throw InvalidField(path: "cursor", reason: "is not a cursor from a previous page")
        }
        let page = try await store.rawPayloads(tenantID: principal.tenantID, status: status, cursor: cursor,
                                               limit: try request.queryInt("limit", default: 50, range: 1...500))
        return PageResponse(data: page.items.map(RawPayloadSummaryResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.readRawPayloads)
        let id = try context.parameters.require("id")
        guard let payload = try await store.rawPayload(id: id, tenantID: principal.tenantID) else {
            throw APIError.notFound("raw payload", id)
        }
        // A download, never a page: a stored body is the sender's bytes (HTML or SVG from anyone who
        // can post to a webhook endpoint must not run in a support agent's browser).
        var headers: HTTPFields = [
            .contentType: "application/octet-stream",
            .init("X-Content-Type-Options")!: "nosniff",
            .contentDisposition: "attachment; filename=\"\(payload.id).bin\"",
            .init("X-Waybill-Original-Content-Type")!: payload.contentType,
            .init("X-Waybill-Raw-Payload-Id")!: payload.id,
            .init("X-Waybill-Source")!: payload.source.rawValue,
            .init("X-Waybill-Received-At")!: Timestamp.utcString(payload.receivedAt),
            .init("X-Waybill-Sha256")!: payload.sha256,
            .init("X-Waybill-Parse-Status")!: payload.status.rawValue,
        ]
        if let carrier = payload.carrier { headers[.init("X-Waybill-Carrier")!] = carrier }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: payload.body)))
    }
}
