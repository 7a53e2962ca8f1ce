import Foundation
import SQLKit
import WaybillCore

/// The durable job table: later work (polling, deliveries) is queued here and leased to workers.
extension SQLStore {
    public func enqueue(_ job: NewJob) async throws -> String {
        let id = Identifier.make(.job)
        let now = Column.time(Date())
        try await backend.transaction { db in
            try await db.raw("""
                INSERT INTO jobs (id, tenant_id, kind, payload, state, run_at, attempts, max_attempts, created_at, updated_at)
                VALUES (\(bind: id), \(bind: job.tenantID), \(bind: job.kind), \(bind: job.payload),
                        \(bind: Job.State.queued.rawValue), \(bind: Column.time(job.runAt)), \(bind: 0),
                        \(bind: max(1, job.maxAttempts)), \(bind: now), \(bind: now))
                """).run()
        }
        return id
    }

    public func claimJobs(kinds: [String], limit: Int, owner: String, leaseDuration: Duration, now: Date) async throws -> [Job] {
        guard !kinds.isEmpty, limit > 0 else { return [] }
        let nowText = Column.time(now)
        let leaseSeconds = leaseDuration.timeInterval
        let expires = Column.time(now.addingTimeInterval(leaseSeconds))
        let silent = silentInstances(now: now)
        let instance = instanceID
        return try await backend.transaction { db in
            let due = try await db.raw("""
                SELECT id FROM jobs
                WHERE kind IN (\(binds: kinds)) AND (
                    (state = 'queued' AND run_at <= \(bind: nowText))
                    OR (state = 'running' AND lease_expires_at < \(bind: nowText))
                    OR (state = 'running' AND lease_instance IN (\(silent))))
                ORDER BY run_at, id LIMIT \(literal: limit)\(unsafeRaw: self.dialect.skipLocked)
                """).all()
            let ids = try due.map { try $0.text("id") }
            guard !ids.isEmpty else { return [] }
            try await db.raw("""
                UPDATE jobs SET state = 'running', lease_owner = \(bind: owner), lease_expires_at = \(bind: expires),
                    lease_instance = \(bind: instance), attempts = attempts + 1, updated_at = \(bind: nowText)
                WHERE id IN (\(binds: ids))
                """).run()
            return try await db.raw("SELECT * FROM jobs WHERE id IN (\(binds: ids)) ORDER BY run_at, id").all().map(Self.job)
        }
    }

    @discardableResult
    public func purgeFinishedJobs(finishedBefore cutoff: Date, limit: Int) async throws -> Int {
        guard limit > 0 else { return 0 }
        return try await backend.transaction { db in
            try await db.raw("""
                DELETE FROM jobs WHERE id IN (
                    SELECT id FROM jobs WHERE state = 'done' AND updated_at < \(bind: Column.time(cutoff)) LIMIT \(literal: limit))
                RETURNING id
                """).all().count
        }
    }

    public func completeJob(id: String, owner: String) async throws {
        try await backend.transaction { db in
            try await db.raw("""
                UPDATE jobs SET state = 'done', lease_owner = NULL, lease_expires_at = NULL, updated_at = \(bind: Column.time(Date()))
                WHERE id = \(bind: id) AND lease_owner = \(bind: owner) AND state = 'running'
                """).run()
        }
    }

    public func failJob(id: String, owner: String, error: String, retryAt: Date) async throws {
        try await backend.transaction { db in
            guard let row = try await db.raw("""
                SELECT attempts, max_attempts FROM jobs WHERE id = \(bind: id) AND lease_owner = \(bind: owner) AND state = 'running'
                """).first() else { return }
            let exhausted = try row.int("attempts") >= row.int("max_attempts")
            try await db.raw("""
                UPDATE jobs SET state = \(bind: exhausted ? Job.State.failed.rawValue : Job.State.queued.rawValue),
                    run_at = \(bind: Column.time(retryAt)), lease_owner = NULL, lease_expires_at = NULL,
                    last_error = \(bind: String(error.prefix(2000))), updated_at = \(bind: Column.time(Date()))
                WHERE id = \(bind: id)
                """).run()
        }
    }

    public func requeueJob(id: String, owner: String, retryAt: Date) async throws {
        try await backend.transaction { db in
            try await db.raw("""
                UPDATE jobs SET state = \(bind: Job.State.queued.rawValue), run_at = \(bind: Column.time(retryAt)),
                    attempts = attempts - 1, lease_owner = NULL, lease_expires_at = NULL, updated_at = \(bind: Column.time(Date()))
                WHERE id = \(bind: id) AND lease_owner = \(bind: owner) AND state = 'running'
                """).run()
        }
    }

    public func job(id: String) async throws -> Job? {
        try await backend.read { db in
            try await db.raw("SELECT * FROM jobs WHERE id = \(bind: id)").first().map(Self.job)
        }
    }

    static func job(_ row: any SQLRow) throws -> Job {
        Job(id: try row.text("id"), kind: try row.text("kind"), payload: try row.text("payload"),
            tenantID: try row.optionalText("tenant_id"), state: try row.enumValue("state", as: Job.State.self),
            runAt: try row.date("run_at"), attempts: try row.int("attempts"), maxAttempts: try row.int("max_attempts"),
            leaseOwner: try row.optionalText("lease_owner"), leaseExpiresAt: try row.optionalDate("lease_expires_at"),
            lastError: try row.optionalText("last_error"))
    }
}
