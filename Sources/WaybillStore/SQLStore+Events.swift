import Foundation
import SQLKit
import WaybillCore

extension SQLStore {
    /// Rows per multi-row INSERT: well under SQLite's limit of 32,766 bound variables.
    static let insertChunk = 400


    /// Appends the events stored raw payloads of one tenant reported (deduplicated by
    /// fingerprint; a repeat is remembered as a report of the event), stores their estimates,
    /// derives the touched shipments' state and marks the payloads parsed, inside the caller's
    /// transaction, with one statement per step for all the payloads (one insert of every event,
    /// one state recompute). The payloads must be about different shipments, so that each state
    /// change belongs to one payload and is reported once, as if they were appended one after the
    /// other. One outcome per payload, in order, and the shipments touched, for the observers.
    func appendEvents(_ db: any SQLDatabase, tenantID: String, payloads: [PayloadEvents]) async throws -> AppendResult {
        let previous = try await lockShipments(db, ids: payloads.flatMap { $0.events.map(\.shipmentID) }, tenantID: tenantID)
        let estimates = payloads.reduce(into: [String: DeliveryEstimate]()) { all, payload in all.merge(payload.estimates) { $1 } }
        if !estimates.isEmpty { try await Self.recordEstimates(db, estimates, tenantID: tenantID) }

        // One row per fingerprint and payload: a payload may repeat a scan.
        struct Row { var fingerprint: String; var id: String; var payload: Int; var item: IngestBatch.ShipmentEvent }
        var rows: [Row] = []
        for (index, payload) in payloads.enumerated() {
            var seen = Set<String>()
            for item in payload.events {
                let fingerprint = item.event.fingerprint(shipmentID: item.shipmentID)
                if seen.insert(fingerprint).inserted {
                    rows.append(Row(fingerprint: fingerprint, id: Identifier.make(.event), payload: index, item: item))
                }
            }
        }
        let recordedAt = Column.time(Date())
        var inserted = Set<String>()
        let stored = try await storedFingerprints(db, tenantID: tenantID, of: rows.map { ($0.item.shipmentID, $0.fingerprint) })
        for chunk in rows.filter({ !stored.contains($0.fingerprint) }).chunked(Self.insertChunk) {
            var insert = db.insert(into: "events").columns(Self.eventColumns)
            for row in chunk {
                let payload = payloads[row.payload]
                insert = insert.values(Self.eventValues(row.id, row.fingerprint, row.item, tenantID: tenantID, source: payload.source,
                                                        reportedBy: payload.reportedBy, rawID: payload.rawID, recordedAt: recordedAt))
            }
            if dialect.engine == .sqlite { insert = insert.ignoringConflicts(with: ["tenant_id", "shipment_id", "fingerprint"]) }
            let returned = try await insert.returning("id").all()
            for row in returned { inserted.insert(try row.text("id")) }
        }
        try await recordReports(db, tenantID: tenantID,
                                duplicates: rows.filter { !inserted.contains($0.id) }.map { ($0.fingerprint, payloads[$0.payload].rawID) })

        var changes: [String: ShipmentChange] = [:]
        let touched = Set(rows.filter { inserted.contains($0.id) }.map(\.item.shipmentID)).sorted()
        for (shipmentID, status) in try await Self.recomputeStates(db, tenantID: tenantID, shipmentIDs: touched) {
            if let before = previous[shipmentID], before != status {
                changes[shipmentID] = ShipmentChange(shipmentID: shipmentID, previousStatus: before, status: status)
            }
        }
        for chunk in payloads.map(\.rawID).chunked(Self.insertChunk) {
            try await db.raw("""
                UPDATE raw_payloads SET status = \(bind: RawPayloadStatus.parsed.rawValue), error = NULL
                WHERE tenant_id = \(bind: tenantID) AND id IN (\(binds: Array(chunk)))
                """).run()
        }

        let insertedRows = Dictionary(grouping: rows.filter { inserted.contains($0.id) }, by: \.payload)
        try await Self.audit(db, tenantID: tenantID, entries: payloads.indices.compactMap { index in
            let payload = payloads[index]
            let count = insertedRows[index]?.count ?? 0
            guard count > 0 else { return nil }
            let unique = rows.count(where: { $0.payload == index })
            return NewAuditEntry(actor: payload.actor, action: "events.appended", subjectType: "raw_payload", subjectID: payload.rawID,
                              details: ["inserted": "\(count)", "duplicates": "\(unique - count)"])
        })
        let outcomes = payloads.indices.map { index in
            let payload = payloads[index]
            let mine = insertedRows[index] ?? []
            return IngestOutcome(rawPayloadID: payload.rawID, rawPayloadIsNew: false, insertedEventIDs: mine.map(\.id),
                                 duplicateCount: payload.events.count - mine.count,
                                 changes: payload.shipmentIDs.sorted().compactMap { changes[$0] },
                                 insertedTimes: mine.compactMap { row in
                                     row.item.event.occurredAt.map { IngestOutcome.InsertedTime(occurredAt: $0, carrier: row.item.carrier) }
                                 })
        }
        return AppendResult(outcomes: outcomes,
                            changes: ShipmentChangeSet(tenantID: tenantID, shipmentIDs: touched, previousStatuses: previous))
    }

