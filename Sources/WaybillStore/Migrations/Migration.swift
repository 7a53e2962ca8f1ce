import SQLKit

/// One numbered, append-only step of the schema. Never edit a migration that has shipped: add one.
struct Migration: Sendable {
    let version: Int
    let name: String
    /// Whether the migration drops and recreates tables that others reference: on SQLite it then
    /// runs with foreign keys checked once before its commit (see `transactionWithoutForeignKeys`).
    var rebuildsTables = false
    let statements: @Sendable (StoreDialect) -> [String]
    /// Work that SQL alone cannot do, run after `statements` in the same transaction.
    var afterStatements: (@Sendable (any SQLDatabase) async throws -> Void)?

    init(version: Int, name: String, rebuildsTables: Bool = false, statements: @escaping @Sendable (StoreDialect) -> [String],
         afterStatements: (@Sendable (any SQLDatabase) async throws -> Void)? = nil) {
        self.version = version
        self.name = name
        self.rebuildsTables = rebuildsTables
        self.statements = statements
        self.afterStatements = afterStatements
    }
}

extension Migration {
    /// Every migration, in version order (engineers append in any order).
    static let all: [Migration] = [.v0001Initial, .v0002WebhookEndpoints, .v0003CustomerPages, .v0005Polling, .v0004Notifications, .v0006NotificationChannels, .v0007FileImports, .v0008Routing, .v0009ImplausibleTimes, .v0010APIKeyRateLimits, .v0011SupportSessions, .v0012Instances, .v0013ShipmentListIndex, .v0014TenantKeys, .v0015EventPartitions, .v0016ClaimInstances, .v0017APIKeyLifecycle, .v0018AuditChain, .v0019OAuthClients, .v0020Retention].sorted { $0.version < $1.version }
}
