import Foundation

public struct Tenant: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var createdAt: Date

    public init(id: String, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}

/// What an API key may do within its tenant.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Everything in its tenant.
    case admin
    /// Registers shipments, orders and events, stops tracking, reads shipments, orders and events.
    case integration
    /// Reads shipments, orders, events and raw payloads.
    case support
    /// Reads shipments and events.
    case viewer

    public func allows(_ permission: Permission) -> Bool {
        switch (self, permission) {
        case (.admin, _): true
        case (.integration, .readShipments), (.integration, .writeShipments), (.integration, .readOrders): true
        case (.support, .readShipments), (.support, .readOrders), (.support, .readRawPayloads): true
        case (.viewer, .readShipments): true
        default: false
        }
    }

    /// Whether this role may hand out `other` (to a new key or OAuth client): only when it holds
    /// every permission `other` holds, so no credential ever creates a stronger one.
    public func includes(_ other: Role) -> Bool {
        Permission.allCases.allSatisfy { !other.allows($0) || allows($0) }
    }
}

public enum Permission: String, Sendable, CaseIterable {
    case readShipments = "shipments:read"
    case writeShipments = "shipments:write"
    case readOrders = "orders:read"
    case readRawPayloads = "raw_payloads:read"
    case manageTenant = "tenant:manage"
}

public struct APIKey: Sendable, Hashable {
    public var id: String
    public var tenantID: String
    /// The first characters of the key, shown in listings; never enough to use it.
    public var prefix: String
    public var role: Role
    public var createdAt: Date
    public var revokedAt: Date?
    /// This key's own request rate limit; nil: the installation's default.
    public var rateLimit: RequestRateLimit?
    /// What the key is for, as its owner named it.
    public var name: String?
    /// When the key stops working (its own expiry, or the end of a rotation's overlap); nil: never.
    public var expiresAt: Date?
    /// The last request it authenticated, to the minute (see `lastUseResolution`).
    public var lastUsedAt: Date?
    /// The key that replaced it when it was rotated.
    public var replacedByID: String?

    /// `lastUsedAt` is written at most this often per key, so that using a key costs no write per request.
    public static let lastUseResolution: TimeInterval = 60

    public init(id: String, tenantID: String, prefix: String, role: Role, createdAt: Date, revokedAt: Date?,
                rateLimit: RequestRateLimit? = nil, name: String? = nil, expiresAt: Date? = nil, lastUsedAt: Date? = nil,
                replacedByID: String? = nil) {
        self.id = id
        self.tenantID = tenantID
        self.prefix = prefix
        self.role = role
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.rateLimit = rateLimit
        self.name = name
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.replacedByID = replacedByID
    }

    /// Whether the key authenticates requests at `date`: not revoked and not expired.
    public func isLive(at date: Date) -> Bool {
        revokedAt == nil && expiresAt.map { date < $0 } ?? true
    }

    /// `active`, `rotating` (replaced, working until its overlap ends), `expired` or `revoked`.
    public enum Status: String, Sendable {
        case active, rotating, expired, revoked
    }

    public func status(at date: Date) -> Status {
        if revokedAt != nil { return .revoked }
        if !isLive(at: date) { return .expired }
        return replacedByID == nil ? .active : .rotating
    }

    /// Whether a request at `date` should record itself as the key's last use.
    public func needsLastUseRecorded(at date: Date) -> Bool {
        lastUsedAt.map { date.timeIntervalSince($0) >= Self.lastUseResolution } ?? true
    }
}

/// A token bucket: `perSecond` requests a second on average, `burst` at once.
public struct RequestRateLimit: Sendable, Hashable, CustomStringConvertible {
    public var perSecond: Double
    public var burst: Int

    /// `burst` nil: twice the rate (at least one request).
    public init(perSecond: Double, burst: Int? = nil) {
        self.perSecond = perSecond
        self.burst = burst ?? max(1, Int((perSecond * 2).rounded(.up)))
    }

    public var description: String { "\(perSecond.formatted(.number.grouping(.never))) requests/s, burst \(burst)" }
}

/// The end customer of a shipment or order: only what tracking needs.
public struct Customer: Sendable, Hashable, Codable {
    public var email: String?
    public var phone: String?
    public var postalCode: String?
    /// BCP 47, e.g. `fr-FR`.
    public var locale: String?
    /// IANA zone, e.g. `Europe/Paris`.
    public var timeZone: String?

    public init(email: String? = nil, phone: String? = nil, postalCode: String? = nil, locale: String? = nil, timeZone: String? = nil) {
        self.email = email
        self.phone = phone
        self.postalCode = postalCode
        self.locale = locale
        self.timeZone = timeZone
    }

    public var isEmpty: Bool { email == nil && phone == nil && postalCode == nil && locale == nil && timeZone == nil }
}