    /// Remembers every payload that reported an event already stored from another payload (the
    /// first report is the event row's own `raw_payload_id`).
    private func recordReports(_ db: any SQLDatabase, tenantID: String, duplicates: [(fingerprint: String, rawID: String)]) async throws {
        for chunk in duplicates.chunked(Self.insertChunk) {
            let existing = try await db.raw("""
                SELECT id, fingerprint, raw_payload_id FROM events
                WHERE tenant_id = \(bind: tenantID) AND fingerprint IN (\(binds: chunk.map(\.fingerprint)))
                """).all()
            var eventsByFingerprint: [String: [(id: String, rawID: String?)]] = [:]
            for row in existing {
                eventsByFingerprint[try row.text("fingerprint"), default: []].append((try row.text("id"), try row.optionalText("raw_payload_id")))
            }
            let reports = chunk.flatMap { duplicate in
                (eventsByFingerprint[duplicate.fingerprint] ?? []).filter { $0.rawID != duplicate.rawID }.map { ($0.id, duplicate.rawID) }
            }
            guard !reports.isEmpty else { continue }
            var insert = db.insert(into: "event_reports").columns("tenant_id", "event_id", "raw_payload_id")
            for (eventID, rawID) in reports { insert = insert.values(SQLBind(tenantID), SQLBind(eventID), SQLBind(rawID)) }
            try await insert.ignoringConflicts(with: ["tenant_id", "event_id", "raw_payload_id"]).run()
        }
    }

    public func events(shipmentID: String, tenantID: String, includingSuperseded: Bool) async throws -> [StoredEvent] {
        try await backend.read { db in
            let rows = try await db.raw("""
                SELECT * FROM events WHERE tenant_id = \(bind: tenantID) AND shipment_id = \(bind: shipmentID)
                \(unsafeRaw: includingSuperseded ? "" : "AND superseded_by IS NULL") ORDER BY seq
                """).all()
            let reports = try await db.raw("""
                SELECT r.event_id, r.raw_payload_id FROM event_reports r JOIN events e ON e.tenant_id = r.tenant_id AND e.id = r.event_id
                WHERE e.tenant_id = \(bind: tenantID) AND e.shipment_id = \(bind: shipmentID) ORDER BY r.raw_payload_id
                """).all()
            var payloadsByEvent: [String: [String]] = [:]
            for report in reports {
                payloadsByEvent[try report.text("event_id"), default: []].append(try report.text("raw_payload_id"))
            }
            let stored = try rows.map { row in
                var event = try Self.storedEvent(row)
                event.rawPayloadIDs = (event.rawPayloadID.map { [$0] } ?? []) + (payloadsByEvent[event.id] ?? [])
                return event
            }
            let order = StatusResolver.chronologicalOrder(stored.map(\.event))
            return order.map { stored[$0] }
        }
    }

