import Foundation
import WaybillCore
import WaybillStore

/// `POST /v1/api-keys`: a key for the caller's tenant.
struct CreateAPIKeyRequest: Decodable, Sendable {
    var role: Role
    var name: String?
    /// Seconds from now; nil: the key does not expire.
    var expiresIn: TimeInterval?
    var rateLimit: RequestRateLimit?

    enum CodingKeys: String, CodingKey {
        case role, name
        case expiresIn = "expires_in"
        case rateLimit = "rate_limit"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        role = try fields.choice(.role)
        name = try fields.optionalText(.name, maxLength: 100)
        expiresIn = try fields.optionalText(.expiresIn, maxLength: 20).map { try DurationField.seconds($0, path: "expires_in") }
        rateLimit = try fields.optionalObject(.rateLimit, as: RateLimitField.self).map(\.limit)
    }
}

/// `POST /v1/api-keys/{id}/rotate`, body optional: how long the old key keeps working.
struct RotateAPIKeyRequest: Decodable, Sendable {
    var overlap: TimeInterval = APIKeyRotation.defaultOverlap

    enum CodingKeys: String, CodingKey {
        case overlap
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        if let text = try fields.optionalText(.overlap, maxLength: 20) {
            do throws(DurationText.ParseError) {
                overlap = try APIKeyRotation.overlap(text)
            } catch {
                throw InvalidField(path: "overlap", reason: error.description)
            }
        }
    }
}

/// `{"per_second": 5, "burst": 10}`
struct RateLimitField: Decodable, Sendable {
    var limit: RequestRateLimit

    enum CodingKeys: String, CodingKey {
        case perSecond = "per_second"
        case burst
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        guard let perSecond = try fields.optionalNumber(.perSecond), perSecond > 0, perSecond <= 100_000 else {
            throw InvalidField(path: "rate_limit.per_second", reason: "must be a number above 0 and at most 100000")
        }
        limit = RequestRateLimit(perSecond: perSecond, burst: try fields.optionalInteger(.burst, in: 1...1_000_000))
    }
}

/// Durations in request bodies, written as on the command line (`90d`, `24h`, `1h30m`).
enum DurationField {
    static func seconds(_ text: String, path: String) throws -> TimeInterval {
        do {
            return try DurationText.seconds(text)
        } catch {
            throw InvalidField(path: path, reason: error.description)
        }
    }
}
