import Foundation
import WaybillCore

/// Everything Waybill keeps. Only this module writes SQL; everything else talks to this protocol.
/// Every method that takes a tenant id reads and writes that tenant's rows only.
public protocol Store: CustomerPageStore, NotificationStore, ChannelStore, PollingStore, ImportStore, RoutingStore, SubscriptionStore,
                       OAuthClientStore, RetentionStore {
    var engine: StoreDialect.Engine { get }

    // MARK: Schema and health
    /// Applies pending migrations; returns the versions applied now.
    @discardableResult func migrate() async throws -> [Int]
    func schemaVersion() async throws -> Int
    /// Seals the webhook secrets stored in plain text (before a key was configured) with the
    /// installation's key; returns how many were sealed (none without a key).
    @discardableResult func sealStoredWebhookSecrets() async throws -> Int
    /// One sealed secret of each kind stored (see `SealedSecretSample`), to check a key against.
    func sealedSecretSamples(channelContext: @Sendable (_ kind: String, _ tenantID: String) -> String) async throws -> [SealedSecretSample]
    /// Throws unless the database answers and every migration is applied.
    func checkReady() async throws

    // MARK: Tenants and API keys
    func tenant(named name: String) async throws -> Tenant?
    /// Every tenant, by name.
    func tenants() async throws -> [Tenant]
    /// Returns the tenant with that name, creating it first when there is none.
    func ensureTenant(named name: String) async throws -> Tenant
    func createAPIKey(_ key: NewAPIKey) async throws -> APIKey
    /// The key with this secret hash unless revoked; it may have expired (see `APIKey.isLive(at:)`).
    func apiKey(secretHash: String) async throws -> APIKey?
    func apiKeys(tenantID: String?) async throws -> [APIKey]
    /// Sets the key's `last_used_at` (callers write it at most once per `APIKey.lastUseResolution`).
    func recordAPIKeyUse(id: String, tenantID: String, at date: Date) async throws
    /// Creates the key's successor (same tenant, role, limit, name and lifetime) and lets the old key
    /// work until the overlap ends (or its own expiry, when sooner). Audited.
    func rotateAPIKey(_ rotation: APIKeyRotation) async throws -> (new: APIKey, previous: APIKey)
    /// Revokes a key of `tenantID` (any tenant when nil); false if there is no such unrevoked key. Audited.
    func revokeAPIKey(id: String, tenantID: String?, actor: String) async throws -> Bool

    // MARK: Orders
    /// Creates the order, or returns the existing one with that merchant order id (`created` false).
    func createOrder(_ order: NewOrder) async throws -> (order: Order, created: Bool)
    /// By Waybill id (`ord_...`) or, failing that, by the merchant's order id.
    func order(_ idOrMerchantID: String, tenantID: String) async throws -> Order?

    // MARK: Shipments
    /// Registers a shipment, or returns the existing one with the same tracking number and carrier (see
    /// `NewShipment.matchesAnyCarrier` and `orderChange`). An existing shipment without a carrier takes the
    /// carrier a registration names. Throws `ShipmentOrderConflict` when `orderChange` is `.refuse` and the
    /// existing shipment belongs to another order.
    func registerShipment(_ shipment: NewShipment) async throws -> (shipment: Shipment, created: Bool)
    func shipment(id: String, tenantID: String) async throws -> Shipment?
    func shipments(_ query: ShipmentQuery) async throws -> Page<Shipment>
    func shipments(orderRef: String, tenantID: String) async throws -> [Shipment]
    /// Stops tracking; the shipment, its events and its raw payloads stay.
    func stopTracking(shipmentID: String, tenantID: String, actor: String) async throws -> Shipment

    // MARK: Events and raw payloads
    /// Runs `body` in one write transaction, committed if it returns and rolled back if it
    /// throws: the data path (`IngestPipeline`) appends events and runs its observers in it.
    func transaction<T: Sendable>(_ body: @Sendable (StoreTransaction) async throws -> T) async throws -> T
    /// The raw payloads with these ids, of any tenant, by id (one query for a claimed batch).
    func rawPayloads(ids: [String]) async throws -> [String: RawPayload]
    /// The merchant order id of each of these shipments that has one.
    func merchantOrders(of shipmentIDs: Set<String>) async throws -> [String: String]
    /// Events of a shipment, oldest first; with `includingSuperseded`, also the untrusted feed's
    /// copies of trusted events (the support view shows them beside the ones they repeat).
    func events(shipmentID: String, tenantID: String, includingSuperseded: Bool) async throws -> [StoredEvent]
    /// The tenant's events flagged `unmapped` (neither code table nor text classified them),
    /// grouped by carrier and code with their texts, most frequent first.
    func unmappedCodes(tenantID: String) async throws -> [UnmappedCode]
    func rawPayload(id: String, tenantID: String) async throws -> RawPayload?

    // MARK: Inbound webhooks and received payloads
    func createWebhookEndpoint(tenantID: String, carrier: String, actor: String) async throws -> WebhookEndpoint
    func webhookEndpoints(tenantID: String) async throws -> [WebhookEndpoint]
    /// A live endpoint by id, of any tenant (an incoming webhook names only the endpoint).
    func webhookEndpoint(id: String) async throws -> WebhookEndpoint?
    func rotateWebhookSecret(id: String, tenantID: String, actor: String) async throws -> WebhookEndpoint
    func deleteWebhookEndpoint(id: String, tenantID: String, actor: String) async throws
    /// Stores a raw payload as received (once per identical body) and, if it is new, queues a
    /// job of `parseJobKind` to parse it, in one transaction: once this returns it is durable.
    func receive(_ raw: NewRawPayload, tenantID: String, parseJobKind: String) async throws -> (rawPayloadID: String, isNew: Bool)
    /// Moves webhook bodies acknowledged into the SQLite inbox into `raw_payloads`, each new one
    /// with its parse job (nothing to do on PostgreSQL, where receives commit there directly).
    func moveInbox() async throws
    func rawPayloads(tenantID: String, status: RawPayloadStatus?, cursor: String?, limit: Int) async throws -> Page<RawPayload>
    func markRawPayloadFailed(id: String, tenantID: String, reason: String) async throws
    /// Parses a failed payload again: back to `received` with a new parse job, audited. Nil when
    /// the tenant has no such payload.
    func retryRawPayload(id: String, tenantID: String, parseJobKind: String, actor: String) async throws -> RawPayloadRetry?

    // MARK: Jobs
    @discardableResult func enqueue(_ job: NewJob) async throws -> String
    /// Leases up to `limit` due jobs of these kinds to `owner`; a job whose lease expired, or
    /// whose instance has not been seen for `SQLStore.instanceSilence`, is due again.
    func claimJobs(kinds: [String], limit: Int, owner: String, leaseDuration: Duration, now: Date) async throws -> [Job]
    /// Deletes up to `limit` jobs that were done before `cutoff` (failed ones stay); returns how many.
    @discardableResult func purgeFinishedJobs(finishedBefore cutoff: Date, limit: Int) async throws -> Int
    func completeJob(id: String, owner: String) async throws

    // MARK: Partitions and retention of events (see `Partitions/`)
    /// Creates this month's partitions of events and raw payloads and the next few (PostgreSQL).
    func preparePartitions(now: Date) async throws
    /// Removes the events recorded and raw payloads received before `cutoff`: whole monthly
    /// partitions on PostgreSQL, then rows in batches of `limit`.
    @discardableResult func purgeEvents(before cutoff: Date, limit: Int) async throws -> EventPurge
    /// Records a failed attempt: retried at `retryAt`, or failed for good after `max_attempts`.
    func failJob(id: String, owner: String, error: String, retryAt: Date) async throws
    /// Puts a job `owner` holds back in the queue, due at `retryAt`, without counting its attempt
    /// (it lost a lock conflict to another transaction: nothing is wrong with it).
    func requeueJob(id: String, owner: String, retryAt: Date) async throws
    func job(id: String) async throws -> Job?

    // MARK: Instances (see `SQLStore+Instances.swift`)
    /// Records this instance as running; on SQLite the previous processes' claims are void from now.
    func registerInstance(now: Date) async throws
    /// Refreshes this instance's last-seen time.
    func heartbeat(now: Date) async throws
    /// Marks this instance as gone, so its claimed jobs are free at once.
    func retireInstance() async throws

    // MARK: Idempotency and audit
    func idempotentResponse(tenantID: String, key: String) async throws -> StoredResponse?
    func saveIdempotentResponse(tenantID: String, key: String, response: StoredResponse) async throws
    func auditTrail(tenantID: String, subjectID: String) async throws -> [AuditEntry]
    /// A page of the tenant's audit log in chain order, filtered.
    func auditLog(_ query: AuditLogQuery) async throws -> [AuditEntry]
    /// Appends one entry to the tenant's chain.
    func recordAudit(_ entry: NewAuditRecord) async throws
    /// Walks the tenant's chain and names the first entry that does not check out (and, given an
    /// anchor, that the anchored entry still has its hash).
    func verifyAuditChain(tenantID: String, anchor: AuditAnchor?) async throws -> AuditVerification
    /// Records the tenant's current head in the log (an `audit.anchored` entry) and returns it;
    /// nil when the tenant has no entries.
    func anchorAuditChain(tenantID: String, actor: String) async throws -> AuditAnchor?

    /// Keeps connections alive until cancelled (PostgreSQL's pool needs it running).
    func run() async
    func shutdown() async
}