    public func rawPayload(id: String, tenantID: String) async throws -> RawPayload? {
        try await backend.read { db in
            try await db.raw("""
                SELECT * FROM raw_payloads WHERE tenant_id = \(bind: tenantID) AND id = \(bind: id)
                """).first().map(Self.rawPayload)
        }
    }

    static func rawPayload(_ row: any SQLRow) throws -> RawPayload {
        RawPayload(
            id: try row.text("id"), tenantID: try row.text("tenant_id"),
            source: try row.enumValue("source", as: EventSource.self), carrier: try row.optionalText("carrier"),
            contentType: try row.text("content_type"), body: try row.decode(column: "body", as: Data.self),
            sha256: try row.text("sha256"), receivedAt: try row.date("received_at"),
            status: try row.enumValue("status", as: RawPayloadStatus.self), error: try row.optionalText("error"))
    }

    // MARK: Steps of ingest, inside its transaction

    /// The audit entry of a payload stored for the first time: what arrived, when, and its digest.
    static func receivedAudit(id: String, _ raw: NewRawPayload, sha256: String) -> NewAuditEntry {
        var details = ["sha256": sha256, "source": raw.source.rawValue, "bytes": String(raw.body.count),
                       "received_at": Column.time(raw.receivedAt)]
        details["carrier"] = raw.carrier
        return NewAuditEntry(actor: "ingest", action: "raw_payload.received", subjectType: "raw_payload", subjectID: id, details: details)
    }

    static func storeRawPayload(_ db: any SQLDatabase, tenantID: String, _ raw: NewRawPayload, sha256: String) async throws -> (String, Bool) {
        let stored: @Sendable () async throws -> String? = {
            try await db.raw("SELECT id FROM raw_payloads WHERE tenant_id = \(bind: tenantID) AND sha256 = \(bind: sha256)")
                .first().map { try $0.text("id") }
        }
        if try await lockDigests(db, tenantID: tenantID, shas: [sha256]), let id = try await stored() { return (id, false) }
        let id = Identifier.make(.rawPayload)
        let inserted = try await db.raw("""
            INSERT INTO raw_payloads (id, tenant_id, source, carrier, content_type, body, sha256, received_at, status)
            VALUES (\(bind: id), \(bind: tenantID), \(bind: raw.source.rawValue), \(bind: raw.carrier),
                    \(bind: raw.contentType), \(bind: raw.body), \(bind: sha256), \(bind: Column.time(raw.receivedAt)),
                    \(bind: RawPayloadStatus.received.rawValue))
            ON CONFLICT DO NOTHING
            RETURNING id
            """).all()
        if !inserted.isEmpty {
            try await audit(db, tenantID: tenantID, entries: [receivedAudit(id: id, raw, sha256: sha256)])
            return (id, true)
        }
        guard let existing = try await stored() else { throw StoreError.notFound(kind: "raw payload", id: sha256) }
        return (existing, false)
    }

    /// Locks the shipments that events are about (so concurrent writers recompute in turn) and
    /// returns their statuses; throws if one is not this tenant's.
    func lockShipments(_ db: any SQLDatabase, ids: [String], tenantID: String) async throws -> [String: ShipmentStatus] {
        var statuses: [String: ShipmentStatus] = [:]
        let unique = Array(Set(ids)).sorted()
        for chunk in unique.chunked(Self.insertChunk) {
            let rows = try await db.raw("""
                SELECT id, status FROM shipments WHERE tenant_id = \(bind: tenantID) AND id IN (\(binds: Array(chunk)))
                ORDER BY id\(unsafeRaw: dialect.byteOrder)\(unsafeRaw: dialect.lockForUpdate)
                """).all()
            for row in rows { statuses[try row.text("id")] = try row.enumValue("status", as: ShipmentStatus.self) }
        }
        if let missing = unique.first(where: { statuses[$0] == nil }) {
            throw StoreError.notFound(kind: "shipment", id: missing)
        }
        return statuses
    }

