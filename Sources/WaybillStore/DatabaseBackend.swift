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
