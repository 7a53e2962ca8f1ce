import Foundation
import SQLKit
import WaybillCore

extension SQLStore {
    struct NewAuditEntry {
        var actor: String
        var action: String
        var subjectType: String
        var subjectID: String
        var details: [String: String]
    }

    /// Appends to the audit log inside the caller's transaction.
    static func audit(_ db: any SQLDatabase, tenantID: String, actor: String, action: String, subjectType: String,
                      subjectID: String, details: [String: String]) async throws {
        try await audit(db, tenantID: tenantID, entries: [NewAuditEntry(actor: actor, action: action, subjectType: subjectType,
                                                                      subjectID: subjectID, details: details)])
    }

    /// Appends entries to the tenant's chain when the caller's transaction is about to commit
    /// (see `AuditChain`), or at once outside one.
    static func audit(_ db: any SQLDatabase, tenantID: String, entries: [NewAuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        let at = Column.time(Date())
        if let pending = AuditChain.pending, pending.add(entries, tenantID: tenantID, at: at) { return }
        try await AuditChain.append(db, tenantID: tenantID, entries: entries.map { ($0, at) })
    }

    public func recordAudit(_ entry: NewAuditRecord) async throws {
        try await backend.transaction { db in
            try await Self.audit(db, tenantID: entry.tenantID, actor: entry.actor, action: entry.action,
                                 subjectType: entry.subjectType, subjectID: entry.subjectID, details: entry.details)
        }
    }

    public func auditTrail(tenantID: String, subjectID: String) async throws -> [AuditEntry] {
        try await backend.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.auditColumns) FROM audit_log
                WHERE tenant_id = \(bind: tenantID) AND subject_id = \(bind: subjectID) ORDER BY seq
                """).all().map(Self.auditEntry)
        }
    }

    public func auditLog(_ query: AuditLogQuery) async throws -> [AuditEntry] {
        try await backend.read { db in
            var conditions: [SQLQueryString] = ["tenant_id = \(bind: query.tenantID)", "chain_seq > \(bind: query.afterChainSeq)"]
            if let action = query.action { conditions.append("action = \(bind: action)") }
            if let actor = query.actor { conditions.append("actor = \(bind: actor)") }
            if let subjectType = query.subjectType { conditions.append("subject_type = \(bind: subjectType)") }
            if let subjectID = query.subjectID { conditions.append("subject_id = \(bind: subjectID)") }
            if let since = query.since { conditions.append("at >= \(bind: Column.time(since))") }
            if let until = query.until { conditions.append("at < \(bind: Column.time(until))") }
            return try await db.raw("""
                SELECT \(unsafeRaw: Self.auditColumns) FROM audit_log WHERE \(conditions.joined(separator: " AND "))
                ORDER BY chain_seq LIMIT \(unsafeRaw: String(query.limit))
                """).all().map(Self.auditEntry)
        }
    }

    public func verifyAuditChain(tenantID: String, anchor: AuditAnchor? = nil) async throws -> AuditVerification {
        try await backend.read { db in
            var verification = AuditVerification(tenantID: tenantID)
            var previous: String?
            var expected: Int64 = 0
            page: while true {
                let rows = try await db.raw("""
                    SELECT \(unsafeRaw: Self.auditColumns) FROM audit_log
                    WHERE tenant_id = \(bind: tenantID) AND chain_seq > \(bind: expected) ORDER BY chain_seq LIMIT 2000
                    """).all()
                for row in rows {
                    let entry = try Self.auditEntry(row)
                    guard let chainSeq = entry.chainSeq, let prevHash = entry.prevHash, let hash = entry.hash else { continue }
                    if previous == nil {
                        verification.firstChainSeq = chainSeq
                        // Retention removes the oldest entries: the chain then starts where they end.
                        previous = chainSeq == 1 ? AuditChain.genesis : prevHash
                        expected = chainSeq
                    } else {
                        expected += 1
                    }
                    let problem: String? = if chainSeq != expected {
                        "entries \(expected) to \(chainSeq - 1) are missing: deleted from the log"
                    } else if prevHash != previous {
                        "it does not follow entry \(chainSeq - 1) (its prev_hash differs): entries were replaced or reordered"
                    } else if AuditChain.Entry(stored: entry, tenantID: tenantID, chainSeq: chainSeq).hash(after: prevHash) != hash {
                        "its contents do not match its hash: the entry was edited"
                    } else if let anchor, anchor.chainSeq == chainSeq, anchor.hash != hash {
                        "its hash differs from the anchor \(anchor.hash)"
                    } else {
                        nil
                    }
                    if let problem {
                        verification.problem = AuditChainProblem(chainSeq: chainSeq, entryID: entry.id, reason: problem)
                        break page
                    }
                    verification.entriesChecked += 1
                    verification.head = AuditAnchor(tenantID: tenantID, chainSeq: chainSeq, hash: hash, at: entry.at)
                    previous = hash
                    expected = chainSeq
                }
                if rows.count < 2000 { break }
            }
            if verification.problem == nil, let anchor, anchor.chainSeq > (verification.head?.chainSeq ?? 0) {
                verification.problem = AuditChainProblem(chainSeq: anchor.chainSeq, entryID: nil,
                                                         reason: "the anchored entry is gone: the log was cut off after entry \(verification.head?.chainSeq ?? 0)")
            }
            let outside = try await db.raw("""
                SELECT id FROM audit_log WHERE tenant_id = \(bind: tenantID) AND chain_seq IS NULL ORDER BY seq LIMIT 1
                """).first()
            if verification.problem == nil, let outside {
                verification.problem = AuditChainProblem(chainSeq: nil, entryID: try outside.text("id"),
                                                         reason: "it is not in the chain: written outside Waybill")
            }
            return verification
        }
    }

    public func anchorAuditChain(tenantID: String, actor: String) async throws -> AuditAnchor? {
        try await backend.transaction { db in
            guard let head = try await AuditChain.head(db, tenantID: tenantID) else { return nil }
            let anchor = AuditAnchor(tenantID: tenantID, chainSeq: head.seq, hash: head.hash, at: Date())
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "audit.anchored", subjectType: "audit_log",
                                 subjectID: String(head.seq), details: ["chain_seq": String(head.seq), "hash": head.hash])
            return anchor
        }
    }

    static let auditColumns = "id, actor, action, subject_type, subject_id, details, at, chain_seq, prev_hash, hash"

    static func auditEntry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(id: try row.text("id"), actor: try row.text("actor"), action: try row.text("action"),
                   subjectType: try row.text("subject_type"), subjectID: try row.text("subject_id"),
                   details: try row.text("details"), at: try row.date("at"), storedAt: try row.text("at"),
                   chainSeq: try row.decode(column: "chain_seq", as: Int64?.self),
                   prevHash: try row.optionalText("prev_hash"), hash: try row.optionalText("hash"))
    }
}

extension AuditChain.Entry {
    init(stored: AuditEntry, tenantID: String, chainSeq: Int64) {
        self.init(id: stored.id, tenantID: tenantID, chainSeq: chainSeq, at: stored.storedAt, actor: stored.actor, action: stored.action,
                  subjectType: stored.subjectType, subjectID: stored.subjectID, details: stored.details)
    }
}
