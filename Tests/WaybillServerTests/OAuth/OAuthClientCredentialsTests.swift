import Crypto
import Foundation
import Hummingbird
import Testing
import WaybillCore
@testable import WaybillServer
import WaybillStore
import WaybillTestSupport

/// OAuth 2.0 client credentials (issue 17) against the whole application over real HTTP, on
/// SQLite and PostgreSQL: clients made through the API, tokens from `POST /oauth/token` used on
/// `/v1`, verified with the published JWKS, and every refusal RFC 6749 §5.2 names.
@Suite("OAuth client credentials")
struct OAuthClientCredentialsTests {
    init() throws {
        try TestSecretKey.installShared()
    }

    @Test(arguments: TestDatabase.available)
    func aClientGetsTokensByBasicAndByFormAndUsesThemOnTheAPI(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, store in
            let client = try await api.createClient(keys.admin, role: .integration, name: "warehouse")

            let basic = try await api.tokenRequest("grant_type=client_credentials", basic: (client.id, client.secret))
            #expect(basic.status == 200, "\(String(decoding: basic.body, as: UTF8.self))")
            #expect(basic.headers[.cacheControl] == "no-store")
            #expect(basic.headers[.init("Pragma")!] == "no-cache")
            #expect(basic.string("token_type") == "Bearer")
            #expect(basic.json["expires_in"] == .number(3600))
            #expect(basic.string("scope") == "shipments:read shipments:write orders:read")
            let byBasic = try #require(basic.string("access_token"))
            let byForm = try await api.token(client)

            for token in [byBasic, byForm] {
                let listed = try await api.send(.get, "/v1/shipments", key: token)
                #expect(listed.status == 200)
                #expect(listed.headers[.init("RateLimit-Limit")!] == nil)  // TestApp runs without a default limit
            }
            let created = try await api.createShipment(byForm, "1Z999AA10123456784")
            #expect(created.status == 201)
            let shipmentID = try #require(created.string("id"))
            let tenant = try #require(try await store.tenant(named: "acme"))
            let trail = try await store.auditTrail(tenantID: tenant.id, subjectID: shipmentID)
            #expect(trail.contains { $0.actor == "oauth_client:\(client.id)" }, "\(trail.map(\.actor))")
            let clientTrail = try await store.auditTrail(tenantID: tenant.id, subjectID: client.id)
            #expect(clientTrail.map(\.action) == ["oauth_client.created"])
            #expect(clientTrail.first?.actor.hasPrefix("api_key:") == true)

            // Listed without its secret, with when it was last given a token.
            let list = try await api.send(.get, "/v1/oauth-clients", key: keys.admin)
            let entries = try #require(list.json["data"]?.arrayValue)
            #expect(entries.count == 1)
            #expect(entries.first?["client_id"]?.stringValue == client.id)
            #expect(entries.first?["client_secret"] == .null)
            #expect(entries.first?["name"]?.stringValue == "warehouse")
            #expect(entries.first?["last_used_at"]?.stringValue != nil)
            #expect(!String(decoding: list.body, as: UTF8.self).contains(client.secret))
            // Another tenant sees none of them and cannot delete them.
            let other = try await api.send(.get, "/v1/oauth-clients", key: keys.otherTenantAdmin)
            #expect(other.json["data"]?.arrayValue?.isEmpty == true)
            #expect(try await api.send(.delete, "/v1/oauth-clients/\(client.id)", key: keys.otherTenantAdmin).status == 404)
        }
    }

    /// The credentials of HTTP Basic are form-url-encoded before base64 (RFC 6749 §2.3.1).
    @Test func basicCredentialsAreURLDecoded() async throws {
        try await TestApp.run(.sqlite, over: .live) { api, keys, _ in
            let client = try await api.createClient(keys.admin, role: .viewer)
            let escaped = client.id.replacingOccurrences(of: "_", with: "%5F")
            let header = "Basic " + Data("\(escaped):\(client.secret.replacingOccurrences(of: "_", with: "%5F"))".utf8).base64EncodedString()
            var headers = APIClient.formHeaders
            headers[.authorization] = header
            let response = try await api.send(.post, "/oauth/token", json: "grant_type=client_credentials", headers: headers)
            #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
        }
    }

    /// The signature checks out with the key published at /.well-known/jwks.json, verified here with
    /// swift-crypto alone, and the claims are the client's.
    @Test(arguments: TestDatabase.available)
    func theTokenVerifiesWithThePublishedKey(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, store in
            let client = try await api.createClient(keys.admin, role: .support)
            let token = try await api.token(client, scope: "raw_payloads:read shipments:read")
            let jwks = try await api.send(.get, "/.well-known/jwks.json")
            #expect(jwks.status == 200)
            #expect(jwks.headers[.cacheControl]?.contains("max-age") == true)
            let jwk = try #require(jwks.json["keys"]?.arrayValue?.first)
            #expect(jwk["kty"]?.stringValue == "OKP" && jwk["crv"]?.stringValue == "Ed25519" && jwk["alg"]?.stringValue == "EdDSA")
            let encodedX = try #require(jwk["x"]?.stringValue)
            let x = try #require(DecodedJWT.base64URL(encodedX))
            let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: x)
            #expect(jwk["kid"]?.stringValue == String(Hex.encode(SHA256.hash(data: x)).prefix(16)))

            let jwt = try DecodedJWT(token)
            #expect(jwt.header["alg"]?.stringValue == "EdDSA")
            #expect(jwt.header["typ"]?.stringValue == "at+jwt")
            #expect(jwt.header["kid"] == jwk["kid"])
            #expect(publicKey.isValidSignature(jwt.signature, for: jwt.signingInput))
            var tampered = jwt.signingInput
            tampered[tampered.count - 1] ^= 1
            #expect(!publicKey.isValidSignature(jwt.signature, for: tampered))

            let tenant = try #require(try await store.tenant(named: "acme"))
            #expect(jwt.claims["iss"]?.stringValue == TestApp.publicBaseURL)
            #expect(jwt.claims["sub"]?.stringValue == client.id)
            #expect(jwt.claims["tid"]?.stringValue == tenant.id)
            #expect(jwt.claims["role"]?.stringValue == "support")
            #expect(jwt.claims["scope"]?.stringValue == "shipments:read raw_payloads:read")
            #expect(jwt.claims["jti"]?.stringValue?.isEmpty == false)
            guard case .number(let iat)? = jwt.claims["iat"], case .number(let nbf)? = jwt.claims["nbf"],
                  case .number(let exp)? = jwt.claims["exp"] else {
                Issue.record("iat, nbf and exp must be numbers: \(jwt.claims)")
                return
            }
            #expect(exp - iat == 3600 && nbf == iat)
            #expect(abs(iat - Date().timeIntervalSince1970) < 60)
        }
    }

    @Test(arguments: TestDatabase.available)
    func refusalsFollowRFC6749(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, _ in
            let client = try await api.createClient(keys.admin, role: .integration)
            let good = "client_id=\(client.id)&client_secret=\(client.secret)"

            let wrongBasic = try await api.tokenRequest("grant_type=client_credentials", basic: (client.id, client.secret + "x"))
            #expect(wrongBasic.status == 401 && wrongBasic.oauthError == "invalid_client")
            #expect(wrongBasic.headers[.wwwAuthenticate] == #"Basic realm="waybill""#)
            #expect(wrongBasic.headers[.cacheControl] == "no-store")
            #expect(wrongBasic.string("error_description")?.isEmpty == false)
            let wrongForm = try await api.tokenRequest("grant_type=client_credentials&client_id=\(client.id)&client_secret=nope")
            #expect(wrongForm.status == 401 && wrongForm.oauthError == "invalid_client")
            #expect(wrongForm.headers[.wwwAuthenticate] == nil)
            let unknown = try await api.tokenRequest("grant_type=client_credentials",
                                                     basic: (Identifier.make(.oauthClient), client.secret))
            #expect(unknown.status == 401 && unknown.oauthError == "invalid_client")
            let none = try await api.tokenRequest("grant_type=client_credentials")
            #expect(none.status == 401 && none.oauthError == "invalid_client")

            let password = try await api.tokenRequest("grant_type=password&" + good)
            #expect(password.status == 400 && password.oauthError == "unsupported_grant_type")
            let missing = try await api.tokenRequest(good)
            #expect(missing.status == 400 && missing.oauthError == "invalid_request")
            let both = try await api.tokenRequest("grant_type=client_credentials&" + good, basic: (client.id, client.secret))
            #expect(both.status == 400 && both.oauthError == "invalid_request")
            let twice = try await api.tokenRequest("grant_type=client_credentials&grant_type=client_credentials&" + good)
            #expect(twice.status == 400 && twice.oauthError == "invalid_request")
            let json = try await api.send(.post, "/oauth/token",
                                          json: #"{"grant_type":"client_credentials","client_id":"\#(client.id)","client_secret":"\#(client.secret)"}"#)
            #expect(json.status == 400 && json.oauthError == "invalid_request")

            let beyondRole = try await api.tokenRequest("grant_type=client_credentials&scope=shipments%3Aread+tenant%3Amanage&" + good)
            #expect(beyondRole.status == 400 && beyondRole.oauthError == "invalid_scope")
            #expect(beyondRole.string("error_description")?.contains("tenant:manage") == true)
            let unknownScope = try await api.tokenRequest("grant_type=client_credentials&scope=everything&" + good)
            #expect(unknownScope.status == 400 && unknownScope.oauthError == "invalid_scope")
            // Still fewer failures than the address may make: a good request gets its token.
            let granted = try await api.tokenRequest("grant_type=client_credentials&scope=orders%3Aread&" + good)
            #expect(granted.status == 200 && granted.string("scope") == "orders:read")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aTokensScopeLimitsWhatItMayDo(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, _ in
            let client = try await api.createClient(keys.admin, role: .integration)
            let readOnly = try await api.token(client, scope: "shipments:read")
            #expect(try await api.send(.get, "/v1/shipments", key: readOnly).status == 200)
            let refused = try await api.createShipment(readOnly, "1Z999AA10123456784")
            #expect(refused.status == 403 && refused.errorCode == "forbidden")
            #expect(refused.string("error", "details", "permission") == "shipments:write")
            #expect(try await api.createShipment(try await api.token(client), "1Z999AA10123456784").status == 201)
        }
    }

    /// No credential creates a stronger one: not a non-admin key, and not an admin's token whose
    /// scope lacks what the new client's role would hold.
    @Test(arguments: TestDatabase.available)
    func onlyAdminsMakeClientsAndNeverStrongerThanThemselves(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, _ in
            for key in [keys.integration, keys.support, keys.viewer] {
                let refused = try await api.send(.post, "/v1/oauth-clients", key: key, json: #"{"role":"viewer"}"#)
                #expect(refused.status == 403 && refused.errorCode == "forbidden")
                #expect(try await api.send(.get, "/v1/oauth-clients", key: key).status == 403)
            }
            let admin = try await api.createClient(keys.admin, role: .admin)
            let manageOnly = try await api.token(admin, scope: "tenant:manage")
            let stronger = try await api.send(.post, "/v1/oauth-clients", key: manageOnly, json: #"{"role":"viewer"}"#)
            #expect(stronger.status == 403 && stronger.errorCode == "forbidden", "\(String(decoding: stronger.body, as: UTF8.self))")
            let full = try await api.token(admin)
            _ = try await api.createClient(full, role: .admin, name: "made by a token")
            let bad = try await api.send(.post, "/v1/oauth-clients", key: keys.admin, json: #"{"role":"root"}"#)
            #expect(bad.status == 400 && bad.errorPath == "role")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDeletedClientGetsNoTokensAndItsTokensStopWorking(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, store in
            let client = try await api.createClient(keys.admin, role: .viewer)
            let token = try await api.token(client)
            #expect(try await api.send(.get, "/v1/shipments", key: token).status == 200)

            #expect(try await api.send(.delete, "/v1/oauth-clients/\(client.id)", key: keys.admin).status == 204)
            #expect(try await api.send(.delete, "/v1/oauth-clients/\(client.id)", key: keys.admin).status == 404)
            let refused = try await api.send(.get, "/v1/shipments", key: token)
            #expect(refused.status == 401 && refused.errorCode == "unauthorized")
            #expect(refused.headers[.wwwAuthenticate] == "Bearer")
            let again = try await api.tokenRequest("grant_type=client_credentials", basic: (client.id, client.secret))
            #expect(again.status == 401 && again.oauthError == "invalid_client")
            #expect(try await api.send(.get, "/v1/oauth-clients", key: keys.admin).json["data"]?.arrayValue?.isEmpty == true)

            let tenant = try #require(try await store.tenant(named: "acme"))
            let trail = try await store.auditTrail(tenantID: tenant.id, subjectID: client.id)
            #expect(trail.map(\.action) == ["oauth_client.created", "oauth_client.deleted"])
        }
    }

    /// Expired tokens (past the minute of leeway), tokens of another installation key, of another
    /// issuer, forged with this key's id, or unsigned are refused; one expired within the leeway is not.
    @Test(arguments: TestDatabase.available)
    func expiredForeignAndForgedTokensAreRefused(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, store in
            let created = try await api.createClient(keys.admin, role: .viewer)
            let client = try #require(try await store.liveOAuthClient(id: created.id)?.client)
            let scopes = Set(OAuthScope.all(of: .viewer))
            let tokens = OAuthTokens(issuer: TestApp.publicBaseURL)
            func status(_ token: String) async throws -> Int { try await api.send(.get, "/v1/shipments", key: token).status }

            let fresh = try await tokens.issue(for: client, scopes: scopes)
            #expect(try await status(fresh.accessToken) == 200)
            let expired = try await tokens.issue(for: client, scopes: scopes, issuedAt: Date().addingTimeInterval(-3600 - 120))
            #expect(try await status(expired.accessToken) == 401)
            let withinLeeway = try await tokens.issue(for: client, scopes: scopes, issuedAt: Date().addingTimeInterval(-3600 - 20))
            #expect(try await status(withinLeeway.accessToken) == 200)
            let future = try await tokens.issue(for: client, scopes: scopes, issuedAt: Date().addingTimeInterval(600))
            #expect(try await status(future.accessToken) == 401)

            let otherKey = OAuthTokens(secrets: SecretBoxSource(try SecretBox(base64Key: SecretBox.generateKey())), issuer: TestApp.publicBaseURL)
            #expect(try await status(try await otherKey.issue(for: client, scopes: scopes).accessToken) == 401)
            let otherIssuer = OAuthTokens(issuer: "https://elsewhere.example.com")
            #expect(try await status(try await otherIssuer.issue(for: client, scopes: scopes).accessToken) == 401)

            // This installation's kid and claims, signed by another Ed25519 key.
            let genuine = try DecodedJWT(fresh.accessToken)
            let forger = Curve25519.Signing.PrivateKey()
            let forged = String(decoding: genuine.signingInput, as: UTF8.self) + "."
                + Base64URL.encode(try forger.signature(for: genuine.signingInput))
            #expect(try await status(forged) == 401)
            // The same claims unsigned (alg none).
            let parts = fresh.accessToken.split(separator: ".")
            let none = Base64URL.encode(Data(#"{"alg":"none","typ":"at+jwt"}"#.utf8)) + "." + parts[1] + "."
            #expect(try await status(none) == 401)
            #expect(try await status("not.a.jwt") == 401)
            #expect(try await status("eyJhbGciOiJFZERTQSJ9") == 401)
        }
    }

    /// Failed token requests are counted per client address; past 20 in ten minutes the address
    /// gets 429, even with good credentials, until they age out.
    @Test func repeatedFailuresFromOneAddressAreRefused() async throws {
        try await TestApp.run(.sqlite, over: .live) { api, keys, _ in
            let client = try await api.createClient(keys.admin, role: .viewer)
            for _ in 0..<20 {
                let wrong = try await api.tokenRequest("grant_type=client_credentials", basic: (client.id, "wbcs_guess"))
                #expect(wrong.status == 401)
            }
            let limited = try await api.tokenRequest("grant_type=client_credentials", basic: (client.id, client.secret))
            #expect(limited.status == 429 && limited.oauthError == "temporarily_unavailable")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
        }
    }
}
