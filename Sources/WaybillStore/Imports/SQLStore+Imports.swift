import Crypto
import Foundation
import SQLKit
import WaybillCore

/// Files, imports and re-processing of stored raw payloads.
extension SQLStore {
    /// The job kind that runs a queued import.
    public static let importJobKind = "import_file"

    public func storeRawPayload(_ raw: NewRawPayload, tenantID: String) async throws -> (rawPayloadID: String, isNew: Bool) {
        let sha256 = SHA256.hex(raw.body)
        return try await backend.transaction { db in
            try await Self.storeRawPayload(db, tenantID: tenantID, raw, sha256: sha256)
        }
    }

    public func createImport(_ new: NewFileImport) async throws -> (fileImport: FileImport, created: Bool) {
        let now = Date()
        let id = Identifier.make(.fileImport)
        return try await backend.transaction { db in
            let inserted = try await db.raw("""
                INSERT INTO file_imports (id, tenant_id, raw_payload_id, file_name, status, created_at, updated_at)
                VALUES (\(bind: id), \(bind: new.tenantID), \(bind: new.rawPayloadID), \(bind: new.fileName),
                        \(bind: FileImport.Status.queued.rawValue), \(bind: Column.time(now)), \(bind: Column.time(now)))
                ON CONFLICT (tenant_id, raw_payload_id) DO NOTHING
                RETURNING id
                """).all()
            let created = !inserted.isEmpty
            if created {
                try await db.raw("""
                    INSERT INTO jobs (id, tenant_id, kind, payload, state, run_at, attempts, max_attempts, created_at, updated_at)
                    VALUES (\(bind: Identifier.make(.job)), \(bind: new.tenantID), \(bind: Self.importJobKind), \(bind: id), 'queued',
                            \(bind: Column.time(now)), 0, 10, \(bind: Column.time(now)), \(bind: Column.time(now)))
                    """).run()
                try await Self.audit(db, tenantID: new.tenantID, actor: new.actor, action: "import.created",
                                     subjectType: "file_import", subjectID: id, details: ["raw_payload": new.rawPayloadID])
            }
            guard let row = try await db.raw("""
                SELECT * FROM file_imports WHERE tenant_id = \(bind: new.tenantID) AND raw_payload_id = \(bind: new.rawPayloadID)
                """).first() else { throw StoreError.notFound(kind: "import", id: id) }
            return (try Self.fileImport(row), created)
        }
    }

    public func fileImport(id: String, tenantID: String) async throws -> FileImport? {
        try await backend.read { db in
            try await db.raw("SELECT * FROM file_imports WHERE tenant_id = \(bind: tenantID) AND id = \(bind: id)").first()
                .map(Self.fileImport)
        }
    }

    public func fileImports(tenantID: String, cursor: String?, limit: Int) async throws -> Page<FileImport> {
        let limit = max(1, min(limit, 500))
        return try await backend.read { db in
            var sql = SQLQueryString("SELECT * FROM file_imports WHERE tenant_id = \(bind: tenantID)")
            if let cursor { sql.appendInterpolation(unsafeRaw: " AND id < "); sql.appendInterpolation(bind: cursor) }
            sql.appendInterpolation(unsafeRaw: " ORDER BY id DESC LIMIT \(limit + 1)")
            let rows = try await db.raw(sql).all()
            let items = try rows.prefix(limit).map(Self.fileImport)
            return Page(items: items, nextCursor: rows.count > limit ? items.last?.id : nil)
        }
    }

    public func updateImport(_ item: FileImport) async throws {
        try await backend.transaction { db in
            try await db.raw("""
                UPDATE file_imports SET status = \(bind: item.status.rawValue), format = \(bind: item.format),
                    records_total = \(bind: item.recordsTotal), records_done = \(bind: item.recordsDone),
                    shipments_registered = \(bind: item.shipmentsRegistered), events_inserted = \(bind: item.eventsInserted),
                    duplicates = \(bind: item.duplicates), issues = \(bind: Column.json(item.issues)),
                    acknowledged_interchanges = \(bind: Column.json(item.acknowledgedInterchanges)), error = \(bind: item.error),
                    updated_at = \(bind: Column.time(Date())), finished_at = \(bind: Column.time(item.finishedAt))
                WHERE tenant_id = \(bind: item.tenantID) AND id = \(bind: item.id)
                """).run()
        }
    }

