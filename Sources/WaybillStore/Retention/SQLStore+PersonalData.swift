import Foundation
import SQLKit
import WaybillCore

/// Every read and write of a customer's personal data that retention and erasure do, in one
/// place (so that encrypting these columns later changes this file): the `customer_*` columns of
/// orders and shipments, `customer_name` in their metadata, `signed_by` of shipments and events,
/// notification rows of a shipment (webhook bodies carry `signed_by`, feed texts are rendered
/// with the customer's name) and stored API responses (`idempotency_keys.response_body` repeats
/// a shipment's customer block).
extension SQLStore {
    enum PersonalData {
        /// Metadata keys that hold personal data (the templates read `customer_name`).
        static let metadataKeys: Set<String> = ["customer_name"]
        static let customerColumns = ["customer_email", "customer_phone", "customer_postal_code", "customer_locale", "customer_time_zone"]
        /// A phone column without the separators `DataSubject.normalizedPhone` removes.
        static func normalizedPhone(_ column: String) -> String {
            "REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(\(column), ' ', ''), '-', ''), '.', ''), '(', ''), ')', '')"
        }
        /// Message states that will not be sent again.
        static let finishedMessageStates = ["delivered", "dead", "cancelled"]
    }

    // MARK: Finding

    /// Shipments whose personal data is due: delivered, or with a last event (else registered),
    /// before `cutoff`, and not erased yet.
    static func shipmentsDueForErasure(_ db: any SQLDatabase, tenantID: String, before cutoff: Date, limit: Int) async throws -> [String] {
        try await db.raw("""
            SELECT id FROM shipments WHERE tenant_id = \(bind: tenantID) AND personal_data_erased_at IS NULL
            AND COALESCE(delivered_at, last_event_at, created_at) < \(bind: Column.time(cutoff))
            ORDER BY id LIMIT \(literal: limit)
            """).all().map { try $0.text("id") }
    }

    /// Orders not touched since `cutoff` whose shipments all had their personal data erased.
    static func ordersDueForErasure(_ db: any SQLDatabase, tenantID: String, before cutoff: Date, limit: Int) async throws -> [String] {
        try await db.raw("""
            SELECT o.id FROM orders o WHERE o.tenant_id = \(bind: tenantID) AND o.personal_data_erased_at IS NULL
            AND o.updated_at < \(bind: Column.time(cutoff))
            AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.tenant_id = o.tenant_id AND s.order_ref = o.id
                            AND s.personal_data_erased_at IS NULL)
            ORDER BY o.id LIMIT \(literal: limit)
            """).all().map { try $0.text("id") }
    }

    /// The person's orders and shipments: those with their email or phone, and the shipments of
    /// those orders and the orders of those shipments.
    static func personalRecords(_ db: any SQLDatabase, tenantID: String, of subject: DataSubject) async throws
        -> (orders: Set<String>, shipments: Set<String>) {
        let match: (String) -> SQLQueryString = { table in
            switch subject {
            case .email: "LOWER(\(unsafeRaw: table).customer_email) = \(bind: subject.normalized)"
            case .phone: "\(unsafeRaw: PersonalData.normalizedPhone("\(table).customer_phone")) = \(bind: subject.normalized)"
            }
        }
        var orders = Set(try await db.raw("""
            SELECT o.id FROM orders o WHERE o.tenant_id = \(bind: tenantID) AND \(match("o"))
            UNION SELECT s.order_ref AS id FROM shipments s WHERE s.tenant_id = \(bind: tenantID) AND \(match("s")) AND s.order_ref IS NOT NULL
            """).all().map { try $0.text("id") })
        var shipments = Set(try await db.raw("""
            SELECT s.id FROM shipments s WHERE s.tenant_id = \(bind: tenantID) AND \(match("s"))
            """).all().map { try $0.text("id") })
        for chunk in Array(orders).sorted().chunked(Self.insertChunk) {
            shipments.formUnion(try await db.raw("""
                SELECT id FROM shipments WHERE tenant_id = \(bind: tenantID) AND order_ref IN (\(binds: Array(chunk)))
                """).all().map { try $0.text("id") })
        }
        orders.remove("")
        return (orders, shipments)
    }

    // MARK: Erasing