public struct NewAPIKey: Sendable {
    public var tenantID: String
    public var prefix: String
    public var secretHash: String
    public var role: Role
    /// Nil: the installation's default limit applies.
    public var rateLimit: RequestRateLimit?
    public var name: String?
    public var expiresAt: Date?
    /// Who creates it, for the audit log (`cli`, `api_key:ID`).
    public var actor: String

    public init(tenantID: String, prefix: String, secretHash: String, role: Role, rateLimit: RequestRateLimit? = nil,
                name: String? = nil, expiresAt: Date? = nil, actor: String = "cli") {
        self.tenantID = tenantID
        self.prefix = prefix
        self.secretHash = secretHash
        self.role = role
        self.rateLimit = rateLimit
        self.name = name
        self.expiresAt = expiresAt
        self.actor = actor
    }
}

public struct APIKeyRotation: Sendable {
    public var id: String
    /// Nil: the key may belong to any tenant (the CLI).
    public var tenantID: String?
    /// The successor's secret.
    public var material: APIKeyMaterial
    /// How long the old key keeps working.
    public var overlap: TimeInterval
    public var actor: String
    public var at: Date

    public static let defaultOverlap: TimeInterval = 24 * 3600
    public static let maxOverlap: TimeInterval = 30 * 86_400

    /// An overlap as written (`24h`, `0s` to stop the old key now), at most `maxOverlap`.
    public static func overlap(_ text: String) throws(DurationText.ParseError) -> TimeInterval {
        let trimmed = text.trimmed
        if trimmed == "0" || trimmed == "0s" { return 0 }
        let seconds = try DurationText.seconds(trimmed)
        guard seconds <= maxOverlap else { throw .invalid(text, "an overlap is at most 30d") }
        return seconds
    }

