/// One numbered, append-only step of the schema. Never edit a migration that has shipped: add one.
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: @Sendable (StoreDialect) -> [String]
}

extension Migration {
    /// Every migration, oldest first.
    static let all: [Migration] = [.v0001Initial, .v0002WebhookEndpoints]
}
