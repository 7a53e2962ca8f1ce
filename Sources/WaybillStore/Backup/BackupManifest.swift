import Foundation

/// The first member of a backup archive: what it holds and how to check it.
public struct BackupManifest: Codable, Sendable, Equatable {
    public static let currentFormat = 1
    public static let memberName = "manifest.json"

    /// Raised when the archive layout changes; a restore refuses formats it does not know.
    public var format: Int
    /// `sqlite` or `postgres`.
    public var engine: String
    public var createdAt: String
    public var files: [File]

    public struct File: Codable, Sendable, Equatable {
        public var name: String
        public var size: Int
        /// Hex SHA-256 of the member's bytes.
        public var sha256: String
    }

    /// The member names a backup may hold, by what they are.
    public enum Member {
        public static let database = "waybill.sqlite"
        public static let inbox = "waybill.sqlite-inbox"
        public static let key = "waybill-secret.key"
        public static let postgresDump = "waybill.pgdump"
    }

    enum CodingKeys: String, CodingKey {
        case format, engine, files
        case createdAt = "created_at"
    }
}