    public init(id: String, tenantID: String?, material: APIKeyMaterial, overlap: TimeInterval, actor: String, at: Date = Date()) {
        self.id = id
        self.tenantID = tenantID
        self.material = material
        self.overlap = overlap
        self.actor = actor
        self.at = at
    }
}

public struct NewOrder: Sendable {
    public var tenantID: String
    public var merchantOrderID: String
    public var customer: Customer
    public var lineItems: [LineItem]
    public var metadata: [String: String]
    public var actor: String

    public init(tenantID: String, merchantOrderID: String, customer: Customer = Customer(), lineItems: [LineItem] = [],
                metadata: [String: String] = [:], actor: String) {
        self.tenantID = tenantID
        self.merchantOrderID = merchantOrderID
        self.customer = customer
        self.lineItems = lineItems
        self.metadata = metadata
        self.actor = actor
    }
}

public struct NewShipment: Sendable {
    public var tenantID: String
    public var trackingNumber: String
    /// Empty when the carrier is not known yet.
    public var carrier: String
    public var service: String?
    /// The merchant's order id; the order is created when it does not exist yet.
    public var merchantOrderID: String?
    public var customer: Customer
    public var metadata: [String: String]
    public var actor: String
    /// The caller named no carrier: an existing shipment with this number is the one, whatever its carrier
    /// (the one with `carrier`, if any, else one without a carrier, else the oldest).
    public var matchesAnyCarrier: Bool
    /// What to do when the existing shipment belongs to another order than `merchantOrderID`.
    public var orderChange: OrderChange

    public enum OrderChange: Sendable {
        /// Keep the existing shipment's order (carrier data that names no order).
        case ignore
        /// Throw `ShipmentOrderConflict`; a shipment without an order is attached to the new one.
        case refuse
        /// Move the shipment to the new order (the audit log records the move).
        case reassign
    }

    public init(tenantID: String, trackingNumber: String, carrier: String = "", service: String? = nil,
                merchantOrderID: String? = nil, customer: Customer = Customer(), metadata: [String: String] = [:], actor: String,
                matchesAnyCarrier: Bool = false, orderChange: OrderChange = .ignore) {
        self.tenantID = tenantID
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.service = service
        self.merchantOrderID = merchantOrderID
        self.customer = customer
        self.metadata = metadata
        self.actor = actor
        self.matchesAnyCarrier = matchesAnyCarrier
        self.orderChange = orderChange
    }
}