    public func rawPayloadsForReprocessing(_ query: ReprocessQuery) async throws -> Page<RawPayload> {
        let limit = max(1, min(query.limit, 500))
        return try await backend.read { db in
            var sql = SQLQueryString("SELECT * FROM raw_payloads WHERE 1 = 1")
            if let tenantID = query.tenantID { sql.appendInterpolation(unsafeRaw: " AND tenant_id = "); sql.appendInterpolation(bind: tenantID) }
            if let carrier = query.carrier { sql.appendInterpolation(unsafeRaw: " AND carrier = "); sql.appendInterpolation(bind: carrier) }
            if let status = query.status { sql.appendInterpolation(unsafeRaw: " AND status = "); sql.appendInterpolation(bind: status.rawValue) }
            if let since = query.since {
                sql.appendInterpolation(unsafeRaw: " AND received_at >= "); sql.appendInterpolation(bind: Column.time(since))
            }
            if let cursor = query.cursor { sql.appendInterpolation(unsafeRaw: " AND id > "); sql.appendInterpolation(bind: cursor) }
            sql.appendInterpolation(unsafeRaw: " ORDER BY id LIMIT \(limit + 1)")
            let rows = try await db.raw(sql).all()
            let items = try rows.prefix(limit).map(Self.rawPayload)
            return Page(items: items, nextCursor: rows.count > limit ? items.last?.id : nil)
        }
    }

