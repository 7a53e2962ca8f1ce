import Foundation
import Hummingbird
import Logging
import WaybillCore
import WaybillStore

/// Gives every request an id (the caller's `X-Request-Id` if sane), logs it, and turns every
/// error into the JSON error body.
struct RequestIDAndErrorMiddleware: RouterMiddleware {
    typealias Context = WaybillRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let incoming = request.headers[.init("X-Request-Id")!] ?? ""
        context.requestID = incoming.count <= 64 && !incoming.isEmpty && incoming.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            ? incoming : SecretToken.make(bytes: 12)
        context.logger[metadataKey: "request_id"] = .string(context.requestID)
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            if let apiError = APIError.from(error) {
                response = JSONResponse.make(apiError.status, apiError.json, headers: apiError.headers)
                if apiError.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
            } else {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))", "path": "\(LoggedPath.redacting(request.uri.path))"])
                let internalError = APIError(status: .internalServerError, code: "internal_error",
                                             message: "the server failed to answer; the request id is in X-Request-Id")
                response = JSONResponse.make(.internalServerError, internalError.json)
            }
        }
        response.headers[.init("X-Request-Id")!] = context.requestID
        // One line per request; the path only (queries may hold customer data), never the body.
        let elapsed = ContinuousClock.now - start
        context.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)", "path": "\(LoggedPath.redacting(request.uri.path))", "status": "\(response.status.code)",
            "duration_ms": "\(elapsed.timeInterval * 1000)",
        ])
        return response
    }
}

/// Authenticates `Authorization: Bearer wb_...` against the stored key hashes (unrevoked and
/// unexpired keys only; the key's last use is recorded to the minute), and any other bearer as an
/// OAuth access token (`OAuthTokens.verify`, then its client must still be live).
/// Then takes one request from the key's (or client's) rate limit (its own, else
/// `defaultRateLimit`; none when both are nil): 429 with `Retry-After` when it is spent,
/// `RateLimit-*` headers on every answer.
struct APIKeyAuthMiddleware: RouterMiddleware {
    typealias Context = WaybillRequestContext
    let store: any Store
    let defaultRateLimit: RequestRateLimit?
    let rateLimiter: APIRateLimiter
    let tokens: OAuthTokens

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError.unauthorized
        }
        let secret = header.dropFirst("bearer ".count).trimmed
        let principal: Principal
        var ownLimit: RequestRateLimit?
        if secret.hasPrefix("wb_") {
            guard secret.count < 200, let key = try await store.apiKey(secretHash: APIKeyMaterial.hash(of: secret)) else {
                throw APIError.unauthorized
            }
            let now = Date()
            if let expiresAt = key.expiresAt, now >= expiresAt { throw APIError.expiredKey(at: expiresAt) }
            if key.needsLastUseRecorded(at: now) {
                try await store.recordAPIKeyUse(id: key.id, tenantID: key.tenantID, at: now)
            }
            principal = Principal(tenantID: key.tenantID, keyID: key.id, role: key.role)
            ownLimit = key.rateLimit
        } else {
            principal = try await accessTokenPrincipal(secret, context: context)
        }
        var context = context
        context.principal = principal
        context.logger[metadataKey: "tenant"] = .string(principal.tenantID)
        guard let limit = ownLimit ?? defaultRateLimit else { return try await next(request, context) }
        let decision = rateLimiter.take(keyID: principal.keyID, limit: limit)
        guard decision.allowed else { throw APIError.rateLimited(limit, decision) }
        var response = try await next(request, context)
        response.headers.append(contentsOf: decision.headers)
        return response
    }

    /// The principal of an OAuth access token whose client is still live: its role is the
    /// client's, narrowed to the token's scope.
    private func accessTokenPrincipal(_ token: String, context: Context) async throws -> Principal {
        guard token.count < 4096 else { throw APIError.unauthorized }
        let claims: OAuthAccessClaims
        do {
            claims = try await tokens.verify(token)
        } catch {
            context.logger.debug("access token refused", metadata: ["reason": "\(error)"])
            throw APIError.unauthorized
        }
        guard let client = try await store.liveOAuthClient(id: claims.sub)?.client, client.tenantID == claims.tid,
              let scopes = OAuthScope.parse(claims.scope) else {
            throw APIError.unauthorized
        }
        return Principal(tenantID: client.tenantID, keyID: client.id, role: client.role, scopes: scopes,
                         credential: .oauthClient(expiresAt: Date(timeIntervalSince1970: TimeInterval(claims.exp))))
    }
}

enum JSONResponse {
    static func make(_ status: HTTPResponse.Status, _ body: JSONValue, headers: HTTPFields = [:]) -> Response {
        make(status, data: body.encoded(), headers: headers)
    }

    static func make(_ status: HTTPResponse.Status, encoding body: some Encodable, headers: HTTPFields = [:]) throws -> Response {
        make(status, try JSONValue(encoding: body), headers: headers)
    }

    static func make(_ status: HTTPResponse.Status, data: Data, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Request paths as logged: a tracking page token is a capability (whoever has it sees the
/// shipment), so it never reaches the logs.
enum LoggedPath {
    static func redacting(_ path: String) -> String {
        guard path.hasPrefix("/t/") else { return path }
        let rest = path.dropFirst(3)
        let tail = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? ""
        return "/t/{token}" + tail
    }
}