/// A tracking number registered again for another order than the one its shipment belongs to.
public struct ShipmentOrderConflict: Error, Sendable, Equatable, CustomStringConvertible {
    public var shipmentID: String
    public var trackingNumber: String
    public var currentOrderID: String
    public var requestedOrderID: String

    public init(shipmentID: String, trackingNumber: String, currentOrderID: String, requestedOrderID: String) {
        self.shipmentID = shipmentID
        self.trackingNumber = trackingNumber
        self.currentOrderID = currentOrderID
        self.requestedOrderID = requestedOrderID
    }

    public var description: String {
        "tracking number \(trackingNumber) belongs to order \(currentOrderID), not \(requestedOrderID)"
    }
}

public struct ShipmentQuery: Sendable {
    public var tenantID: String
    public var trackingNumber: String?
    public var merchantOrderID: String?
    public var status: ShipmentStatus?
    /// The id of the last shipment of the previous page.
    public var cursor: String?
    public var limit: Int

    public init(tenantID: String, trackingNumber: String? = nil, merchantOrderID: String? = nil,
                status: ShipmentStatus? = nil, cursor: String? = nil, limit: Int = 50) {
        self.tenantID = tenantID
        self.trackingNumber = trackingNumber
        self.merchantOrderID = merchantOrderID
        self.status = status
        self.cursor = cursor
        self.limit = limit
    }
}

public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?
}

/// A raw payload to store as received.
public struct NewRawPayload: Sendable {
    public var source: EventSource
    public var carrier: String?
    public var contentType: String
    public var body: Data
    public var receivedAt: Date

    public init(source: EventSource, carrier: String?, contentType: String, body: Data, receivedAt: Date = Date()) {
        self.source = source
        self.carrier = carrier
        self.contentType = contentType
        self.body = body
        self.receivedAt = receivedAt
    }
}

/// One raw payload and the events parsed from it, for one tenant.
public struct IngestBatch: Sendable {
    public var tenantID: String
    public var raw: NewRawPayload
    public var events: [ShipmentEvent]
    public var actor: String
    /// The carrier's delivery estimate per shipment id, stored with the events.
    public var estimates: [String: DeliveryEstimate]

    public struct ShipmentEvent: Sendable {
        public var shipmentID: String
        public var event: CanonicalEvent
        /// The carrier that scanned it, when it is not (or may not be) the shipment's own: a
        /// last-mile carrier, the destination post.
        public var carrier: String?

        public init(shipmentID: String, event: CanonicalEvent, carrier: String? = nil) {
            self.shipmentID = shipmentID
            self.event = event
            self.carrier = carrier
        }
    }

    public init(tenantID: String, raw: NewRawPayload, events: [ShipmentEvent], actor: String,
                estimates: [String: DeliveryEstimate] = [:]) {
        self.tenantID = tenantID
        self.raw = raw
        self.events = events
        self.actor = actor
        self.estimates = estimates
    }
}

public struct IngestOutcome: Sendable {
    public init(rawPayloadID: String, rawPayloadIsNew: Bool, insertedEventIDs: [String], duplicateCount: Int, changes: [ShipmentChange],
                insertedTimes: [InsertedTime] = []) {
        self.rawPayloadID = rawPayloadID
        self.rawPayloadIsNew = rawPayloadIsNew
        self.insertedEventIDs = insertedEventIDs
        self.duplicateCount = duplicateCount
        self.changes = changes
        self.insertedTimes = insertedTimes
    }

    public var rawPayloadID: String
    /// False when an identical payload had been stored before.
    public var rawPayloadIsNew: Bool
    public var insertedEventIDs: [String]
    public var duplicateCount: Int
    public var changes: [ShipmentChange]
    /// When the carrier says the inserted events happened (those with an instant), and which
    /// carrier scanned them: freshness per carrier.
    public var insertedTimes: [InsertedTime]

    public struct InsertedTime: Sendable, Hashable {
        public var occurredAt: Date
        /// Nil when the event names no carrier of its own (the payload's applies).
        public var carrier: String?
    }
}

/// A shipment whose derived state changed.
public struct ShipmentChange: Sendable, Hashable {
    public var shipmentID: String
    public var previousStatus: ShipmentStatus
    public var status: ShipmentStatus

    public init(shipmentID: String, previousStatus: ShipmentStatus, status: ShipmentStatus) {
        self.shipmentID = shipmentID
        self.previousStatus = previousStatus
        self.status = status
    }
}

/// Where a carrier posts its webhooks for one tenant, with the secret that authenticates them.
public struct WebhookEndpoint: Sendable, Hashable {
    public var id: String
    public var tenantID: String
    public var carrier: String
    public var secret: String
    public var createdAt: Date
    public var secretRotatedAt: Date?

