import Foundation

/// How long a tenant keeps what it stores (`PUT /v1/retention`): personal data until N days after
/// a shipment's delivery or last event, events and raw payloads M days, the audit log at least as
/// long as the payloads. `WAYBILL_EVENT_RETENTION_DAYS`, when set, caps the payload days of every
/// tenant (the effective value is the smaller one).
public struct RetentionPolicy: Sendable, Equatable {
    public static let defaultPersonalDataDays = 90
    public static let defaultPayloadDays = 400
    public static let maximumDays = 36_500

    public var personalDataDays: Int
    public var payloadDays: Int
    public var auditLogDays: Int
    /// When the tenant last set it; nil for the defaults.
    public var updatedAt: Date?

    public init(personalDataDays: Int = Self.defaultPersonalDataDays, payloadDays: Int = Self.defaultPayloadDays,
                auditLogDays: Int? = nil, updatedAt: Date? = nil) {
        self.personalDataDays = personalDataDays
        self.payloadDays = payloadDays
        self.auditLogDays = auditLogDays ?? payloadDays
        self.updatedAt = updatedAt
    }

    /// The policy retention applies: payloads kept no longer than `payloadCapDays` (the
    /// installation's `WAYBILL_EVENT_RETENTION_DAYS`) when set; the audit log never shorter
    /// than the tenant's own payload days, so a cap never shortens the audit trail.
    public func effective(payloadCapDays: Int?) -> RetentionPolicy {
        var policy = self
        if let cap = payloadCapDays, cap > 0 { policy.payloadDays = min(payloadDays, cap) }
        policy.personalDataDays = min(personalDataDays, policy.payloadDays)
        return policy
    }
}

/// What one retention pass removed from one tenant (or, summed, from all).
public struct RetentionCounts: Sendable, Equatable {
    public var shipmentsErased = 0
    public var ordersErased = 0
    public var eventsAnonymized = 0
    public var notificationsDeleted = 0
    public var idempotencyKeysDeleted = 0
    public var eventsDeleted = 0
    public var rawPayloadsDeleted = 0
    public var auditEntriesDeleted = 0
    /// The audit purge was refused (PostgreSQL grants that keep the app role from deleting).
    public var auditPurgeRefused = false

    public init() {}

    public var isEmpty: Bool { self == RetentionCounts() }

    /// Rows per kind, as in the metric `waybill_retention_rows_purged_total{kind}` and the audit entry.
    public var byKind: [(kind: String, rows: Int)] {
        [("shipments_erased", shipmentsErased), ("orders_erased", ordersErased), ("events_anonymized", eventsAnonymized),
         ("notifications_deleted", notificationsDeleted), ("idempotency_keys_deleted", idempotencyKeysDeleted),
         ("events_deleted", eventsDeleted), ("raw_payloads_deleted", rawPayloadsDeleted),
         ("audit_entries_deleted", auditEntriesDeleted)]
    }

    public static func + (lhs: RetentionCounts, rhs: RetentionCounts) -> RetentionCounts {
        var sum = lhs
        sum.shipmentsErased += rhs.shipmentsErased
        sum.ordersErased += rhs.ordersErased
        sum.eventsAnonymized += rhs.eventsAnonymized
        sum.notificationsDeleted += rhs.notificationsDeleted
        sum.idempotencyKeysDeleted += rhs.idempotencyKeysDeleted
        sum.eventsDeleted += rhs.eventsDeleted
        sum.rawPayloadsDeleted += rhs.rawPayloadsDeleted
        sum.auditEntriesDeleted += rhs.auditEntriesDeleted
        sum.auditPurgeRefused = lhs.auditPurgeRefused || rhs.auditPurgeRefused
        return sum
    }
}

/// Whose data a data-subject request erases: an email (matched case-insensitively) or a phone
/// number (matched ignoring spaces, hyphens, dots and parentheses).
public enum DataSubject: Sendable, Equatable {
    case email(String)
    case phone(String)

    /// The value as matched: an email lowercased and trimmed, a phone without separators.
    public var normalized: String {
        switch self {
        case .email(let email): email.trimmingCharacters(in: .whitespaces).lowercased()
        case .phone(let phone): Self.normalizedPhone(phone)
        }
    }

    static func normalizedPhone(_ phone: String) -> String {
        String(phone.filter { !" -.()\t".contains($0) })
    }
}

/// What a data-subject request erased.
public struct CustomerErasure: Sendable, Equatable {
    public var shipments = 0
    public var orders = 0
    public var eventsAnonymized = 0
    /// The person's shipments' raw payloads that reported nobody else's shipments.
    public var rawPayloadsDeleted = 0
    /// Payloads that also report other shipments (a file, a batch): kept, so the others' truth stays.
    public var rawPayloadsKept = 0
    public var notifications = 0
    public var idempotencyKeys = 0

    public init() {}
}

/// What `waybill tenants erase` removed: rows per table.
public struct TenantErasure: Sendable, Equatable {
    public var rowsByTable: [String: Int] = [:]
    public init() {}
}

/// Retention policies, the retention pass, data-subject requests and tenant erasure.
public protocol RetentionStore: Sendable {
    /// The tenant's policy (the defaults when it never set one).
    func retentionPolicy(tenantID: String) async throws -> RetentionPolicy
    /// Saves the tenant's policy and audits `retention.updated`.
    func setRetentionPolicy(_ policy: RetentionPolicy, tenantID: String, actor: String) async throws -> RetentionPolicy
    /// One retention pass over one tenant at `now`, in batches of `batch` rows; audits
    /// `retention.purged` with the counts when it removed anything.
    func runRetention(tenantID: String, now: Date, payloadCapDays: Int?, batch: Int) async throws -> RetentionCounts
    /// Erases one person's data across the tenant's orders and shipments (a data-subject request);
    /// audits `customer.erased` with a SHA-256 of the normalized email or phone.
    func eraseCustomer(_ subject: DataSubject, tenantID: String, actor: String) async throws -> CustomerErasure
    /// Removes every row of the tenant, the tenant itself last.
    func eraseTenant(id: String, batch: Int) async throws -> TenantErasure
}
