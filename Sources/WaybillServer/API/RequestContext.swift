import Foundation
import Hummingbird
import NIOCore
import Logging
import WaybillCore

/// Who is calling: the tenant and role of the API key or OAuth client that authenticated the
/// request, and what it may do there.
struct Principal: Sendable {
    /// What authenticated the request.
    enum Credential: Sendable, Equatable {
        case apiKey
        /// An OAuth access token (`keyID` is the client id), valid until `expiresAt`.
        case oauthClient(expiresAt: Date)
    }

    var tenantID: String
    /// The API key's id, or the OAuth client's `client_id`.
    var keyID: String
    var role: Role
    /// The permissions this credential may use: all of its role's for an API key, those of the
    /// token's `scope` for an OAuth access token.
    var scopes: Set<Permission>
    var credential: Credential

    init(tenantID: String, keyID: String, role: Role, scopes: Set<Permission>? = nil, credential: Credential = .apiKey) {
        self.tenantID = tenantID
        self.keyID = keyID
        self.role = role
        self.scopes = Set(OAuthScope.all(of: role)).intersection(scopes ?? Set(Permission.allCases))
        self.credential = credential
    }

    /// Name recorded in the audit log.
    var actor: String {
        switch credential {
        case .apiKey: "api_key:\(keyID)"
        case .oauthClient: "oauth_client:\(keyID)"
        }
    }

    /// Whether both the role and the scope allow `permission`.
    func may(_ permission: Permission) -> Bool {
        role.allows(permission) && scopes.contains(permission)
    }

    /// Whether this credential may hand out `role` (to a new API key or OAuth client): only a role its own
    /// role includes, and only permissions its scope holds, so no credential creates a stronger one.
    func mayGrant(_ role: Role) -> Bool {
        self.role.includes(role) && OAuthScope.all(of: role).allSatisfy(scopes.contains)
    }
}

struct WaybillRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    var principal: Principal?
    var requestID: String = ""
    /// The peer's address (lookup rate limits are per client).
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    var maxUploadSize: Int { 2 * 1024 * 1024 }
    var responseEncoder: APIResponseEncoder { APIResponseEncoder() }

    /// The authenticated caller, after checking it may do `permission`.
    func require(_ permission: Permission) throws -> Principal {
        guard let principal else { throw APIError.unauthorized }
        guard principal.may(permission) else { throw APIError.forbidden(permission.rawValue) }
        return principal
    }
}