    /// Nulls the shipments' personal fields and their events' `signed_by`, removes their finished
    /// notifications, and marks them erased. Returns (events anonymized, notification rows deleted).
    static func eraseShipmentPersonalData(_ db: any SQLDatabase, tenantID: String, ids: [String], now: Date) async throws
        -> (events: Int, notifications: Int) {
        var events = 0
        var notifications = 0
        let nulls = (PersonalData.customerColumns + ["signed_by"]).map { "\($0) = NULL" }.joined(separator: ", ")
        for chunk in ids.chunked(Self.insertChunk) {
            let ids = Array(chunk)
            try await stripMetadata(db, table: "shipments", tenantID: tenantID, ids: ids)
            try await db.raw("""
                UPDATE shipments SET \(unsafeRaw: nulls), personal_data_erased_at = \(bind: Column.time(now))
                WHERE tenant_id = \(bind: tenantID) AND id IN (\(binds: ids))
                """).run()
            events += try await db.raw("""
                UPDATE events SET signed_by = NULL
                WHERE tenant_id = \(bind: tenantID) AND shipment_id IN (\(binds: ids)) AND signed_by IS NOT NULL RETURNING id
                """).all().count
            notifications += try await db.raw("""
                DELETE FROM notification_feed WHERE tenant_id = \(bind: tenantID) AND shipment_id IN (\(binds: ids)) RETURNING id
                """).all().count
            let messages = try await db.raw("""
                SELECT id FROM notification_messages WHERE tenant_id = \(bind: tenantID) AND shipment_id IN (\(binds: ids))
                AND state IN (\(binds: PersonalData.finishedMessageStates))
                """).all().map { try $0.text("id") }
            for messageChunk in messages.chunked(Self.insertChunk) {
                try await db.raw("""
                    DELETE FROM notification_attempts WHERE tenant_id = \(bind: tenantID) AND message_id IN (\(binds: Array(messageChunk)))
                    """).run()
                notifications += try await db.raw("""
                    DELETE FROM notification_messages WHERE tenant_id = \(bind: tenantID) AND id IN (\(binds: Array(messageChunk)))
                    RETURNING id
                    """).all().count
            }
        }
        return (events, notifications)
    }

    /// Nulls the orders' personal fields and marks them erased.
    static func eraseOrderPersonalData(_ db: any SQLDatabase, tenantID: String, ids: [String], now: Date) async throws {
        let nulls = PersonalData.customerColumns.map { "\($0) = NULL" }.joined(separator: ", ")
        for chunk in ids.chunked(Self.insertChunk) {
            try await stripMetadata(db, table: "orders", tenantID: tenantID, ids: Array(chunk))
            try await db.raw("""
                UPDATE orders SET \(unsafeRaw: nulls), personal_data_erased_at = \(bind: Column.time(now))
                WHERE tenant_id = \(bind: tenantID) AND id IN (\(binds: Array(chunk)))
                """).run()
        }
    }

    /// Removes `PersonalData.metadataKeys` from the rows' metadata objects.
    private static func stripMetadata(_ db: any SQLDatabase, table: String, tenantID: String, ids: [String]) async throws {
        let rows = try await db.raw("""
            SELECT id, metadata FROM \(ident: table) WHERE tenant_id = \(bind: tenantID) AND id IN (\(binds: ids))
            """).all()
        for row in rows {
            guard case .object(var members) = try? JSONValue.parse(Data(try row.text("metadata").utf8)),
                  !PersonalData.metadataKeys.isDisjoint(with: members.keys) else { continue }
            for key in PersonalData.metadataKeys { members[key] = nil }
            try await db.raw("""
                UPDATE \(ident: table) SET metadata = \(bind: String(decoding: JSONValue.object(members).encoded(), as: UTF8.self))
                WHERE tenant_id = \(bind: tenantID) AND id = \(bind: try row.text("id"))
                """).run()
        }
    }

    /// Stored API responses created before `cutoff` (an idempotency key is useful for a day, its
    /// response may repeat a customer block), at most `limit`; returns how many.
    static func deleteStoredResponses(_ db: any SQLDatabase, tenantID: String, createdBefore cutoff: Date, limit: Int) async throws -> Int {
        try await db.raw("""
            DELETE FROM idempotency_keys WHERE tenant_id = \(bind: tenantID) AND key IN (
                SELECT key FROM idempotency_keys WHERE tenant_id = \(bind: tenantID) AND created_at < \(bind: Column.time(cutoff))
                LIMIT \(literal: limit))
            RETURNING key
            """).all().count
    }

    /// Stored API responses that contain the person's email or phone as written.
    static func deleteStoredResponses(_ db: any SQLDatabase, tenantID: String, mentioning subject: DataSubject) async throws -> Int {
        let column: SQLQueryString = switch subject {
        case .email: "LOWER(response_body)"
        case .phone: "\(unsafeRaw: PersonalData.normalizedPhone("response_body"))"
        }
        return try await db.raw("""
            DELETE FROM idempotency_keys WHERE tenant_id = \(bind: tenantID)
            AND \(column) LIKE \(bind: "%" + Self.likeEscaped(subject.normalized) + "%") ESCAPE '\\' RETURNING key
            """).all().count
    }

    private static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
