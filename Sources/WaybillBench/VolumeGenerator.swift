import Foundation
import Logging
import VaporCSQLite
import WaybillCommandSupport
import WaybillCore
import WaybillIngest
import WaybillStore

/// Fills a SQLite database with `shipments` copies of one shipment that went through the real
/// pipeline: its shipment, event and raw payload rows are cloned with `INSERT ... SELECT` in
/// transactions of `chunk` copies, each copy with its own ids, tracking number (`VOL000000042`),
/// order id (`ORD-42`), customer email, tracking-page token and payload hashes. Copy numbers start
/// at 1; the template is copy 0.
struct VolumeGenerator {
    static let tenantName = "bench-volume"
    let path: String
    let shipments: Int
    let eventsPerShipment: Int
    let logger: Logger
    var chunk = 20_000

    struct Template: Sendable {
        var tenantID: String
        var shipmentID: String
        var publicToken: String
    }

    static func trackingNumber(_ copy: Int) -> String { "VOL" + String(repeating: "0", count: max(0, 9 - String(copy).count)) + String(copy) }
    static func orderID(_ copy: Int) -> String { "ORD-\(copy)" }
    static func tokenSuffix(_ copy: Int) -> String { "x\(copy)" }

    /// Column values that must differ per copy (`n` is the copy number); other columns are copied as
    /// they are. Ids keep their length and alphabet (the API checks them): ten characters before
    /// their last six become the copy number (ids made in one millisecond differ in their last ones).
    private static let perCopy: [String: [String: String]] = [
        "shipments": [
            "id": copyID("id"), "last_event_id": copyID("last_event_id"),
            "tracking_number": "'VOL' || printf('%09d', n)", "merchant_order_id": "'ORD-' || n", "order_ref": "NULL",
            "customer_email": "'customer' || n || '@example.com'", "public_token": "public_token || 'x' || n",
        ],
        "events": [
            "seq": "", "id": copyID("id"), "shipment_id": copyID("shipment_id"),
            "raw_payload_id": copyID("raw_payload_id"), "superseded_by": copyID("superseded_by"),
        ],
        "raw_payloads": ["id": copyID("id"), "sha256": "sha256 || '_' || n"],
    ]

    private static func copyID(_ column: String) -> String {
        "substr(\(column), 1, length(\(column)) - 16) || printf('%010d', n) || substr(\(column), -6)"
    }

    /// Generates what is missing and returns the template; a database already at the volume is kept.
    func generate() async throws -> Template {
        let template = try await makeTemplate()
        let database = try SQLiteFile(path: path)
        let present = try database.integer("SELECT COUNT(*) FROM shipments WHERE tenant_id = '\(template.tenantID)'") - 1
        guard present < shipments else {
            logger.notice("reusing the generated volume", metadata: ["shipments": "\(present)"])
            return template
        }
        try database.exec("PRAGMA synchronous = OFF")
        try database.exec("PRAGMA cache_size = -262144")
        let statements = try Self.perCopy.keys.sorted().map { try cloneStatement(table: $0, database: database, template: template) }
        var first = present + 1
        while first <= shipments - 1 {
            let last = min(shipments - 1, first + chunk - 1)
            try database.exec("BEGIN")
            for statement in statements {
                try database.exec("WITH RECURSIVE copies(n) AS (SELECT \(first) UNION ALL SELECT n + 1 FROM copies WHERE n < \(last)) " + statement)
            }
            try database.exec("COMMIT")
            FileHandle.standardError.write(Data("generated \(last + 1) of \(shipments) shipments\n".utf8))
            first = last + 1
        }
        try database.exec("PRAGMA wal_checkpoint(TRUNCATE)")
        try database.exec("ANALYZE")
        return template
    }

