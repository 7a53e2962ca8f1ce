import PostgresNIO

extension StoreError {
    /// Whether `error` is PostgreSQL ending a transaction because it conflicted with a concurrent
    /// one: a deadlock (40P01) or a serialization failure (40001). Nothing was written and nothing
    /// is wrong with the data; the same transaction run again succeeds.
    public static func isTransientConflict(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            guard let state = error.serverInfo?[.sqlState] else { return false }
            return state == "40P01" || state == "40001"
        case let error as PostgresTransactionError:
            return [error.closureError, error.commitError].contains { $0.map(isTransientConflict) ?? false }
        default:
            return false
        }
    }
}