public struct LineItem: Sendable, Hashable, Codable {
    public var sku: String?
    public var name: String?
    public var quantity: Int?

    public init(sku: String? = nil, name: String? = nil, quantity: Int? = nil) {
        self.sku = sku
        self.name = name
        self.quantity = quantity
    }
}

public struct Order: Sendable, Hashable {
    public var id: String
    public var tenantID: String
    /// The merchant's own order number.
    public var merchantOrderID: String
    public var customer: Customer
    public var lineItems: [LineItem]
    public var metadata: [String: String]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, tenantID: String, merchantOrderID: String, customer: Customer, lineItems: [LineItem],
        metadata: [String: String], createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.tenantID = tenantID
        self.merchantOrderID = merchantOrderID
        self.customer = customer
        self.lineItems = lineItems
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// When the parcel should arrive: a date or a window, from the carrier or estimated by Waybill.
public struct DeliveryEstimate: Sendable, Hashable {
    public enum Source: String, Sendable, Codable { case carrier, waybill }
    public var earliest: Date?
    public var latest: Date?
    public var source: Source

    public init(earliest: Date?, latest: Date?, source: Source) {
        self.earliest = earliest
        self.latest = latest
        self.source = source
    }
}

public struct Shipment: Sendable, Hashable {
    public var id: String
    public var tenantID: String
    public var orderID: String?
    public var trackingNumber: String
    /// Carrier code (`ups`, `dhl`, ...); empty when not known yet.
    public var carrier: String
    public var service: String?
    public var status: ShipmentStatus
    public var substatus: Substatus?
    public var estimatedDelivery: DeliveryEstimate?
    public var deliveredAt: Date?
    public var signedBy: String?
    public var lastEventID: String?
    public var lastEventAt: Date?
    /// The unguessable token of the public tracking page `/t/{token}`.
    public var publicToken: String
    public var customer: Customer
    public var metadata: [String: String]
    public var createdAt: Date
    public var updatedAt: Date
    /// Set when the merchant stopped tracking; the history stays.
    public var trackingStoppedAt: Date?
    /// Freshness: when a poller last asked the carrier, and when it will next (nil: not polled).
    public var lastCheckedAt: Date?
    public var nextCheckAt: Date?
    /// Freshness: how the latest event arrived, and when it was stored.
    public var lastEventSource: EventSource?
    public var lastEventRecordedAt: Date?

    public init(
        id: String, tenantID: String, orderID: String?, trackingNumber: String, carrier: String, service: String?,
        status: ShipmentStatus, substatus: Substatus?, estimatedDelivery: DeliveryEstimate?, deliveredAt: Date?,
        signedBy: String?, lastEventID: String?, lastEventAt: Date?, publicToken: String, customer: Customer,
        metadata: [String: String], createdAt: Date, updatedAt: Date, trackingStoppedAt: Date?,
        lastCheckedAt: Date? = nil, nextCheckAt: Date? = nil, lastEventSource: EventSource? = nil, lastEventRecordedAt: Date? = nil
    ) {
        self.lastCheckedAt = lastCheckedAt
        self.nextCheckAt = nextCheckAt
        self.lastEventSource = lastEventSource
        self.lastEventRecordedAt = lastEventRecordedAt
        self.id = id
        self.tenantID = tenantID
        self.orderID = orderID
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.service = service
        self.status = status
        self.substatus = substatus
        self.estimatedDelivery = estimatedDelivery
        self.deliveredAt = deliveredAt
        self.signedBy = signedBy
        self.lastEventID = lastEventID
        self.lastEventAt = lastEventAt
        self.publicToken = publicToken
        self.customer = customer
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.trackingStoppedAt = trackingStoppedAt
    }
}

public enum RawPayloadStatus: String, Sendable, Codable {
    /// Stored, not parsed yet.
    case received
    case parsed
    case failed
}

/// A payload exactly as it reached Waybill.
public struct RawPayload: Sendable, Hashable {
    public var id: String
    public var tenantID: String
    public var source: EventSource
    public var carrier: String?
    public var contentType: String
    public var body: Data
    /// Lower-case hex SHA-256 of `body`.
    public var sha256: String
    public var receivedAt: Date
    public var status: RawPayloadStatus
    public var error: String?

    public init(
        id: String, tenantID: String, source: EventSource, carrier: String?, contentType: String, body: Data,
        sha256: String, receivedAt: Date, status: RawPayloadStatus, error: String?
    ) {
        self.id = id
        self.tenantID = tenantID
        self.source = source
        self.carrier = carrier
        self.contentType = contentType
        self.body = body
        self.sha256 = sha256
        self.receivedAt = receivedAt
        self.status = status
        self.error = error
    }
}