    /// `INSERT INTO table (...) SELECT ... FROM table, copies` restricted to the template's rows.
    private func cloneStatement(table: String, database: SQLiteFile, template: Template) throws -> String {
        let substitutions = Self.perCopy[table] ?? [:]
        let columns = try database.strings("SELECT name FROM pragma_table_info('\(table)')").filter { substitutions[$0] != "" }
        let values = columns.map { substitutions[$0] ?? $0 }
        let rows = switch table {
        case "shipments": "id = '\(template.shipmentID)'"
        case "events": "shipment_id = '\(template.shipmentID)'"
        default: "id IN (SELECT raw_payload_id FROM events WHERE shipment_id = '\(template.shipmentID)')"
        }
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) SELECT \(values.joined(separator: ", ")) FROM \(table), copies WHERE \(rows)"
    }

    /// The template shipment of the bench tenant, made through the store and the pipeline if it does not exist.
    private func makeTemplate() async throws -> Template {
        try await CommandSupport.withStore(.sqlite(path: path), logger: logger) { store in
            let tenant = try await store.ensureTenant(named: Self.tenantName)
            let (shipment, created) = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: Self.trackingNumber(0), carrier: "ups", merchantOrderID: nil,
                customer: Customer(email: "customer0@example.com", postalCode: "40209", locale: "en-US", timeZone: "America/New_York"),
                actor: "bench"))
            if created {
                let pipeline = IngestPipeline(store: store, observers: [])
                for event in StoreBench.journey(count: eventsPerShipment) {
                    try await pipeline.ingest(IngestBatch(
                        tenantID: tenant.id,
                        raw: NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: Self.webhookBody(event)),
                        events: [IngestBatch.ShipmentEvent(shipmentID: shipment.id, event: event)], actor: "bench"))
                }
            }
            return Template(tenantID: tenant.id, shipmentID: shipment.id, publicToken: shipment.publicToken)
        }
    }

    /// A UPS Track Alert body of the size carriers send (about 400 bytes).
    private static func webhookBody(_ event: CanonicalEvent) -> Data {
        let time = event.localTime?.description ?? ""
        return Data("""
            {"trackingNumber":"\(trackingNumber(0))","localActivityDate":"\(time.prefix(10))","localActivityTime":"\(time.suffix(8))",\
            "activityLocation":{"city":"\(event.location?.city ?? "")","stateProvince":"KY","postalCode":"40209","country":"US"},\
            "activityStatus":{"type":"I","code":"\(event.carrierCode ?? "")","description":"\(event.carrierDescription ?? "")"},\
            "scheduledDeliveryDate":"","actualDeliveryDate":"","actualDeliveryTime":"","gmtActivityDate":"","gmtActivityTime":""}
            """.utf8)
    }

    static func fileBytes(_ path: String) -> Int64 {
        ["", "-wal", "-inbox", "-inbox-wal"].reduce(Int64(0)) { total, suffix in
            total + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int64) ?? 0)
        }
    }
}

/// A SQLite connection through the C API, for statements the store has no operation for.
final class SQLiteFile {
    /// The connection, for prepared statements.
    let db: OpaquePointer

    init(path: String) throws {
        var db: OpaquePointer?
        guard sqlite_nio_sqlite3_open(path, &db) == SQLITE_OK, let db else { throw RawSQLiteError("cannot open \(path)") }
        self.db = db
        sqlite_nio_sqlite3_busy_timeout(db, 10_000)
    }

    deinit { sqlite_nio_sqlite3_close(db) }

    func exec(_ sql: String) throws {
        guard sqlite_nio_sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw RawSQLiteError("\(String(cString: sqlite_nio_sqlite3_errmsg(db))) in \(sql.prefix(200))")
        }
    }

    func strings(_ sql: String) throws -> [String] {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw RawSQLiteError(String(cString: sqlite_nio_sqlite3_errmsg(db)))
        }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        var values: [String] = []
        while sqlite_nio_sqlite3_step(statement) == SQLITE_ROW {
            values.append(sqlite_nio_sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
        }
        return values
    }

    func integer(_ sql: String) throws -> Int {
        Int(try strings(sql).first ?? "0") ?? 0
    }
}
