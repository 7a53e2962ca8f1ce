import SQLKit

/// A database engine: hands out an `SQLDatabase` for a read or for a transaction.
protocol DatabaseBackend: Sendable {
    var dialect: StoreDialect { get }
    /// Runs `body` outside an explicit transaction.
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// As `transaction`, but an engine with a single writer lets `.urgent` work go before queued
    /// `.normal` work (webhook acknowledgements before parsing).
    func transaction<T: Sendable>(priority: WritePriority, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// As `transaction`, with foreign keys not enforced per statement (SQLite), for a migration
    /// that rebuilds tables; the caller checks them before it returns (`SQLStore.migrate`).
    func transactionWithoutForeignKeys<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Where webhook receives are written on an engine whose commits are serialized (nil: each
    /// receive is its own transaction in the main database).
    var inbox: SQLiteInbox? { get }
    /// Keeps the engine's connections alive until the task is cancelled.
    func run() async
    func shutdown() async
}

extension DatabaseBackend {
    func transaction<T: Sendable>(priority: WritePriority, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(body)
    }

    var inbox: SQLiteInbox? { nil }

    func transactionWithoutForeignKeys<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(body)
    }
}

/// Which queue a write waits in when the engine has one writer.
enum WritePriority: Sendable {
    /// Someone is waiting on the answer (a webhook acknowledgement).
    case urgent
    case normal
}

/// A lock for async code, first come first served within a priority (an actor alone is
/// re-entrant across awaits, which would let two transactions interleave on one SQLite
/// connection). `.urgent` waiters go before `.normal` ones; urgent work is short and grouped
/// (see `GroupCommitQueue`), so normal work still gets every other turn under load.
actor AsyncLock {
    private var isLocked = false
    private var urgent: [CheckedContinuation<Void, Never>] = []
    private var normal: [CheckedContinuation<Void, Never>] = []

    func withLock<T: Sendable>(priority: WritePriority = .normal, _ body: @Sendable () async throws -> T) async throws -> T {
        await acquire(priority)
        defer { release() }
        return try await body()
    }

    private func acquire(_ priority: WritePriority) async {
        if !isLocked {
            isLocked = true
            return
        }
        await withCheckedContinuation { continuation in
            switch priority {
            case .urgent: urgent.append(continuation)
            case .normal: normal.append(continuation)
            }
        }
    }

    private func release() {
        if !urgent.isEmpty {
            urgent.removeFirst().resume()
        } else if !normal.isEmpty {
            normal.removeFirst().resume()
        } else {
            isLocked = false
        }
    }
}

import Metrics

/// Records how long database work takes, as `waybill_db_duration_seconds{operation=read|transaction}`.
enum DatabaseTimer {
    static func measure<T>(_ operation: String, _ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        defer {
            Timer(label: "waybill_db_duration_seconds", dimensions: [("operation", operation)])
                .recordInterval(since: start)
        }
        return try await body()
    }
}

extension Metrics.Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
