import Crypto
import Foundation

/// An OAuth 2.0 client of a tenant (RFC 6749 §4.4, client credentials): it trades its id and
/// secret at `POST /oauth/token` for short-lived access tokens that act with its role.
public struct OAuthClient: Sendable, Hashable {
    /// The `client_id` (`wbc_...`).
    public var id: String
    public var tenantID: String
    public var name: String?
    public var role: Role
    public var createdAt: Date
    /// Set once the client is deleted: it gets no new tokens and its tokens stop working.
    public var deletedAt: Date?
    /// When it was last given a token.
    public var lastUsedAt: Date?

    public init(id: String, tenantID: String, name: String?, role: Role, createdAt: Date, deletedAt: Date? = nil,
                lastUsedAt: Date? = nil) {
        self.id = id
        self.tenantID = tenantID
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.deletedAt = deletedAt
        self.lastUsedAt = lastUsedAt
    }
}

/// A client secret, `wbcs_` and 32 random bytes; only its SHA-256 is stored.
public struct OAuthClientSecret: Sendable {
    public static let prefix = "wbcs_"
    /// Shown to the client's owner once.
    public let secret: String
    public let hash: String

    public static func generate() -> OAuthClientSecret {
        let secret = prefix + SecretToken.make(bytes: 32)
        return OAuthClientSecret(secret: secret, hash: hash(of: secret))
    }

    public static func hash(of secret: String) -> String {
        Hex.encode(SHA256.hash(data: Data(secret.utf8)))
    }
}
