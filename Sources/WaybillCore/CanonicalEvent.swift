import Foundation

/// One carrier event in the canonical taxonomy, before it is stored.
public struct CanonicalEvent: Sendable, Hashable {
    public var status: ShipmentStatus
    public var substatus: Substatus?
    public var reason: Reason?
    public var actionRequired: Bool
    /// The carrier's own code, untouched and always text (UPS "021" is not 21).
    public var carrierCode: String?
    public var carrierDescription: String?
    /// The instant, when it can be derived.
    public var occurredAt: Date?
    /// The wall-clock time (or date) the carrier gave.
    public var localTime: LocalDateTime?
    public var utcOffset: UTCOffset?
    public var zoneSource: ZoneSource
    public var location: Location?
    /// Position in the carrier's chronology: a higher number is later. Used to break ties.
    public var sequence: Int
    /// An event that adds information (e.g. "signature image recorded") but does not move the status.
    public var isInformational: Bool
    /// Who signed, when the carrier names a person: "Signature not required", "N/A" and
    /// places such as "FRONT DOOR" are not names and are read as nobody (`SignatoryName`).
    public var signedBy: String? {
        get { signatory }
        set { signatory = SignatoryName.name(in: newValue) }
    }
    private var signatory: String?
    /// The carrier's time for this event cannot be right: later than the document that
    /// reported it, or before 2000 (`TimePlausibility`). The event is kept with its local time
    /// and no instant, and does not move the shipment's status.
    public var isImplausibleTime: Bool

    public init(
        status: ShipmentStatus,
        substatus: Substatus? = nil,
        reason: Reason? = nil,
        actionRequired: Bool = false,
        carrierCode: String? = nil,
        carrierDescription: String? = nil,
        occurredAt: Date? = nil,
        localTime: LocalDateTime? = nil,
        utcOffset: UTCOffset? = nil,
        zoneSource: ZoneSource = .unknown,
        location: Location? = nil,
        sequence: Int = 0,
        isInformational: Bool = false,
        signedBy: String? = nil,
        isImplausibleTime: Bool = false
    ) {
        self.status = status
        self.substatus = substatus
        self.reason = reason
        self.actionRequired = actionRequired
        self.carrierCode = carrierCode
        self.carrierDescription = carrierDescription
        self.occurredAt = occurredAt
        self.localTime = localTime
        self.utcOffset = utcOffset
        self.zoneSource = zoneSource
        self.location = location
        self.sequence = sequence
        self.isInformational = isInformational
        self.signatory = SignatoryName.name(in: signedBy)
        self.isImplausibleTime = isImplausibleTime
    }

    /// The event's identity within a shipment (see `EventFingerprint`).
    public func fingerprint(shipmentID: String) -> String {
        EventFingerprint.make(shipmentID: shipmentID, event: self)
    }
}

/// A stored event: the canonical event plus where it lives and where it came from.
public struct StoredEvent: Sendable, Hashable {
    public var id: String
    public var shipmentID: String
    public var fingerprint: String
    public var event: CanonicalEvent
    public var source: EventSource
    /// The raw payload that first reported the event.
    public var rawPayloadID: String?
    /// Every raw payload that reported it, first one first.
    public var rawPayloadIDs: [String]
    public var recordedAt: Date
    /// Monotonic arrival order within the store; the last tie-breaker of status resolution.
    public var arrival: Int64
    /// The carrier that scanned the parcel (a shipment's timeline can span a hand-over); nil for
    /// events stored before carriers were recorded per event, which are the shipment's carrier's.
    public var carrier: String?
    /// Whose feed reported it: the carrier itself or an aggregator (`aftership`, `easypost`); nil when
    /// unknown (the API, old rows).
    public var reportedBy: String?
    /// The event of the trusted feed this one repeats (see `RoutingRule.trustedSource`): kept for the
    /// audit trail, left out of the status and the timelines.
    public var supersededBy: String?

    public init(
        id: String, shipmentID: String, fingerprint: String, event: CanonicalEvent, source: EventSource,
        rawPayloadID: String?, rawPayloadIDs: [String] = [], recordedAt: Date, arrival: Int64,
        carrier: String? = nil, reportedBy: String? = nil, supersededBy: String? = nil
    ) {
        self.carrier = carrier
        self.reportedBy = reportedBy
        self.supersededBy = supersededBy
        self.id = id
        self.shipmentID = shipmentID
        self.fingerprint = fingerprint
        self.event = event
        self.source = source
        self.rawPayloadID = rawPayloadID
        self.rawPayloadIDs = rawPayloadIDs
        self.recordedAt = recordedAt
        self.arrival = arrival
    }
}
