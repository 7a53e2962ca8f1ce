import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// An error a client can act on, answered as `{"error":{"code","message","details"}}`.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var details: JSONValue = .null
    var headers: HTTPFields = [:]

    static func badRequest(_ code: String, _ message: String, details: JSONValue = .null) -> APIError {
        APIError(status: .badRequest, code: code, message: message, details: details)
    }

    static func invalidField(_ field: InvalidField) -> APIError {
        APIError(status: .badRequest, code: "invalid_request", message: "\(field.path.isEmpty ? "body" : field.path) \(field.reason)",
                 details: .object(["path": .string(field.path.isEmpty ? "$" : field.path), "reason": .string(field.reason)]))
    }

    static func notFound(_ kind: String, _ id: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: "\(kind) \(id) not found",
                 details: .object(["kind": .string(kind), "id": .string(id)]))
    }

    static let unauthorized = APIError(
        status: .unauthorized, code: "unauthorized",
        message: "send a live API key as 'Authorization: Bearer wb_...', or an OAuth access token from POST /oauth/token")

    static func expiredKey(at date: Date) -> APIError {
        APIError(status: .unauthorized, code: "unauthorized", message: "this API key expired at \(Timestamp.utcString(date)); use its successor or create a new key",
                 details: .object(["expired_at": .string(Timestamp.utcString(date))]))
    }

    static func forbidden(_ permission: String) -> APIError {
        APIError(status: .forbidden, code: "forbidden", message: "this API key's role (or this access token's scope) may not \(permission)",
                 details: .object(["permission": .string(permission)]))
    }

    static func rateLimited(_ limit: RequestRateLimit, _ decision: APIRateLimiter.Decision) -> APIError {
        APIError(status: .tooManyRequests, code: "rate_limited",
                 message: "this API key may make \(limit); retry in \(decision.retryAfterSeconds) s",
                 details: .object(["per_second": .number(limit.perSecond), "burst": .number(Double(limit.burst)),
                                   "retry_after": .number(Double(decision.retryAfterSeconds))]),
                 headers: decision.headers)
    }

    var json: JSONValue {
        .object(["error": .object(["code": .string(code), "message": .string(message), "details": details])])
    }

    /// The API error for any error thrown while answering; nil for unexpected ones (answered 500).
    static func from(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError:
            return error
        case let error as InvalidField:
            return .invalidField(error)
        case let error as StoreError:
            switch error {
            case .notFound(let kind, let id): return .notFound(kind, id)
            case .invalid(let message): return .badRequest("invalid_request", message)
            case .conflict(let message): return APIError(status: .conflict, code: "conflict", message: message)
            case .invalidConfiguration, .migrationsPending, .corrupt: return nil
            }
        case let error as HTTPError:
            let code = switch error.status.code {
            case 404: "not_found"
            case 405: "method_not_allowed"
            case 413: "payload_too_large"
            default: "http_\(error.status.code)"
            }
            return APIError(status: error.status, code: code, message: error.body ?? error.status.reasonPhrase)
        default:
            return nil
        }
    }
}
