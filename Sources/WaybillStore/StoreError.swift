/// What went wrong in the store, with enough context to act on.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The thing asked for does not exist in this tenant.
    case notFound(kind: String, id: String)
    /// The input is not acceptable.
    case invalid(String)
    /// The request contradicts the current state (e.g. rotating a key that was already rotated).
    case conflict(String)
    case invalidConfiguration(String)
    /// A stored row does not decode: the database holds something this build cannot read.
    case corrupt(String)
    /// The schema is older than this build expects.
    case migrationsPending(applied: Int, expected: Int)

    public var description: String {
        switch self {
        case .notFound(let kind, let id): "\(kind) \(id) not found"
        case .invalid(let message), .conflict(let message), .invalidConfiguration(let message), .corrupt(let message): message
        case .migrationsPending(let applied, let expected):
            "database schema is at version \(applied), this build needs \(expected): run `waybill migrate`"
        }
    }
}
