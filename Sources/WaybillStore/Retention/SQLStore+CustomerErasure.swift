import Crypto
import Foundation
import SQLKit

/// A data-subject request: one person's data erased across a tenant's orders and shipments, in
/// one transaction. Events stay, anonymized (`signed_by` removed), so the tenant's delivery
/// statistics survive; the raw payloads that reported only that person's shipments are deleted
/// (a carrier body may hold a name or an address and cannot be edited), those that also report
/// other shipments (a file, a batch) are kept and counted.
extension SQLStore {
    public func eraseCustomer(_ subject: DataSubject, tenantID: String, actor: String) async throws -> CustomerErasure {
        try await backend.transaction { db in
            let now = Date()
            let (orders, shipments) = try await Self.personalRecords(db, tenantID: tenantID, of: subject)
            var erasure = CustomerErasure()
            let shipmentIDs = shipments.sorted()
            let erased = try await Self.eraseShipmentPersonalData(db, tenantID: tenantID, ids: shipmentIDs, now: now)
            try await Self.eraseOrderPersonalData(db, tenantID: tenantID, ids: orders.sorted(), now: now)
            erasure.shipments = shipments.count
            erasure.orders = orders.count
            erasure.eventsAnonymized = erased.events
            erasure.notifications = erased.notifications
            (erasure.rawPayloadsDeleted, erasure.rawPayloadsKept) = try await Self.deletePayloads(db, tenantID: tenantID, onlyOf: shipmentIDs)
            erasure.idempotencyKeys = try await Self.deleteStoredResponses(db, tenantID: tenantID, mentioning: subject)
            let kind = switch subject {
            case .email: "email"
            case .phone: "phone"
            }
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "customer.erased", subjectType: "customer",
                                 subjectID: "sha256:" + SHA256.hex(Data(subject.normalized.utf8)),
                                 details: ["matched_by": kind, "shipments": String(erasure.shipments), "orders": String(erasure.orders),
                                           "events_anonymized": String(erasure.eventsAnonymized),
                                           "raw_payloads_deleted": String(erasure.rawPayloadsDeleted),
                                           "raw_payloads_kept": String(erasure.rawPayloadsKept),
                                           "notifications": String(erasure.notifications),
                                           "idempotency_keys": String(erasure.idempotencyKeys)])
            return erasure
        }
    }

    /// Deletes the raw payloads that reported events of these shipments and of no other (nor a
    /// file import); returns (deleted, kept because shared).
    static func deletePayloads(_ db: any SQLDatabase, tenantID: String, onlyOf shipmentIDs: [String]) async throws -> (Int, Int) {
        var candidates = Set<String>()
        for chunk in shipmentIDs.chunked(insertChunk) {
            candidates.formUnion(try await db.raw("""
                SELECT r.raw_payload_id AS id FROM event_reports r JOIN events e ON e.tenant_id = r.tenant_id AND e.id = r.event_id
                WHERE r.tenant_id = \(bind: tenantID) AND e.shipment_id IN (\(binds: Array(chunk)))
                UNION SELECT raw_payload_id AS id FROM events WHERE tenant_id = \(bind: tenantID)
                AND shipment_id IN (\(binds: Array(chunk))) AND raw_payload_id IS NOT NULL
                """).all().map { try $0.text("id") })
        }
        let mine = Set(shipmentIDs)
        var shared = Set<String>()
        for chunk in candidates.sorted().chunked(insertChunk) {
            let ids = Array(chunk)
            let reporting = try await db.raw("""
                SELECT r.raw_payload_id AS id, e.shipment_id FROM event_reports r
                JOIN events e ON e.tenant_id = r.tenant_id AND e.id = r.event_id
                WHERE r.tenant_id = \(bind: tenantID) AND r.raw_payload_id IN (\(binds: ids))
                UNION SELECT raw_payload_id AS id, shipment_id FROM events WHERE tenant_id = \(bind: tenantID) AND raw_payload_id IN (\(binds: ids))
                """).all()
            for row in reporting where !mine.contains(try row.text("shipment_id")) { shared.insert(try row.text("id")) }
            shared.formUnion(try await db.raw("""
                SELECT raw_payload_id AS id FROM file_imports WHERE tenant_id = \(bind: tenantID) AND raw_payload_id IN (\(binds: ids))
                """).all().map { try $0.text("id") })
        }
        let doomed = candidates.subtracting(shared).sorted()
        var deleted = 0
        for chunk in doomed.chunked(insertChunk) {
            let ids = Array(chunk)
            try await db.raw("DELETE FROM event_reports WHERE tenant_id = \(bind: tenantID) AND raw_payload_id IN (\(binds: ids))").run()
            try await db.raw("""
                UPDATE events SET raw_payload_id = NULL WHERE tenant_id = \(bind: tenantID) AND raw_payload_id IN (\(binds: ids))
                """).run()
            deleted += try await db.raw("""
                DELETE FROM raw_payloads WHERE tenant_id = \(bind: tenantID) AND id IN (\(binds: ids)) RETURNING id
                """).all().count
        }
        return (deleted, shared.count)
    }
}
