import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// `/v1/api-keys`: admins create, list, rotate and revoke their tenant's keys. No key hands out a
/// role stronger than its own.
struct APIKeyController: Sendable {
    let store: any Store

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.post("api-keys", use: create)
        group.get("api-keys", use: list)
        group.post("api-keys/:id/rotate", use: rotate)
        group.delete("api-keys/:id", use: revoke)
    }

    @Sendable func create(_ request: Request, context: WaybillRequestContext) async throws -> EditedResponse<APIKeyResponse> {
        let principal = try context.require(.manageTenant)
        let (_, body) = try await request.decode(CreateAPIKeyRequest.self, context: context)
        guard principal.mayGrant(body.role) else {
            throw APIError(status: .forbidden, code: "forbidden",
                           message: "a \(principal.role.rawValue) key may not create a \(body.role.rawValue) key (a stronger role)")
        }
        let material = APIKeyMaterial.generate()
        let key = try await store.createAPIKey(NewAPIKey(
            tenantID: principal.tenantID, prefix: material.prefix, secretHash: material.hash, role: body.role,
            rateLimit: body.rateLimit, name: body.name, expiresAt: body.expiresIn.map { Date().addingTimeInterval($0) },
            actor: principal.actor))
        return EditedResponse(status: .created, response: APIKeyResponse(key, secret: material.secret))
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> ListResponse<APIKeyResponse> {
        let principal = try context.require(.manageTenant)
        let now = Date()
        return ListResponse(data: try await store.apiKeys(tenantID: principal.tenantID).map { APIKeyResponse($0, now: now) })
    }

    @Sendable func rotate(_ request: Request, context: WaybillRequestContext) async throws -> EditedResponse<RotatedAPIKeyResponse> {
        let principal = try context.require(.manageTenant)
        let id = try context.parameters.require("id")
        let body = try await request.decodeIfPresent(RotateAPIKeyRequest.self, context: context) ?? RotateAPIKeyRequest()
        let material = APIKeyMaterial.generate()
        let (new, previous) = try await store.rotateAPIKey(APIKeyRotation(id: id, tenantID: principal.tenantID, material: material,
                                                                          overlap: body.overlap, actor: principal.actor))
        return EditedResponse(status: .created, response: RotatedAPIKeyResponse(key: APIKeyResponse(new, secret: material.secret),
                                                                                previous: APIKeyResponse(previous)))
    }

    @Sendable func revoke(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let id = try context.parameters.require("id")
        guard try await store.revokeAPIKey(id: id, tenantID: principal.tenantID, actor: principal.actor) else {
            throw APIError.notFound("API key", id)
        }
        return Response(status: .noContent)
    }
}
