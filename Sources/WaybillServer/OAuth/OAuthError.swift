import Foundation
import Hummingbird

/// An error of the token endpoint as RFC 6749 §5.2 words it: `{"error", "error_description"}`,
/// 400 or 401 (`invalid_client`, with `WWW-Authenticate: Basic` when the client used HTTP Basic).
struct OAuthError: Error, Sendable, Equatable {
    var status: HTTPResponse.Status
    var code: String
    var description: String
    /// Whether the client authenticated with HTTP Basic (then a 401 challenges it to again).
    var usedBasic = false
    var retryAfter: Int?

    static func invalidRequest(_ description: String) -> OAuthError {
        OAuthError(status: .badRequest, code: "invalid_request", description: description)
    }

    static func invalidClient(usedBasic: Bool) -> OAuthError {
        OAuthError(status: .unauthorized, code: "invalid_client",
                   description: "client authentication failed: unknown or deleted client, or wrong secret", usedBasic: usedBasic)
    }

    static func unsupportedGrantType(_ grantType: String) -> OAuthError {
        OAuthError(status: .badRequest, code: "unsupported_grant_type",
                   description: "grant_type must be client_credentials; got \"\(grantType.prefix(60))\"")
    }

    static func invalidScope(_ description: String) -> OAuthError {
        OAuthError(status: .badRequest, code: "invalid_scope", description: description)
    }

    static func tooManyFailures(retryAfter: Int) -> OAuthError {
        OAuthError(status: .tooManyRequests, code: "temporarily_unavailable",
                   description: "too many failed token requests from this address; retry in \(retryAfter) s", retryAfter: retryAfter)
    }

    static func noSigningKey() -> OAuthError {
        OAuthError(status: .serviceUnavailable, code: "temporarily_unavailable",
                   description: "the server has no installation key to sign tokens with (WAYBILL_SECRET_KEY)")
    }

    var response: Response {
        var headers = OAuthTokenResponse.noStoreHeaders
        if status == .unauthorized && usedBasic { headers[.wwwAuthenticate] = #"Basic realm="waybill""# }
        if let retryAfter { headers[.retryAfter] = "\(retryAfter)" }
        return JSONResponse.make(status, .object(["error": .string(code), "error_description": .string(description)]),
                                 headers: headers)
    }
}

/// The 200 of the token endpoint (RFC 6749 §5.1), never cached.
enum OAuthTokenResponse {
    static let noStoreHeaders: HTTPFields = [.cacheControl: "no-store", .init("Pragma")!: "no-cache"]

    static func make(_ issued: OAuthTokens.Issued) -> Response {
        JSONResponse.make(.ok, .object([
            "access_token": .string(issued.accessToken),
            "token_type": .string("Bearer"),
            "expires_in": .number(Double(issued.expiresIn)),
            "scope": .string(issued.scope),
        ]), headers: noStoreHeaders)
    }
}
