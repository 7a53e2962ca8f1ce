import Foundation
import SQLKit

/// The retention pass over one tenant: personal data erased after N days, events and raw
/// payloads deleted after M days, the audit log's oldest entries after its own days. Every step
/// runs in bounded transactions of `batch` rows and is idempotent, so several instances may run
/// it at once and an interrupted pass is finished by the next.
extension SQLStore {
    public func runRetention(tenantID: String, now: Date, payloadCapDays: Int?, batch: Int) async throws -> RetentionCounts {
        let policy = try await retentionPolicy(tenantID: tenantID).effective(payloadCapDays: payloadCapDays)
        let batch = max(1, batch)
        var counts = RetentionCounts()
        let personalCutoff = now.addingTimeInterval(-Double(policy.personalDataDays) * 86_400)
        try await erasePersonalData(tenantID: tenantID, before: personalCutoff, now: now, batch: batch, into: &counts)
        let payloadCutoff = now.addingTimeInterval(-Double(policy.payloadDays) * 86_400)
        counts.eventsDeleted = try await deleteOldRows(of: "events", timeColumn: "recorded_at", reportColumn: "event_id",
                                                       tenantID: tenantID, before: payloadCutoff, batch: batch)
        counts.rawPayloadsDeleted = try await deleteOldRows(of: "raw_payloads", timeColumn: "received_at", reportColumn: "raw_payload_id",
                                                            tenantID: tenantID, before: payloadCutoff, batch: batch)
        let auditCutoff = now.addingTimeInterval(-Double(policy.auditLogDays) * 86_400)
        do {
            counts.auditEntriesDeleted = try await purgeAuditPrefix(tenantID: tenantID, before: auditCutoff, batch: batch)
        } catch where ErrorText.isPermissionDenied(error) {
            counts.auditPurgeRefused = true
        }
        if counts.byKind.contains(where: { $0.rows > 0 }) {
            var details = Dictionary(uniqueKeysWithValues: counts.byKind.map { ($0.kind, String($0.rows)) })
            details["personal_data_days"] = String(policy.personalDataDays)
            details["payload_days"] = String(policy.payloadDays)
            details["audit_log_days"] = String(policy.auditLogDays)
            try await recordAudit(NewAuditRecord(tenantID: tenantID, actor: "retention", action: "retention.purged",
                                                 subjectType: "retention_policy", subjectID: tenantID, details: details))
        }
        return counts
    }

    private func erasePersonalData(tenantID: String, before cutoff: Date, now: Date, batch: Int,
                                   into counts: inout RetentionCounts) async throws {
        while true {
            let (shipments, events, notifications) = try await backend.transaction { db in
                let ids = try await Self.shipmentsDueForErasure(db, tenantID: tenantID, before: cutoff, limit: batch)
                let erased = try await Self.eraseShipmentPersonalData(db, tenantID: tenantID, ids: ids, now: now)
                return (ids.count, erased.events, erased.notifications)
            }
            counts.shipmentsErased += shipments
            counts.eventsAnonymized += events
            counts.notificationsDeleted += notifications
            if shipments < batch { break }
        }
        while true {
            let orders = try await backend.transaction { db in
                let ids = try await Self.ordersDueForErasure(db, tenantID: tenantID, before: cutoff, limit: batch)
                try await Self.eraseOrderPersonalData(db, tenantID: tenantID, ids: ids, now: now)
                return ids.count
            }
            counts.ordersErased += orders
            if orders < batch { break }
        }
        while true {
            let deleted = try await backend.transaction { db in
                try await Self.deleteStoredResponses(db, tenantID: tenantID, createdBefore: cutoff, limit: batch)
            }
            counts.idempotencyKeysDeleted += deleted
            if deleted < batch { break }
        }
    }

    /// Deletes the tenant's rows of `table` older than `cutoff`, and the reports naming them,
    /// `batch` per transaction. An event whose payload is gone keeps its (dangling) payload id,
    /// as with the installation-wide purge.
    private func deleteOldRows(of table: String, timeColumn: String, reportColumn: String, tenantID: String, before cutoff: Date,
                               batch: Int) async throws -> Int {
        let time = Column.time(cutoff)
        var total = 0
        while true {
            let deleted = try await backend.transaction { db in
                let ids = try await db.raw("""
                    SELECT id FROM \(ident: table) WHERE tenant_id = \(bind: tenantID) AND \(ident: timeColumn) < \(bind: time)
                    LIMIT \(literal: batch)
                    """).all().map { try $0.text("id") }
                var deleted = 0
                for chunk in ids.chunked(Self.insertChunk) {
                    try await db.raw("""
                        DELETE FROM event_reports WHERE tenant_id = \(bind: tenantID) AND \(ident: reportColumn) IN (\(binds: Array(chunk)))
                        """).run()
                    deleted += try await db.raw("""
                        DELETE FROM \(ident: table) WHERE tenant_id = \(bind: tenantID) AND id IN (\(binds: Array(chunk)))
                        AND \(ident: timeColumn) < \(bind: time) RETURNING id
                        """).all().count
                }
                return (ids.count, deleted)
            }
            total += deleted.1
            if deleted.0 < batch { return total }
        }
    }

    /// Deletes the oldest entries of the tenant's audit chain: every entry before the first one
    /// written at or after `cutoff`, oldest first, so what is left is always the chain's tail
    /// (`verifyAuditChain` accepts a chain that starts after 1). The head is always kept, so the
    /// next entry still links to it. Throws PostgreSQL's permission error when the application's
    /// role may not delete from `audit_log` (docs/security.md): the owner runs `waybill retention run`.
    func purgeAuditPrefix(tenantID: String, before cutoff: Date, batch: Int) async throws -> Int {
        let firstKept = try await backend.read { db -> Int64? in
            let row = try await db.raw("""
                SELECT COALESCE(
                    (SELECT MIN(chain_seq) FROM audit_log WHERE tenant_id = \(bind: tenantID) AND at >= \(bind: Column.time(cutoff))
                     AND chain_seq IS NOT NULL),
                    (SELECT MAX(chain_seq) FROM audit_log WHERE tenant_id = \(bind: tenantID))) AS first_kept
                """).first()
            return try row?.decode(column: "first_kept", as: Int64?.self)
        }
        guard let firstKept else { return 0 }
        var total = 0
        while true {
            let deleted = try await backend.transaction { db in
                try await db.raw("""
                    DELETE FROM audit_log WHERE tenant_id = \(bind: tenantID) AND chain_seq IN (
                        SELECT chain_seq FROM audit_log WHERE tenant_id = \(bind: tenantID) AND chain_seq < \(bind: firstKept)
                        ORDER BY chain_seq LIMIT \(literal: batch))
                    RETURNING chain_seq
                    """).all().count
            }
            total += deleted
            if deleted < batch { return total }
        }
    }
}
