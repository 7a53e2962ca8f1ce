import Foundation
import WaybillCore

/// What a carrier body said: shipments, and per-number answers such as "not found yet".
public struct CarrierParseResult: Sendable, Hashable {
    public var shipments: [ParsedShipment]
    /// Numbers the carrier answered about without tracking data.
    public var notices: [CarrierNotice]

    public init(shipments: [ParsedShipment], notices: [CarrierNotice] = []) {
        self.shipments = shipments
        self.notices = notices
    }

    /// Events whose carrier code is not in the mapping table, over all shipments.
    public var unmappedEventCount: Int { shipments.reduce(0) { $0 + $1.events.filter { $0.substatus == .unmapped }.count } }
}

/// Everything a carrier said about one shipment.
public struct ParsedShipment: Sendable, Hashable {
    public var carrier: String
    public var trackingNumber: String
    public var service: String?
    /// The carrier's estimate, when it gave one.
    public var estimatedDelivery: CarrierEstimate?
    public var deliveredAt: Date?
    /// A name or nothing (see `SignatoryName`).
    public var signedBy: String? {
        get { signatory }
        set { signatory = SignatoryName.name(in: newValue) }
    }
    private var signatory: String?
    /// Where it was left ("front porch", "parcel locker 12").
    public var deliveryLocation: String?
    /// Proof-of-delivery references (signature or photo ids, URLs).
    public var proofOfDelivery: [String]
    /// The merchant's references the carrier echoes back.
    public var references: [String]
    /// Other numbers of the same parcel (return label, last-mile carrier number, piece ids).
    public var alternateTrackingNumbers: [String]
    /// The carrier of an alternate number, where the data names it (AfterShip `next_couriers`):
    /// number → Waybill carrier id. Others are recognised by their format (see `HandoverDetector`).
    public var alternateCarriers: [String: String] = [:]
    /// Events in the carrier's chronology, oldest first (`sequence` ascending).
    public var events: [CanonicalEvent]

    public init(
        carrier: String, trackingNumber: String, service: String? = nil, estimatedDelivery: CarrierEstimate? = nil,
        deliveredAt: Date? = nil, signedBy: String? = nil, deliveryLocation: String? = nil, proofOfDelivery: [String] = [],
        references: [String] = [], alternateTrackingNumbers: [String] = [], events: [CanonicalEvent] = []
    ) {
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.service = service
        self.estimatedDelivery = estimatedDelivery
        self.deliveredAt = deliveredAt
        self.signatory = SignatoryName.name(in: signedBy)
        self.deliveryLocation = deliveryLocation
        self.proofOfDelivery = proofOfDelivery
        self.references = references
        self.alternateTrackingNumbers = alternateTrackingNumbers
        self.events = events
    }

    /// The shipment's state from its events (DESIGN.md status resolution).
    public var state: ShipmentState { StatusResolver.resolve(events) }
}

/// A carrier's delivery estimate: a date, or a window, each end an instant or a local time.
public struct CarrierEstimate: Sendable, Hashable {
    public var earliest: CarrierTime
    public var latest: CarrierTime?

    public init(earliest: CarrierTime, latest: CarrierTime? = nil) {
        self.earliest = earliest
        self.latest = latest
    }
}

/// A time as a carrier gave it, resolved as far as possible (see `ZoneResolver`).
public struct CarrierTime: Sendable, Hashable {
    public var instant: Date?
    public var local: LocalDateTime?
    public var offset: UTCOffset?
    public var zoneSource: ZoneSource

    public init(instant: Date?, local: LocalDateTime?, offset: UTCOffset?, zoneSource: ZoneSource) {
        self.instant = instant
        self.local = local
        self.offset = offset
        self.zoneSource = zoneSource
    }
}

/// A per-number answer without tracking data, or a note about data that could not be used as
/// given (a field of an odd type, an impossible time): never silence.
public struct CarrierNotice: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The carrier does not know the number (yet): retry later, up to a limit.
        case notFound = "not_found"
        /// The request was wrong or refused for this number.
        case error
        /// Part of the body was unusable or repaired; everything else was read.
        case warning
    }

    public var trackingNumber: String?
    public var kind: Kind
    public var code: String?
    public var message: String
    /// Where in the body, for warnings: a JSON path, an XML path, an EDI segment.
    public var path: String?

    public init(trackingNumber: String?, kind: Kind, code: String?, message: String, path: String? = nil) {
        self.trackingNumber = trackingNumber
        self.kind = kind
        self.code = code
        self.message = message
        self.path = path
    }

    /// A warning about unusable or repaired data at `path`.
    public static func warning(_ message: String, path: String?, trackingNumber: String? = nil, code: String? = nil) -> CarrierNotice {
        CarrierNotice(trackingNumber: trackingNumber, kind: .warning, code: code, message: message, path: path)
    }
}

/// A body that is not what the adapter expects, with where it went wrong.
public struct CarrierParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var carrier: String
    /// Where in the body: a JSON path (`trackResponse.shipment[0]`), an XML path, or a line.
    public var location: String
    public var reason: String

    public init(carrier: String, location: String, reason: String) {
        self.carrier = carrier
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(carrier): \(location.isEmpty ? "body" : location): \(reason)" }
}