    func reprocess(_ db: any SQLDatabase, rawPayloadID: String, tenantID: String, events: [IngestBatch.ShipmentEvent],
                   estimates: [String: DeliveryEstimate], actor: String) async throws -> (ReprocessOutcome, ShipmentChangeSet) {
        guard let raw = try await db.raw("""
            SELECT source FROM raw_payloads WHERE tenant_id = \(bind: tenantID) AND id = \(bind: rawPayloadID)
            """).first() else { throw StoreError.notFound(kind: "raw payload", id: rawPayloadID) }
        let source = try raw.enumValue("source", as: EventSource.self)
        let before = try await self.lockShipments(db, ids: events.map(\.shipmentID), tenantID: tenantID)

        var stored: [ReportedEventKey: StoredEvent] = [:]
        for row in try await db.raw("""
            SELECT * FROM events WHERE tenant_id = \(bind: tenantID) AND raw_payload_id = \(bind: rawPayloadID)
            """).all() {
            let event = try Self.storedEvent(row)
            stored[ReportedEventKey(shipmentID: event.shipmentID, event: event.event)] = event
        }

        var remapped: [ReprocessOutcome.Remap] = []
        var fresh: [IngestBatch.ShipmentEvent] = []
        var unchanged = 0
        var touched = Set<String>()
        for item in events {
            guard let old = stored.removeValue(forKey: ReportedEventKey(shipmentID: item.shipmentID, event: item.event)) else {
                fresh.append(item)
                continue
            }
            let fingerprint = item.event.fingerprint(shipmentID: item.shipmentID)
            guard fingerprint != old.fingerprint || Self.mapping(of: item.event) != Self.mapping(of: old.event) else {
                unchanged += 1
                continue
            }
            try await Self.rewrite(db, eventID: old.id, tenantID: tenantID, with: item.event, fingerprint: fingerprint)
            remapped.append(.init(eventID: old.id, shipmentID: item.shipmentID, carrierCode: item.event.carrierCode,
                                  before: Self.mapping(of: old.event), after: Self.mapping(of: item.event)))
            touched.insert(item.shipmentID)
        }
        let payload = PayloadEvents(rawID: rawPayloadID, source: source, reportedBy: nil, events: fresh, actor: actor,
                                    estimates: estimates)
        let result = try await self.appendEvents(db, tenantID: tenantID, payloads: [payload])
        let appended = result.outcomes[0]
        var changes: [ShipmentChange] = appended.changes
        let alreadyReported = Set(changes.map(\.shipmentID))
        for (shipmentID, status) in try await Self.recomputeStates(db, tenantID: tenantID, shipmentIDs: touched.subtracting(alreadyReported).sorted()) {
            if let previous = before[shipmentID], previous != status {
                changes.append(ShipmentChange(shipmentID: shipmentID, previousStatus: previous, status: status))
            }
        }
        if !remapped.isEmpty {
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "events.remapped",
                                 subjectType: "raw_payload", subjectID: rawPayloadID,
                                 details: ["remapped": "\(remapped.count)", "added": "\(appended.insertedEventIDs.count)"])
        }
        return (ReprocessOutcome(rawPayloadID: rawPayloadID, remapped: remapped, added: appended.insertedEventIDs.count,
                                 unchanged: unchanged, changes: changes), result.changes)
    }

    public func ingestDelays(tenantID: String) async throws -> [Double] {
        try await backend.read { db in
            try await db.raw("""
                SELECT e.recorded_at, r.received_at FROM events e JOIN raw_payloads r ON r.tenant_id = e.tenant_id AND r.id = e.raw_payload_id
                WHERE e.tenant_id = \(bind: tenantID)
                """).all().map { row in try row.date("recorded_at").timeIntervalSince(try row.date("received_at")) }
        }
    }

    /// What the mapping tables decide about an event, in words for the reprocess report.
    static func mapping(of event: CanonicalEvent) -> String {
        var text = event.status.rawValue
        if let substatus = event.substatus { text += "/\(substatus.rawValue)" }
        if let reason = event.reason { text += " (\(reason.rawValue))" }
        if event.actionRequired { text += " action_required" }
        if let occurredAt = event.occurredAt { text += " at \(Timestamp.utcString(occurredAt))" }
        return text
    }

    /// Replaces what re-mapping can change in a stored event; the carrier's own facts stay.
    private static func rewrite(_ db: any SQLDatabase, eventID: String, tenantID: String, with event: CanonicalEvent, fingerprint: String) async throws {
        try await db.raw("""
            UPDATE events SET fingerprint = \(bind: fingerprint), status = \(bind: event.status.rawValue),
                substatus = \(bind: event.substatus?.rawValue), reason = \(bind: event.reason?.rawValue),
                action_required = \(bind: event.actionRequired ? 1 : 0), occurred_at = \(bind: Column.time(event.occurredAt)),
                local_time = \(bind: event.localTime?.description), utc_offset = \(bind: event.utcOffset?.description),
                zone_source = \(bind: event.zoneSource.rawValue), informational = \(bind: event.isInformational ? 1 : 0),
                implausible_time = \(bind: event.isImplausibleTime ? 1 : 0)
            WHERE tenant_id = \(bind: tenantID) AND id = \(bind: eventID)
            """).run()
    }

    static func fileImport(_ row: any SQLRow) throws -> FileImport {
        FileImport(
            id: try row.text("id"), tenantID: try row.text("tenant_id"), rawPayloadID: try row.text("raw_payload_id"),
            fileName: try row.text("file_name"), status: try row.enumValue("status", as: FileImport.Status.self),
            format: try row.optionalText("format"), recordsTotal: try row.int("records_total"),
            recordsDone: try row.int("records_done"), shipmentsRegistered: try row.int("shipments_registered"),
            eventsInserted: try row.int("events_inserted"), duplicates: try row.int("duplicates"),
            issues: try Column.decodeJSON(try row.text("issues"), as: [String].self),
            acknowledgedInterchanges: try Column.decodeJSON(try row.text("acknowledged_interchanges"), as: [String].self),
            error: try row.optionalText("error"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            finishedAt: try row.optionalDate("finished_at"))
    }
}

/// What identifies an event a carrier reported, whatever our mapping made of it: the shipment,
/// the carrier's code and text, and the carrier's own time (local, or the instant when it gave only that).
private struct ReportedEventKey: Hashable {
    var shipmentID: String
    var code: String?
    var description: String?
    var time: String?

    init(shipmentID: String, event: CanonicalEvent) {
        self.shipmentID = shipmentID
        code = event.carrierCode
        description = event.carrierDescription
        time = event.localTime?.description ?? event.occurredAt.map(Timestamp.utcString)
    }
}
