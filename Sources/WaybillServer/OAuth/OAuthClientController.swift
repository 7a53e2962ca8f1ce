import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// A tenant's OAuth clients (`/v1/oauth-clients`), managed by its admins: the secret is shown
/// once, when the client is made; deleting a client stops new tokens and its live ones.
struct OAuthClientController: Sendable {
    let store: any Store

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.post("oauth-clients", use: create)
        group.get("oauth-clients", use: list)
        group.delete("oauth-clients/:id", use: delete)
    }

    @Sendable func create(_ request: Request, context: WaybillRequestContext) async throws -> EditedResponse<OAuthClientResponse> {
        let principal = try context.require(.manageTenant)
        let (_, body) = try await request.decode(CreateOAuthClientRequest.self, context: context)
        guard principal.mayGrant(body.role) else {
            throw APIError(status: .forbidden, code: "forbidden",
                           message: "a credential may only create clients whose role its own role and scope include; \(body.role.rawValue) is not",
                           details: .object(["role": .string(body.role.rawValue)]))
        }
        let secret = OAuthClientSecret.generate()
        let client = try await store.createOAuthClient(NewOAuthClient(
            tenantID: principal.tenantID, name: body.name, role: body.role, secretHash: secret.hash, actor: principal.actor))
        context.logger.info("oauth client created", metadata: ["client_id": "\(client.id)", "role": "\(client.role.rawValue)"])
        return EditedResponse(status: .created, response: OAuthClientResponse(client, secret: secret.secret))
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> ListResponse<OAuthClientResponse> {
        let principal = try context.require(.manageTenant)
        let clients = try await store.oauthClients(tenantID: principal.tenantID, includingDeleted: false)
        return ListResponse(data: clients.map { OAuthClientResponse($0, secret: nil) })
    }

    @Sendable func delete(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let id = try context.parameters.require("id")
        guard try await store.deleteOAuthClient(id: id, tenantID: principal.tenantID, actor: principal.actor) else {
            throw APIError.notFound("oauth client", id)
        }
        return Response(status: .noContent)
    }
}

/// `POST /v1/oauth-clients`: `{"role", "name"}`; the name is optional.
struct CreateOAuthClientRequest: Decodable, Sendable {
    var role: Role
    var name: String?

    enum CodingKeys: String, CodingKey {
        case role, name
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        role = try fields.choice(.role)
        name = try fields.optionalText(.name, maxLength: 100)
        if let name, name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw InvalidField(path: "name", reason: "must not contain control characters")
        }
    }
}

/// An OAuth client; `client_secret` only in the answer that made it (null in listings).
struct OAuthClientResponse: ResponseEncodable, Sendable {
    let clientID: String
    let clientSecret: String?
    let name: String?
    let role: String
    let createdAt: Date
    let lastUsedAt: Date?

    enum CodingKeys: String, CodingKey {
        case name, role
        case clientID = "client_id"
        case clientSecret = "client_secret"
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
    }

    init(_ client: OAuthClient, secret: String?) {
        clientID = client.id
        clientSecret = secret
        name = client.name
        role = client.role.rawValue
        createdAt = client.createdAt
        lastUsedAt = client.lastUsedAt
    }
}
