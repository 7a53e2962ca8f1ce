import Foundation
import VaporCSQLite
import WaybillCore
import WaybillStore

/// The floor under the pipeline's figure: the same event rows inserted with one prepared
/// statement through SQLite's C API, in transactions of the same size, into a fresh file
/// with the same schema, without dedupe or state recompute.
enum RawSQLiteInsert {
    static func rate(items: [IngestBatch.ShipmentEvent], tenantID: String, batchSize: Int) throws -> Double {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-raw-\(UUID()).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let file = try SQLiteFile(path: path)
        defer { withExtendedLifetime(file) {} }  // open until the statement below is finalized
        let db = file.db
        try file.exec("PRAGMA journal_mode = WAL")
        try file.exec("PRAGMA synchronous = NORMAL")
        try file.exec("""
            CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL,
              shipment_id TEXT NOT NULL, fingerprint TEXT NOT NULL, status TEXT NOT NULL, substatus TEXT, reason TEXT,
              action_required INTEGER NOT NULL, carrier_code TEXT, carrier_description TEXT, occurred_at TEXT, local_time TEXT,
              utc_offset TEXT, zone_source TEXT NOT NULL, city TEXT, region TEXT, postal_code TEXT, country TEXT, latitude REAL,
              longitude REAL, carrier_sequence INTEGER NOT NULL, informational INTEGER NOT NULL, signed_by TEXT,
              source TEXT NOT NULL, raw_payload_id TEXT, recorded_at TEXT NOT NULL, UNIQUE (shipment_id, fingerprint))
            """)
        let columns = "id, tenant_id, shipment_id, fingerprint, status, substatus, reason, action_required, carrier_code, carrier_description, occurred_at, local_time, utc_offset, zone_source, city, region, postal_code, country, carrier_sequence, informational, source, raw_payload_id, recorded_at"
        let placeholders = Array(repeating: "?", count: 23).joined(separator: ", ")
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(db, "INSERT INTO events (\(columns)) VALUES (\(placeholders))", -1, &statement, nil) == SQLITE_OK,
              let statement else { throw RawSQLiteError(String(cString: sqlite_nio_sqlite3_errmsg(db))) }
        defer { sqlite_nio_sqlite3_finalize(statement) }

        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let clock = ContinuousClock()
        let start = clock.now
        for chunk in items.chunked(batchSize) {
            try file.exec("BEGIN IMMEDIATE")
            let recordedAt = Timestamp.utcString(Date())
            for item in chunk {
                let event = item.event
                let texts: [String?] = [
                    Identifier.make(.event), tenantID, item.shipmentID, event.fingerprint(shipmentID: item.shipmentID),
                    event.status.rawValue, event.substatus?.rawValue, event.reason?.rawValue, nil, event.carrierCode,
                    event.carrierDescription, event.occurredAt.map(Timestamp.utcString), event.localTime?.description,
                    event.utcOffset?.description, event.zoneSource.rawValue, event.location?.city, event.location?.region,
                    event.location?.postalCode, event.location?.country, nil, nil, "api", nil, recordedAt,
                ]
                for (index, text) in texts.enumerated() {
                    let position = Int32(index + 1)
                    switch index {
                    case 7: sqlite_nio_sqlite3_bind_int64(statement, position, event.actionRequired ? 1 : 0)
                    case 18: sqlite_nio_sqlite3_bind_int64(statement, position, Int64(event.sequence))
                    case 19: sqlite_nio_sqlite3_bind_int64(statement, position, event.isInformational ? 1 : 0)
                    default:
                        if let text { sqlite_nio_sqlite3_bind_text(statement, position, text, -1, transient) }
                        else { sqlite_nio_sqlite3_bind_null(statement, position) }
                    }
                }
                guard sqlite_nio_sqlite3_step(statement) == SQLITE_DONE else {
                    throw RawSQLiteError(String(cString: sqlite_nio_sqlite3_errmsg(db)))
                }
                sqlite_nio_sqlite3_reset(statement)
            }
            try file.exec("COMMIT")
        }
        let elapsed = clock.now - start
        return Double(items.count) / elapsed.timeInterval
    }

}

struct RawSQLiteError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