    /// Locks these shipments (of any tenant) until the transaction ends, in order of id. Nothing
    /// on SQLite, whose write transactions already run one at a time.
    func lockShipmentsInOrder(_ db: any SQLDatabase, ids: some Sequence<String>) async throws {
        guard engine == .postgres else { return }
        for chunk in Array(Set(ids)).sorted().chunked(Self.insertChunk) {
            try await db.raw("""
                SELECT id FROM shipments WHERE id IN (\(binds: Array(chunk))) ORDER BY id\(unsafeRaw: dialect.byteOrder) FOR UPDATE
                """).run()
        }
    }

    /// Derives each shipment's state from all its events and stores it; returns the new statuses
    /// in the order of `shipmentIDs`. The events of a chunk of shipments are read in one query.
    /// Where a carrier's own feed and an aggregator both reported a shipment, the copies the
    /// tenant's routing rule does not trust are marked superseded first and left out.
    static func recomputeStates(_ db: any SQLDatabase, tenantID: String, shipmentIDs: [String]) async throws -> [(String, ShipmentStatus)] {
        var results: [(String, ShipmentStatus)] = []
        for chunk in shipmentIDs.chunked(insertChunk) {
            let rows = try await db.raw("""
                SELECT e.shipment_id, e.id, e.status, e.substatus, e.occurred_at, e.local_time, e.utc_offset, e.carrier_sequence,
                    e.informational, e.implausible_time, e.signed_by, e.carrier, e.reported_by, e.superseded_by, s.carrier AS shipment_carrier, s.tenant_id
                FROM events e JOIN shipments s ON s.tenant_id = e.tenant_id AND s.id = e.shipment_id
                WHERE e.tenant_id = \(bind: tenantID) AND e.shipment_id IN (\(binds: Array(chunk))) ORDER BY e.shipment_id, e.seq
                """).all()
            var eventsByShipment: [String: ShipmentEvents] = [:]
            for row in rows {
                let event = CanonicalEvent(
                    status: try row.enumValue("status", as: ShipmentStatus.self),
                    substatus: try row.optionalEnum("substatus", as: Substatus.self),
                    occurredAt: try row.optionalDate("occurred_at"),
                    localTime: try row.optionalText("local_time").flatMap(LocalDateTime.init(parsing:)),
                    utcOffset: try row.optionalText("utc_offset").flatMap(UTCOffset.init(parsing:)),
                    sequence: try row.int("carrier_sequence"),
                    isInformational: try row.bool("informational"),
                    signedBy: try row.optionalText("signed_by"),
                    isImplausibleTime: try row.bool("implausible_time"))
                let shipmentID = try row.text("shipment_id")
                var entry = try eventsByShipment[shipmentID]
                    ?? ShipmentEvents(tenantID: row.text("tenant_id"), carrier: row.text("shipment_carrier"))
                entry.append(id: try row.text("id"), event: event, carrier: try row.optionalText("carrier"),
                             reportedBy: try row.optionalText("reported_by"), supersededBy: try row.optionalText("superseded_by"))
                eventsByShipment[shipmentID] = entry
            }
            try await reconcileFeeds(db, &eventsByShipment)
            // One UPDATE for the whole chunk (VALUES columns are named column1... on both engines).
            var values: [SQLQueryString] = []
            for shipmentID in chunk {
                let (ids, events) = eventsByShipment[shipmentID]?.trusted ?? ([], [])
                let state = StatusResolver.resolve(events)
                let latest = state.latestEventIndex
                values.append("""
                    (\(bind: shipmentID), \(bind: state.status.rawValue), \(bind: state.substatus?.rawValue),
                     \(bind: Column.time(state.deliveredAt)), \(bind: state.signedBy), \(bind: latest.map { ids[$0] }),
                     \(bind: Column.time(latest.flatMap { events[$0].occurredAt })))
                    """)
                results.append((shipmentID, state.status))
            }
            try await db.raw("""
                UPDATE shipments SET status = v.column2, substatus = v.column3, delivered_at = v.column4, signed_by = v.column5,
                    last_event_id = v.column6, last_event_at = v.column7, updated_at = \(bind: Column.time(Date()))
                FROM (VALUES \(values.joined(separator: ", "))) AS v
                WHERE shipments.tenant_id = \(bind: tenantID) AND shipments.id = v.column1
                """).run()
        }
        return results
    }

