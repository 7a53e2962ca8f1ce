import Foundation
import Hummingbird
import WaybillCore

/// An API key as listed; `key` (the secret) only in the answer that creates it.
struct APIKeyResponse: ResponseEncodable, Sendable {
    let id: String
    let key: String?
    let prefix: String
    let role: String
    let name: String?
    let status: String
    let createdAt: Date
    let expiresAt: Date?
    let lastUsedAt: Date?
    let revokedAt: Date?
    let replacedBy: String?
    let rateLimit: RateLimitResponse?

    struct RateLimitResponse: Encodable, Sendable {
        let perSecond: Double
        let burst: Int

        enum CodingKeys: String, CodingKey {
            case burst
            case perSecond = "per_second"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, key, prefix, role, name, status
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case lastUsedAt = "last_used_at"
        case revokedAt = "revoked_at"
        case replacedBy = "replaced_by"
        case rateLimit = "rate_limit"
    }

    init(_ apiKey: APIKey, secret: String? = nil, now: Date = Date()) {
        id = apiKey.id
        key = secret
        prefix = apiKey.prefix
        role = apiKey.role.rawValue
        name = apiKey.name
        status = apiKey.status(at: now).rawValue
        createdAt = apiKey.createdAt
        expiresAt = apiKey.expiresAt
        lastUsedAt = apiKey.lastUsedAt
        revokedAt = apiKey.revokedAt
        replacedBy = apiKey.replacedByID
        rateLimit = apiKey.rateLimit.map { RateLimitResponse(perSecond: $0.perSecond, burst: $0.burst) }
    }
}

/// The answer to a rotation: the new key (with its secret) and until when the old one works.
struct RotatedAPIKeyResponse: ResponseEncodable, Sendable {
    let key: APIKeyResponse
    let previous: APIKeyResponse

    func encode(to encoder: any Encoder) throws {
        try key.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(previous, forKey: .previous)
    }

    enum CodingKeys: String, CodingKey {
        case previous = "previous_key"
    }
}
