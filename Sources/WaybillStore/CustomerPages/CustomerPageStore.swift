import Foundation
import WaybillCore

/// Branding, public tracking pages, order lookup and the support view (issue 5).
public protocol CustomerPageStore: Sendable {
    /// The shipment behind a public tracking token, of any tenant.
    func shipment(publicToken: String) async throws -> Shipment?
    /// Shipments with this tracking number (any carrier), in one tenant or, when nil, in all.
    func shipments(trackingNumber: String, tenantID: String?, limit: Int) async throws -> [Shipment]
    /// Orders with this merchant order id, in one tenant or, when nil, in all, each with its
    /// shipments: the caller checks the second factor before showing anything.
    func orderLookupCandidates(merchantOrderID: String, tenantID: String?) async throws -> [OrderWithShipments]

    /// A tenant's branding, nil when never configured.
    func branding(tenantID: String) async throws -> Branding?
    /// Replaces a tenant's branding; throws `StoreError.invalid` when another tenant claims the custom domain.
    @discardableResult func saveBranding(_ branding: Branding, tenantID: String, actor: String) async throws -> Branding
    /// The tenant whose branding claims this host name (lower case, no port).
    func tenantID(customDomain: String) async throws -> String?

    /// Shipments of a tenant matching an order number, a tracking number or a customer email
    /// (exact matches; email case-insensitive), newest first.
    func supportSearch(tenantID: String, text: String, limit: Int) async throws -> [Shipment]
    /// Shipments that need a person: exception, attempt failed, stale (no event for `staleAfter`),
    /// late (ETA passed, not delivered). Tracking-stopped and terminal shipments are left out of stale and late.
    func exceptionQueue(tenantID: String, staleAfter: TimeInterval, now: Date, limit: Int) async throws -> [ExceptionQueueItem]

    /// Stores a support console session (and forgets the expired ones).
    func createSupportSession(_ session: NewSupportSession) async throws
    /// The live API key behind an unexpired session; nil when the session is unknown, expired or
    /// ended, or its key was revoked.
    func supportSessionKey(idHash: String, now: Date) async throws -> APIKey?
    /// Ends a session; false when there was none.
    @discardableResult func deleteSupportSession(idHash: String) async throws -> Bool
}

/// A support console session: the hash of its random id (the cookie), the key that signed in.
public struct NewSupportSession: Sendable {
    public var idHash: String
    public var apiKeyID: String
    public var tenantID: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(idHash: String, apiKeyID: String, tenantID: String, createdAt: Date, expiresAt: Date) {
        self.idHash = idHash
        self.apiKeyID = apiKeyID
        self.tenantID = tenantID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

public struct OrderWithShipments: Sendable, Hashable {
    public var order: Order
    public var shipments: [Shipment]

    public init(order: Order, shipments: [Shipment]) {
        self.order = order
        self.shipments = shipments
    }
}

/// Why a shipment is in the exceptions queue (a shipment may be there for several reasons).
public enum ExceptionQueueReason: String, Sendable, Hashable, CaseIterable {
    case exception
    case attemptFailed = "attempt_failed"
    case stale
    case late
}

public struct ExceptionQueueItem: Sendable, Hashable {
    public var shipment: Shipment
    public var reasons: [ExceptionQueueReason]

    public init(shipment: Shipment, reasons: [ExceptionQueueReason]) {
        self.shipment = shipment
        self.reasons = reasons
    }
}