    static let eventColumns = [
        "id", "tenant_id", "shipment_id", "fingerprint", "status", "substatus", "reason", "action_required", "carrier_code",
        "carrier_description", "occurred_at", "local_time", "utc_offset", "zone_source", "city", "region", "postal_code",
        "country", "latitude", "longitude", "carrier_sequence", "informational", "signed_by", "source", "raw_payload_id",
        "recorded_at", "carrier", "reported_by", "implausible_time",
    ]

    static func eventValues(_ id: String, _ fingerprint: String, _ item: IngestBatch.ShipmentEvent, tenantID: String,
                            source: EventSource, reportedBy: String?, rawID: String, recordedAt: String) -> [any SQLExpression] {
        let event = item.event
        let location = event.location
        let values: [any Encodable & Sendable] = [
            id, tenantID, item.shipmentID, fingerprint, event.status.rawValue, event.substatus?.rawValue, event.reason?.rawValue,
            event.actionRequired ? 1 : 0, event.carrierCode, event.carrierDescription, Column.time(event.occurredAt),
            event.localTime?.description, event.utcOffset?.description, event.zoneSource.rawValue, location?.city,
            location?.region, location?.postalCode, location?.country, location?.latitude, location?.longitude,
            event.sequence, event.isInformational ? 1 : 0, event.signedBy, source.rawValue, rawID, recordedAt,
            item.carrier, reportedBy, event.isImplausibleTime ? 1 : 0,
        ]
        return values.map { SQLBind($0) }
    }

    static func storedEvent(_ row: any SQLRow) throws -> StoredEvent {
        let location = Location(
            city: try row.optionalText("city"), region: try row.optionalText("region"),
            postalCode: try row.optionalText("postal_code"), country: try row.optionalText("country"),
            latitude: try row.optionalDouble("latitude"), longitude: try row.optionalDouble("longitude"))
        let event = CanonicalEvent(
            status: try row.enumValue("status", as: ShipmentStatus.self),
            substatus: try row.optionalEnum("substatus", as: Substatus.self),
            reason: try row.optionalEnum("reason", as: Reason.self),
            actionRequired: try row.bool("action_required"),
            carrierCode: try row.optionalText("carrier_code"),
            carrierDescription: try row.optionalText("carrier_description"),
            occurredAt: try row.optionalDate("occurred_at"),
            localTime: try row.optionalText("local_time").flatMap(LocalDateTime.init(parsing:)),
            utcOffset: try row.optionalText("utc_offset").flatMap(UTCOffset.init(parsing:)),
            zoneSource: try row.enumValue("zone_source", as: ZoneSource.self),
            location: location.isEmpty ? nil : location,
            sequence: try row.int("carrier_sequence"),
            isInformational: try row.bool("informational"),
            signedBy: try row.optionalText("signed_by"),
            isImplausibleTime: try row.bool("implausible_time"))
        return StoredEvent(
            id: try row.text("id"), shipmentID: try row.text("shipment_id"), fingerprint: try row.text("fingerprint"),
            event: event, source: try row.enumValue("source", as: EventSource.self),
            rawPayloadID: try row.optionalText("raw_payload_id"), recordedAt: try row.date("recorded_at"),
            arrival: Int64(try row.int("seq")), carrier: try row.optionalText("carrier"),
            reportedBy: try row.optionalText("reported_by"), supersededBy: try row.optionalText("superseded_by"))
    }
}
