import Foundation
import SQLKit

extension SQLStore {
    /// Creates this month's partitions of events and raw payloads and the next few, on
    /// PostgreSQL (nothing to do on SQLite). Run at start and then periodically; idempotent, and
    /// safe from several instances at once.
    public func preparePartitions(now: Date) async throws {
        guard engine == .postgres else { return }
        let current = MonthlyPartitions.Month(containing: now)
        for table in MonthlyPartitions.tables {
            for offset in 0...MonthlyPartitions.monthsAhead {
                try await createPartition(table, current.adding(offset))
            }
        }
    }

    /// Creates a month's partition unless it exists. Rows of that month that were inserted while
    /// it was missing wait in the default partition, and PostgreSQL refuses a partition whose rows
    /// the default holds: they are moved into the new partition in the same transaction.
    func createPartition(_ table: MonthlyPartitions.Table, _ month: MonthlyPartitions.Month) async throws {
        let name = MonthlyPartitions.partitionName(table, month)
        let exists = try await backend.read { db in
            try await db.raw("SELECT to_regclass(\(bind: name)) IS NOT NULL AS found").first()?.decode(column: "found", as: Bool.self)
        }
        guard exists != true else { return }
        let range = "\(table.timeColumn) >= '\(month.start)' AND \(table.timeColumn) < '\(month.adding(1).start)'"
        try await backend.transaction { db in
            try await db.raw("SELECT pg_advisory_xact_lock(hashtext('waybill.partitions'))").run()
            let found = try await db.raw("SELECT to_regclass(\(bind: name)) IS NOT NULL AS found").first()?.decode(column: "found", as: Bool.self)
            guard found != true else { return }
            let waiting = "\(table.name)_default"
            try await db.raw("CREATE TEMPORARY TABLE moving ON COMMIT DROP AS SELECT * FROM \(ident: waiting) WHERE \(unsafeRaw: range)").run()
            try await db.raw("DELETE FROM \(ident: waiting) WHERE \(unsafeRaw: range)").run()
            try await db.raw("\(unsafeRaw: MonthlyPartitions.createPartition(table, month))").run()
            try await db.raw("INSERT INTO \(ident: table.name) SELECT * FROM moving").run()
        }
        logger.info("partition created", metadata: ["partition": "\(name)"])
    }
}

/// What one purge removed.
public struct EventPurge: Sendable, Equatable {
    /// Partitions dropped whole (PostgreSQL), oldest first.
    public var droppedPartitions: [String] = []
    /// Rows deleted one by one (SQLite; on PostgreSQL those of the default partition and of the
    /// month the cut-off falls in).
    public var events = 0
    public var rawPayloads = 0

    public init() {}
}

extension SQLStore {
    /// Removes the events recorded and the raw payloads received before `cutoff`, with the
    /// reports of them: on PostgreSQL the months entirely before it are dropped as partitions,
    /// then the rest is deleted `limit` rows per transaction. An event recorded after the cut-off
    /// from a payload received before it is kept, and its payload id then finds nothing.
    @discardableResult
    public func purgeEvents(before cutoff: Date, limit: Int = 400) async throws -> EventPurge {
        var purge = EventPurge()
        if engine == .postgres {
            purge.droppedPartitions = try await dropPartitions(endingBy: cutoff)
            if !purge.droppedPartitions.isEmpty { try await deleteReportsOfRemovedRows() }
        }
        let batch = max(1, min(limit, Self.insertChunk))
        let time = Column.time(cutoff)
        while true {
            let old = try await backend.read { db in
                try await db.raw("""
                    SELECT tenant_id, id FROM events WHERE recorded_at < \(bind: time) LIMIT \(literal: batch)
                    """).all().map { (tenant: try $0.text("tenant_id"), id: try $0.text("id")) }
            }
            purge.events += try await deleteRows(of: "events", timeColumn: "recorded_at", reportColumn: "event_id", old, before: time)
            if old.count < batch { break }
        }
        while true {
            let old = try await backend.read { db in
                try await db.raw("""
                    SELECT tenant_id, id FROM raw_payloads WHERE received_at < \(bind: time) LIMIT \(literal: batch)
                    """).all().map { (tenant: try $0.text("tenant_id"), id: try $0.text("id")) }
            }
            purge.rawPayloads += try await deleteRows(of: "raw_payloads", timeColumn: "received_at", reportColumn: "raw_payload_id",
                                                       old, before: time)
            if old.count < batch { break }
        }
        return purge
    }

    /// Detaches and drops the partitions of months that end by `cutoff`; returns their names.
    private func dropPartitions(endingBy cutoff: Date) async throws -> [String] {
        var dropped: [String] = []
        for table in MonthlyPartitions.tables {
            let names = try await backend.read { db in
                try await db.raw("""
                    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = \(bind: table.name)::regclass
                    """).all().map { try $0.text("relname") }
            }
            let old = names.compactMap { name in MonthlyPartitions.Month(partitionName: name, of: table.name).map { (name, $0) } }
                .filter { $0.1.adding(1).startDate <= cutoff }.sorted { $0.1 < $1.1 }
            for (name, _) in old {
                try await backend.transaction { db in
                    try await db.raw("ALTER TABLE \(ident: table.name) DETACH PARTITION \(ident: name)").run()
                    try await db.raw("DROP TABLE \(ident: name)").run()
                }
                logger.info("partition dropped by retention", metadata: ["partition": "\(name)"])
                dropped.append(name)
            }
        }
        return dropped
    }

    /// Reports whose event or payload went with a dropped partition (no foreign key removes them).
    private func deleteReportsOfRemovedRows() async throws {
        try await backend.transaction { db in
            try await db.raw("""
                DELETE FROM event_reports r
                WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.tenant_id = r.tenant_id AND e.id = r.event_id)
                   OR NOT EXISTS (SELECT 1 FROM raw_payloads p WHERE p.tenant_id = r.tenant_id AND p.id = r.raw_payload_id)
                """).run()
        }
    }

    /// Deletes these rows (still older than `time`) and the reports naming them, in one transaction.
    private func deleteRows(of table: String, timeColumn: String, reportColumn: String,
                            _ rows: [(tenant: String, id: String)], before time: String) async throws -> Int {
        guard !rows.isEmpty else { return 0 }
        return try await backend.transaction { db in
            var deleted = 0
            for (tenant, group) in Dictionary(grouping: rows, by: { $0.tenant }) {
                let ids = group.map { $0.id }
                try await db.raw("""
                    DELETE FROM event_reports WHERE tenant_id = \(bind: tenant) AND \(ident: reportColumn) IN (\(binds: ids))
                    """).run()
                deleted += try await db.raw("""
                    DELETE FROM \(ident: table) WHERE tenant_id = \(bind: tenant) AND id IN (\(binds: ids))
                    AND \(ident: timeColumn) < \(bind: time) RETURNING id
                    """).all().count
            }
            return deleted
        }
    }
}
