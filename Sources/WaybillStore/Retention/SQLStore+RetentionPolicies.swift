import Foundation
import SQLKit

extension SQLStore {
    public func retentionPolicy(tenantID: String) async throws -> RetentionPolicy {
        try await backend.read { db in try await Self.retentionPolicy(db, tenantID: tenantID) }
    }

    static func retentionPolicy(_ db: any SQLDatabase, tenantID: String) async throws -> RetentionPolicy {
        guard let row = try await db.raw("""
            SELECT personal_data_days, payload_days, audit_log_days, updated_at FROM retention_policies
            WHERE tenant_id = \(bind: tenantID)
            """).first() else { return RetentionPolicy() }
        return RetentionPolicy(personalDataDays: try row.int("personal_data_days"), payloadDays: try row.int("payload_days"),
                               auditLogDays: try row.int("audit_log_days"), updatedAt: try row.date("updated_at"))
    }

    public func setRetentionPolicy(_ policy: RetentionPolicy, tenantID: String, actor: String) async throws -> RetentionPolicy {
        guard policy.personalDataDays > 0, policy.payloadDays > 0, policy.auditLogDays >= policy.payloadDays else {
            throw StoreError.invalid("retention days must be positive and the audit log kept at least as long as payloads")
        }
        return try await backend.transaction { db in
            let now = Column.time(Date())
            try await db.raw("""
                INSERT INTO retention_policies (tenant_id, personal_data_days, payload_days, audit_log_days, updated_at)
                VALUES (\(bind: tenantID), \(bind: policy.personalDataDays), \(bind: policy.payloadDays), \(bind: policy.auditLogDays),
                        \(bind: now))
                ON CONFLICT (tenant_id) DO UPDATE SET personal_data_days = excluded.personal_data_days,
                    payload_days = excluded.payload_days, audit_log_days = excluded.audit_log_days, updated_at = excluded.updated_at
                """).run()
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "retention.updated", subjectType: "retention_policy",
                                 subjectID: tenantID, details: ["personal_data_days": String(policy.personalDataDays),
                                                                "payload_days": String(policy.payloadDays),
                                                                "audit_log_days": String(policy.auditLogDays)])
            return try await Self.retentionPolicy(db, tenantID: tenantID)
        }
    }
}
