import Foundation
import WaybillCore

/// OAuth 2.0 clients (client credentials grant): made and deleted by a tenant's admin or the CLI,
/// looked up by `client_id` at the token endpoint and on every request that carries their tokens.
public protocol OAuthClientStore: Sendable {
    /// Stores a new client (id `wbc_...`) and audits `oauth_client.created`.
    func createOAuthClient(_ client: NewOAuthClient) async throws -> OAuthClient
    /// The live (not deleted) client with this id, with its secret's hash; nil when there is none.
    func liveOAuthClient(id: String) async throws -> (client: OAuthClient, secretHash: String)?
    /// The tenant's clients (every tenant's when nil), oldest first; deleted ones only when asked.
    func oauthClients(tenantID: String?, includingDeleted: Bool) async throws -> [OAuthClient]
    /// Deletes a live client (of `tenantID` when given) and audits `oauth_client.deleted`;
    /// false when there is no such live client.
    func deleteOAuthClient(id: String, tenantID: String?, actor: String) async throws -> Bool
    /// Notes that the client was given a token at `date`.
    func markOAuthClientUsed(id: String, tenantID: String, at date: Date) async throws
}

public struct NewOAuthClient: Sendable {
    public var tenantID: String
    public var name: String?
    public var role: Role
    public var secretHash: String
    /// Who made it, for the audit log (`cli`, `api_key:...`).
    public var actor: String

    public init(tenantID: String, name: String?, role: Role, secretHash: String, actor: String) {
        self.tenantID = tenantID
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.actor = actor
    }
}
