import PostgresNIO

/// What a log line or a job's last error says about an error. PostgresNIO's errors describe
/// themselves as "Generic description to prevent accidental leakage..."; this gives their
/// SQLSTATE and server message instead (never the query or its bound values, never the
/// `detail` field, which quotes row values).
public enum ErrorText {
    public static func of(_ error: any Error) -> String {
        switch error {
        case let error as PSQLError:
            if let info = error.serverInfo {
                return "PostgreSQL \(info[.sqlState] ?? "?"): \(info[.message] ?? "no message")"
            }
            return "PostgreSQL \(error.code)" + (error.underlying.map { ": \(of($0))" } ?? "")
        case let error as PostgresTransactionError:
            let parts = [("begin", error.beginError), ("body", error.closureError), ("commit", error.commitError),
                         ("rollback", error.rollbackError)]
            return "PostgreSQL transaction: " + parts.compactMap { name, error in error.map { "\(name): \(of($0))" } }.joined(separator: "; ")
        case let error as PostgresDecodingError:
            return "PostgreSQL could not decode column \(error.columnName) as \(error.targetType)"
        default:
            return "\(error)"
        }
    }

    /// Whether PostgreSQL ended the transaction to break a deadlock (SQLSTATE 40P01).
    public static func isDeadlock(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            return error.serverInfo?[.sqlState] == "40P01"
        case let error as PostgresTransactionError:
            return [error.closureError, error.commitError].contains { $0.map(isDeadlock) ?? false }
        default:
            return false
        }
    }

    /// Whether PostgreSQL refused the statement for want of a privilege (SQLSTATE 42501), e.g. a
    /// DELETE on `audit_log` under the grants of docs/security.md.
    public static func isPermissionDenied(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            return error.serverInfo?[.sqlState] == "42501"
        case let error as PostgresTransactionError:
            return [error.closureError, error.commitError].contains { $0.map(isPermissionDenied) ?? false }
        default:
            return false
        }
    }
}
