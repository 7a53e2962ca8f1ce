import Foundation
import JWTKit

/// The claims of an OAuth access token (a JWT, RFC 9068 in spirit): who it is for (`sub`, the
/// client id; `tid`, its tenant), what it may do (`role`, `scope`), and when (`iat`, `nbf`, `exp`).
struct OAuthAccessClaims: JWTPayload, Equatable {
    var iss: String
    /// The client id.
    var sub: String
    /// The client's tenant.
    var tid: String
    var role: String
    /// Permissions, space-separated (`shipments:read shipments:write`).
    var scope: String
    var iat: Int
    var nbf: Int
    var exp: Int
    var jti: String

    /// Nothing here: the times are checked by `OAuthTokens.verify` against its own clock, with leeway,
    /// and the client against the store.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
