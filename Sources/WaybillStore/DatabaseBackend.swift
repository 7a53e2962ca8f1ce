import SQLKit

/// A database engine: hands out an `SQLDatabase` for a read or for a transaction.
protocol DatabaseBackend: Sendable {
    var dialect: StoreDialect { get }
    /// Runs `body` outside an explicit transaction.
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Keeps the engine's connections alive until the task is cancelled.
    func run() async
    func shutdown() async
}

/// A first-come, first-served lock for async code (an actor alone is re-entrant across awaits,
/// which would let two transactions interleave on one SQLite connection).
actor AsyncLock {
    private var isLocked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if !isLocked {
            isLocked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            isLocked = false
        } else {
            waiters.removeFirst().resume()
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
