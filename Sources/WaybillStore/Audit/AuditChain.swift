import Crypto
import Foundation
import SQLKit
import WaybillCore

/// The audit log is one hash chain per tenant: entry n stores `prev_hash` (entry n-1's hash, or
/// `genesis` for the first) and `hash` = SHA-256(prev_hash ‖ canonical bytes of entry n), hex.
/// Editing, deleting or reordering an entry breaks every later link, which `SQLStore.verifyAuditChain`
/// finds; an anchor (a head hash kept elsewhere) also proves that nothing up to it was cut off.
///
/// Entries written in a transaction wait in `pending` and are chained just before it commits,
/// under a per-tenant lock on PostgreSQL (SQLite's writes are serialized already): taken last,
/// that lock cannot close a cycle with the row locks the transaction took before.
enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)

    /// An entry as stored; `canonicalBytes` is what its hash covers.
    struct Entry: Sendable {
        var id: String
        var tenantID: String
        var chainSeq: Int64
        var at: String
        var actor: String
        var action: String
        var subjectType: String
        var subjectID: String
        /// The stored JSON text, hashed as stored.
        var details: String

        /// Each field as a netstring (`<UTF-8 length>:<bytes>,`), in a fixed order after the
        /// version: unambiguous whatever the fields hold, and cheap on the ingest path.
        var canonicalBytes: Data {
            var bytes = Data()
            for field in ["v1", tenantID, String(chainSeq), id, at, actor, action, subjectType, subjectID, details] {
                let utf8 = Array(field.utf8)
                bytes.append(contentsOf: Array("\(utf8.count):".utf8))
                bytes.append(contentsOf: utf8)
                bytes.append(UInt8(ascii: ","))
            }
            return bytes
        }

        func hash(after previous: String) -> String {
            var hasher = SHA256()
            hasher.update(data: Data(previous.utf8))
            hasher.update(data: canonicalBytes)
            return Hex.encode(hasher.finalize())
        }
    }

    /// Entries recorded in the current transaction, per tenant in the order recorded.
    final class Pending: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(tenantID: String, entry: SQLStore.NewAuditEntry, at: String)] = []
        private var closed = false

        /// False once the transaction has chained its entries (a task that outlived it): the
        /// caller then appends at once instead.
        func add(_ new: [SQLStore.NewAuditEntry], tenantID: String, at: String) -> Bool {
            lock.withLock {
                guard !closed else { return false }
                entries += new.map { (tenantID, $0, at) }
                return true
            }
        }

        func close() -> [(tenantID: String, entry: SQLStore.NewAuditEntry, at: String)] {
            lock.withLock {
                closed = true
                return entries
            }
        }
    }

    @TaskLocal static var pending: Pending?

    /// Runs a transaction's `body` collecting its audit entries, then chains them (before the
    /// commit). Every transaction collects its own, a nested one included.
    static func collecting<T>(_ db: any SQLDatabase, _ body: () async throws -> T) async throws -> T {
        let entries = Pending()
        let result = try await $pending.withValue(entries) { try await body() }
        let recorded = entries.close()
        guard !recorded.isEmpty else { return result }
        let byTenant = Dictionary(grouping: recorded, by: \.tenantID)
        for tenantID in byTenant.keys.sorted() {
            try await append(db, tenantID: tenantID, entries: byTenant[tenantID]!.map { ($0.entry, $0.at) })
        }
        return result
    }

    /// Appends to the tenant's chain now, inside the caller's transaction.
    static func append(_ db: any SQLDatabase, tenantID: String, entries: [(entry: SQLStore.NewAuditEntry, at: String)]) async throws {
        if StoreDialect(db).engine == .postgres {
            try await db.raw("SELECT pg_advisory_xact_lock(hashtextextended('waybill.audit/' || \(bind: tenantID), 0))").run()
        }
        var (seq, previous) = try await head(db, tenantID: tenantID) ?? (0, genesis)
        for chunk in entries.chunked(SQLStore.insertChunk) {
            var insert = db.insert(into: "audit_log")
                .columns("id", "tenant_id", "actor", "action", "subject_type", "subject_id", "details", "at", "chain_seq", "prev_hash", "hash")
            for (new, at) in chunk {
                seq += 1
                let entry = Entry(id: Identifier.make(.audit), tenantID: tenantID, chainSeq: seq, at: at, actor: new.actor,
                                  action: new.action, subjectType: new.subjectType, subjectID: new.subjectID, details: AuditDetails.json(new.details))
                let hash = entry.hash(after: previous)
                insert = insert.values(SQLBind(entry.id), SQLBind(tenantID), SQLBind(entry.actor), SQLBind(entry.action),
                                       SQLBind(entry.subjectType), SQLBind(entry.subjectID), SQLBind(entry.details), SQLBind(at),
                                       SQLBind(seq), SQLBind(previous), SQLBind(hash))
                previous = hash
            }
            try await insert.run()
        }
    }

    /// The tenant's last chained entry: its position and hash.
    static func head(_ db: any SQLDatabase, tenantID: String) async throws -> (seq: Int64, hash: String)? {
        guard let row = try await db.raw("""
            SELECT chain_seq, hash FROM audit_log WHERE tenant_id = \(bind: tenantID) AND chain_seq IS NOT NULL
            ORDER BY chain_seq DESC LIMIT 1
            """).first() else { return nil }
        return (try row.decode(column: "chain_seq", as: Int64.self), try row.text("hash"))
    }

    /// Chains the entries written before the chain existed (migration 18), per tenant in the
    /// order they were written.
    static func chainUnchained(_ db: any SQLDatabase) async throws {
        let tenants = try await db.raw("SELECT DISTINCT tenant_id FROM audit_log WHERE chain_seq IS NULL").all().map { try $0.text("tenant_id") }
        for tenantID in tenants {
            var (seq, previous) = try await head(db, tenantID: tenantID) ?? (0, genesis)
            let rows = try await db.raw("""
                SELECT seq, id, actor, action, subject_type, subject_id, details, at FROM audit_log
                WHERE tenant_id = \(bind: tenantID) AND chain_seq IS NULL ORDER BY seq
                """).all()
            for row in rows {
                seq += 1
                let entry = Entry(id: try row.text("id"), tenantID: tenantID, chainSeq: seq, at: try row.text("at"), actor: try row.text("actor"),
                                  action: try row.text("action"), subjectType: try row.text("subject_type"),
                                  subjectID: try row.text("subject_id"), details: try row.text("details"))
                let hash = entry.hash(after: previous)
                try await db.raw("""
                    UPDATE audit_log SET chain_seq = \(bind: seq), prev_hash = \(bind: previous), hash = \(bind: hash)
                    WHERE tenant_id = \(bind: tenantID) AND seq = \(bind: try row.decode(column: "seq", as: Int64.self))
                    """).run()
                previous = hash
            }
        }
    }
}
