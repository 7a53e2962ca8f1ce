import Foundation
import Hummingbird
import Logging
import WaybillCore
import WaybillStore

/// The OAuth 2.0 token endpoint (client credentials grant, RFC 6749 §4.4) and the public keys that
/// verify its tokens (`/.well-known/jwks.json`). Both are public: the token endpoint authenticates
/// the client itself, and failed requests are counted per client address (`LookupRateLimiter`),
/// which is refused with 429 once it failed too often.
struct OAuthTokenController: Sendable {
    let store: any Store
    let tokens: OAuthTokens
    let clientIdentity: ClientIdentity
    let failures: LookupRateLimiter

    init(store: any Store, tokens: OAuthTokens, trustedProxies: [IPRange], failures: LookupRateLimiter = LookupRateLimiter()) {
        self.store = store
        self.tokens = tokens
        self.clientIdentity = ClientIdentity(trustedProxies: trustedProxies)
        self.failures = failures
    }

    func addRoutes(to router: Router<WaybillRequestContext>) {
        router.post("oauth/token", use: token)
        router.get(".well-known/jwks.json", use: jwks)
    }

    @Sendable func token(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let address = clientIdentity.key(request, context: context)
        guard await failures.allows(address) else {
            return OAuthError.tooManyFailures(retryAfter: await failures.retryAfter(address)).response
        }
        do {
            return OAuthTokenResponse.make(try await grant(request, context: context))
        } catch let error as OAuthError {
            if error.status != .serviceUnavailable { await failures.recordFailure(address) }
            context.logger.info("token request refused", metadata: ["error": "\(error.code)"])
            return error.response
        }
    }

    /// A token for an authenticated client; throws `OAuthError` for anything RFC 6749 §5.2 names.
    private func grant(_ request: Request, context: WaybillRequestContext) async throws -> OAuthTokens.Issued {
        let tokenRequest = try await OAuthTokenRequest.read(request, context: context)
        guard let grantType = tokenRequest.grantType, !grantType.isEmpty else {
            throw OAuthError.invalidRequest("grant_type is required (client_credentials)")
        }
        guard grantType == "client_credentials" else { throw OAuthError.unsupportedGrantType(grantType) }
        let client = try await authenticate(tokenRequest)
        let scopes = try Self.grantedScopes(tokenRequest.scope, role: client.role)
        let issued: OAuthTokens.Issued
        do {
            issued = try await tokens.issue(for: client, scopes: scopes)
        } catch is SecretBoxError {
            throw OAuthError.noSigningKey()
        }
        do {
            try await store.markOAuthClientUsed(id: client.id, tenantID: client.tenantID, at: Date())
        } catch {
            context.logger.warning("could not note the client's last use", metadata: ["client_id": "\(client.id)", "error": "\(ErrorText.of(error))"])
        }
        context.logger.info("access token issued", metadata: [
            "client_id": "\(client.id)", "tenant": "\(client.tenantID)", "scope": "\(issued.scope)",
        ])
        return issued
    }

    /// The live client whose secret this is; the secret is compared through digests, in constant time.
    private func authenticate(_ tokenRequest: OAuthTokenRequest) async throws -> OAuthClient {
        let failed = OAuthError.invalidClient(usedBasic: tokenRequest.usedBasic)
        guard Identifier.isValid(tokenRequest.clientID, kind: .oauthClient) else { throw failed }
        let found = try await store.liveOAuthClient(id: tokenRequest.clientID)
        let given = OAuthClientSecret.hash(of: tokenRequest.clientSecret)
        // Compared even when there is no such client, so that the answer takes as long.
        let matches = SecretComparison.equal(given, found?.secretHash ?? String(repeating: "0", count: given.count))
        guard let found, matches else { throw failed }
        return found.client
    }

    /// The permissions a token gets: those `scope` asks for, which its role must allow, or all of
    /// the role's when no scope is asked for.
    static func grantedScopes(_ scope: String?, role: Role) throws(OAuthError) -> Set<Permission> {
        let allowed = Set(OAuthScope.all(of: role))
        guard let scope, !scope.trimmed.isEmpty else { return allowed }
        guard let asked = OAuthScope.parse(scope) else {
            throw .invalidScope("scope must be permissions separated by spaces, from: \(Permission.allCases.map(\.rawValue).joined(separator: " "))")
        }
        let beyond = asked.subtracting(allowed)
        guard beyond.isEmpty else {
            throw .invalidScope("the client's role (\(role.rawValue)) does not allow \(OAuthScope.string(beyond))")
        }
        return asked
    }

    /// `{"keys": [...]}`: the installation's signing key as a JWK (none while no installation key is configured).
    @Sendable func jwks(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        var keys: [JSONValue] = []
        if let signing = try? await tokens.signingKey() { keys.append(signing.key.publicJWK) }
        return JSONResponse.make(.ok, .object(["keys": .array(keys)]), headers: [.cacheControl: "public, max-age=300"])
    }
}
