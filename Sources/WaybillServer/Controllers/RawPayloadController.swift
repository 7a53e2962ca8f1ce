import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// `/v1/raw-payloads/{id}`: a payload exactly as it was received, for audits and disputes.
struct RawPayloadController: Sendable {
    let store: any Store

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("raw-payloads/:id", use: show)
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.readRawPayloads)
        let id = try context.parameters.require("id")
        guard let payload = try await store.rawPayload(id: id, tenantID: principal.tenantID) else {
            throw APIError.notFound("raw payload", id)
        }
        var headers: HTTPFields = [
            .contentType: payload.contentType,
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
