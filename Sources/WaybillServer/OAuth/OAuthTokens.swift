import Foundation
import JWTKit
import Synchronization
import WaybillCore

/// Issues and checks OAuth access tokens: JWTs signed with the installation's `OAuthSigningKey`,
/// valid for `lifetime`. A token is accepted when its header names this key (`kid`, `alg` EdDSA,
/// `typ` at+jwt), its signature verifies, its issuer is this installation's, and `nbf`/`exp` hold
/// within `leeway`; whether its client still exists is the caller's check (`APIKeyAuthMiddleware`).
final class OAuthTokens: Sendable {
    static let lifetime = 3600
    static let leeway = 60
    /// The JWT `typ` of access tokens (RFC 9068 §2.1), so that no other JWT passes as one.
    static let tokenType = "at+jwt"

    let secrets: SecretBoxSource
    /// `iss` of the tokens: the installation's public URL when one is configured, else `waybill`.
    let issuer: String
    let now: @Sendable () -> Date
    private let prepared = Mutex<PreparedKey?>(nil)

    /// The signing key of one installation key, ready in a jwt-kit key collection.
    struct PreparedKey: Sendable {
        let seed: Data
        let key: OAuthSigningKey
        let collection: JWTKeyCollection
    }

    init(secrets: SecretBoxSource = .shared, issuer: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.secrets = secrets
        self.issuer = issuer
        self.now = now
    }

    /// The signing key of the installation's key as it is now (the key is derived again on each
    /// call, which is cheap, so that a newly installed key takes effect); throws `SecretBoxError`
    /// when no key is configured.
    func signingKey() async throws -> PreparedKey {
        let box = try secrets.box()
        let seed = box.derivedKey(info: OAuthSigningKey.derivationInfo, byteCount: 32).withUnsafeBytes { Data($0) }
        if let cached = prepared.withLock({ $0 }), cached.seed == seed { return cached }
        let key = try OAuthSigningKey(seed: seed)
        let collection = JWTKeyCollection()
        await collection.add(eddsa: EdDSA.PrivateKey(backing: key.privateKey), kid: JWKIdentifier(string: key.kid))
        let fresh = PreparedKey(seed: seed, key: key, collection: collection)
        prepared.withLock { $0 = fresh }
        return fresh
    }

    struct Issued: Sendable {
        let accessToken: String
        let expiresIn: Int
        let scope: String
    }

    /// A token for `client` carrying `scopes`, issued at `issuedAt` (now unless given).
    func issue(for client: OAuthClient, scopes: Set<Permission>, issuedAt: Date? = nil) async throws -> Issued {
        let signing = try await signingKey()
        let iat = Int((issuedAt ?? now()).timeIntervalSince1970)
        let scope = OAuthScope.string(scopes)
        let claims = OAuthAccessClaims(iss: issuer, sub: client.id, tid: client.tenantID, role: client.role.rawValue, scope: scope,
                                       iat: iat, nbf: iat, exp: iat + Self.lifetime, jti: SecretToken.make(bytes: 16))
        var header = JWTHeader()
        header.typ = Self.tokenType
        let token = try await signing.collection.sign(claims, kid: JWKIdentifier(string: signing.key.kid), header: header)
        return Issued(accessToken: token, expiresIn: Self.lifetime, scope: scope)
    }

    /// Why a bearer token was not accepted (logged, never shown: the caller gets 401 either way).
    enum Rejection: Error, Equatable {
        case noSigningKey
        case malformed
        case otherKey
        case badSignature
        case wrongIssuer
        case expired
        case notYetValid
    }

    /// The claims of `token` when it is one of this installation's live access tokens.
    func verify(_ token: String) async throws(Rejection) -> OAuthAccessClaims {
        let signing: PreparedKey
        do { signing = try await signingKey() } catch { throw .noSigningKey }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]),
              let header = try? JSONValue.parse(headerData) else { throw .malformed }
        guard header["alg"]?.stringValue == OAuthSigningKey.algorithm, header["typ"]?.stringValue == Self.tokenType,
              header["kid"]?.stringValue == signing.key.kid else { throw .otherKey }
        let claims: OAuthAccessClaims
        do {
            claims = try await signing.collection.verify(token, as: OAuthAccessClaims.self)
        } catch {
            throw .badSignature
        }
        guard claims.iss == issuer else { throw .wrongIssuer }
        let now = Int(now().timeIntervalSince1970)
        guard now < claims.exp + Self.leeway, claims.exp - claims.iat <= Self.lifetime else { throw .expired }
        guard now >= claims.nbf - Self.leeway else { throw .notYetValid }
        return claims
    }
}