    public init(id: String, tenantID: String, carrier: String, secret: String, createdAt: Date, secretRotatedAt: Date?) {
        self.id = id
        self.tenantID = tenantID
        self.carrier = carrier
        self.secret = secret
        self.createdAt = createdAt
        self.secretRotatedAt = secretRotatedAt
    }
}

public struct NewJob: Sendable {
    public var kind: String
    public var payload: String
    public var tenantID: String?
    public var runAt: Date
    public var maxAttempts: Int

    public init(kind: String, payload: String, tenantID: String? = nil, runAt: Date = Date(), maxAttempts: Int = 10) {
        self.kind = kind
        self.payload = payload
        self.tenantID = tenantID
        self.runAt = runAt
        self.maxAttempts = maxAttempts
    }
}

public struct Job: Sendable, Hashable {
    public enum State: String, Sendable { case queued, running, done, failed }
    public var id: String
    public var kind: String
    public var payload: String
    public var tenantID: String?
    public var state: State
    public var runAt: Date
    public var attempts: Int
    public var maxAttempts: Int
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?
    public var lastError: String?
}

/// A response kept for an `Idempotency-Key`, replayed when the same request comes again.
public struct StoredResponse: Sendable, Hashable {
    public var requestHash: String
    public var statusCode: Int
    public var body: String

    public init(requestHash: String, statusCode: Int, body: String) {
        self.requestHash = requestHash
        self.statusCode = statusCode
        self.body = body
    }
}

public struct AuditEntry: Sendable, Hashable {
    public var id: String
    public var actor: String
    public var action: String
    public var subjectType: String
    public var subjectID: String
    /// JSON text, as stored (and hashed).
    public var details: String
    public var at: Date
    /// `at` as stored (and hashed).
    public var storedAt: String
    /// The entry's place in its tenant's chain, and the hashes that link it (nil: not chained).
    public var chainSeq: Int64?
    public var prevHash: String?
    public var hash: String?
}

/// One page of a tenant's audit log, in chain order.
public struct AuditLogQuery: Sendable {
    public var tenantID: String
    public var action: String?
    public var actor: String?
    public var subjectType: String?
    public var subjectID: String?
    public var since: Date?
    public var until: Date?
    /// Entries after this chain position (the cursor).
    public var afterChainSeq: Int64 = 0
    public var limit: Int = 100

    public init(tenantID: String) {
        self.tenantID = tenantID
    }
}

/// An audit entry written outside a store operation (exports, sign-ins).
public struct NewAuditRecord: Sendable {
    public var tenantID: String
    public var actor: String
    public var action: String
    public var subjectType: String
    public var subjectID: String
    public var details: [String: String]

    public init(tenantID: String, actor: String, action: String, subjectType: String, subjectID: String, details: [String: String] = [:]) {
        self.tenantID = tenantID
        self.actor = actor
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.details = details
    }
}

/// A chain position and its hash: the head when verified, or an anchor kept elsewhere.
public struct AuditAnchor: Sendable, Hashable {
    public var tenantID: String
    public var chainSeq: Int64
    public var hash: String
    public var at: Date

    public init(tenantID: String, chainSeq: Int64, hash: String, at: Date) {
        self.tenantID = tenantID
        self.chainSeq = chainSeq
        self.hash = hash
        self.at = at
    }
}

/// The first entry that breaks a chain, and how.
public struct AuditChainProblem: Sendable, Hashable {
    /// Nil for an entry outside the chain.
    public var chainSeq: Int64?
    /// Nil when the entry is gone.
    public var entryID: String?
    public var reason: String
}

public struct AuditVerification: Sendable {
    public var tenantID: String
    public var entriesChecked = 0
    /// Where the chain starts (above 1 once retention removed the oldest entries).
    public var firstChainSeq: Int64?
    /// The last entry that checked out.
    public var head: AuditAnchor?
    /// Nil: the chain is intact.
    public var problem: AuditChainProblem?

    public init(tenantID: String) {
        self.tenantID = tenantID
    }
}

extension Store {
    /// The shipment's timeline: its events, oldest first, without superseded copies.
    public func events(shipmentID: String, tenantID: String) async throws -> [StoredEvent] {
        try await events(shipmentID: shipmentID, tenantID: tenantID, includingSuperseded: false)
    }
}

/// What `retryRawPayload` did.
public enum RawPayloadRetry: Sendable, Equatable {
    case queued
    /// Only a failed payload is retried; this one is received (waiting) or parsed.
    case notFailed(RawPayloadStatus)
}
