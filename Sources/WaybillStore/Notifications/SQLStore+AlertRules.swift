import Foundation
import SQLKit
import WaybillCore

/// A tenant's alert rules. The default rules are created lazily, the first time the tenant's
/// rules are listed or evaluated (so tenant creation stays unaware of notifications), once.
extension SQLStore {
    public func alertRules(tenantID: String) async throws -> [AlertRule] {
        try await backend.transaction { db in
            try await Self.ensureDefaultRules(db, tenantID: tenantID, now: Date())
            return try await Self.rules(db, tenantID: tenantID, enabledOnly: false)
        }
    }

    public func alertRule(id: String, tenantID: String) async throws -> AlertRule? {
        try await backend.read { db in
            try await db.raw("SELECT * FROM alert_rules WHERE id = \(bind: id) AND tenant_id = \(bind: tenantID)").first()
                .map(Self.alertRule)
        }
    }

    public func createAlertRule(_ rule: AlertRule, actor: String) async throws -> AlertRule {
        var created = rule
        created.id = rule.id.isEmpty ? NotifyID.make("rul") : rule.id
        created.createdAt = Date()
        created.updatedAt = created.createdAt
        try await backend.transaction { [created] db in
            try await Self.ensureDefaultRules(db, tenantID: created.tenantID, now: created.createdAt)
            try await Self.insertRule(db, created)
            try await Self.audit(db, tenantID: created.tenantID, actor: actor, action: "alert_rule.created",
                                 subjectType: "alert_rule", subjectID: created.id, details: ["name": created.name])
        }
        return created
    }

    public func updateAlertRule(_ rule: AlertRule, actor: String) async throws -> AlertRule {
        var updated = rule
        updated.updatedAt = Date()
        try await backend.transaction { [updated] db in
            let rows = try await db.raw("""
                UPDATE alert_rules SET definition = \(bind: String(decoding: updated.definitionJSON.encoded(), as: UTF8.self)),
                    enabled = \(bind: updated.enabled ? 1 : 0), updated_at = \(bind: Column.time(updated.updatedAt))
                WHERE id = \(bind: updated.id) AND tenant_id = \(bind: updated.tenantID)
                RETURNING id
                """).all()
            guard !rows.isEmpty else { throw StoreError.notFound(kind: "alert rule", id: updated.id) }
            try await Self.audit(db, tenantID: updated.tenantID, actor: actor, action: "alert_rule.updated",
                                 subjectType: "alert_rule", subjectID: updated.id, details: ["name": updated.name])
        }
        return updated
    }

    public func deleteAlertRule(id: String, tenantID: String, actor: String) async throws {
        try await backend.transaction { db in
            let rows = try await db.raw("""
                DELETE FROM alert_rules WHERE id = \(bind: id) AND tenant_id = \(bind: tenantID) RETURNING id
                """).all()
            guard !rows.isEmpty else { throw StoreError.notFound(kind: "alert rule", id: id) }
            try await db.raw("""
                UPDATE notification_messages SET state = 'cancelled', last_error = 'alert rule deleted',
                    updated_at = \(bind: Column.time(Date()))
                WHERE target_id = \(bind: id) AND state = 'pending'
                """).run()
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "alert_rule.deleted",
                                 subjectType: "alert_rule", subjectID: id, details: [:])
        }
    }

    /// Creates the tenant's default rules unless that was done before (even if they were deleted since).
    static func ensureDefaultRules(_ db: any SQLDatabase, tenantID: String, now: Date) async throws {
        let marked = try await db.raw("""
            INSERT INTO notification_tenants (tenant_id, default_rules_created_at)
            VALUES (\(bind: tenantID), \(bind: Column.time(now)))
            ON CONFLICT (tenant_id) DO NOTHING
            RETURNING tenant_id
            """).all()
        guard !marked.isEmpty else { return }
        for rule in RuleEngine.defaultRules(tenantID: tenantID, now: now, makeID: { NotifyID.make("rul") }) {
            try await insertRule(db, rule)
        }
    }

    static func insertRule(_ db: any SQLDatabase, _ rule: AlertRule) async throws {
        try await db.raw("""
            INSERT INTO alert_rules (id, tenant_id, definition, enabled, created_at, updated_at)
            VALUES (\(bind: rule.id), \(bind: rule.tenantID), \(bind: String(decoding: rule.definitionJSON.encoded(), as: UTF8.self)),
                    \(bind: rule.enabled ? 1 : 0), \(bind: Column.time(rule.createdAt)), \(bind: Column.time(rule.updatedAt)))
            """).run()
    }

    static func rules(_ db: any SQLDatabase, tenantID: String, enabledOnly: Bool) async throws -> [AlertRule] {
        try await db.raw("""
            SELECT * FROM alert_rules WHERE tenant_id = \(bind: tenantID)\(unsafeRaw: enabledOnly ? " AND enabled = 1" : "") ORDER BY id
            """).all().map(alertRule)
    }

    static func alertRule(_ row: any SQLRow) throws -> AlertRule {
        let base = AlertRule(id: try row.text("id"), tenantID: try row.text("tenant_id"), name: "", trigger: .status(.delivered),
                             channel: .email, template: "", audience: .customer,
                             createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        let definition = try JSONValue.parse(Data(try row.text("definition").utf8))
        do {
            return try AlertRule.decode(definition: definition, base: base)
        } catch {
            throw StoreError.corrupt("alert rule \(base.id) does not decode: \(error)")
        }
    }
}
