import Foundation
import Hummingbird
import WaybillCore
import WaybillIngest
import WaybillStore

/// A shipment: its state, derived from its events, and how fresh it is.
struct ShipmentResponse: ResponseEncodable, Sendable {
    let id: String
    let trackingNumber: String
    let carrier: String?
    let service: String?
    let orderID: String?
    let status: ShipmentStatus
    let substatus: Substatus?
    let estimatedDelivery: EstimatedDelivery?
    let deliveredAt: Date?
    let signedBy: String?
    let lastEventID: String?
    let lastEventAt: Date?
    let publicURL: String
    /// Viewer keys do not see the customer.
    let customer: CustomerResponse?
    let metadata: [String: String]
    let tracking: Bool
    let trackingStoppedAt: Date?
    let lastCheckedAt: Date?
    let nextCheckAt: Date?
    let lastEventSource: String?
    let lastEventLagSeconds: Double?
    let createdAt: Date
    let updatedAt: Date

    struct EstimatedDelivery: Encodable, Sendable {
        let earliest: Date?
        let latest: Date?
        let source: DeliveryEstimate.Source
    }

    enum CodingKeys: String, CodingKey {
        case id, carrier, service, status, substatus, customer, metadata, tracking
        case trackingNumber = "tracking_number"
        case orderID = "order_id"
        case estimatedDelivery = "estimated_delivery"
        case deliveredAt = "delivered_at"
        case signedBy = "signed_by"
        case lastEventID = "last_event_id"
        case lastEventAt = "last_event_at"
        case publicURL = "public_url"
        case trackingStoppedAt = "tracking_stopped_at"
        case lastCheckedAt = "last_checked_at"
        case nextCheckAt = "next_check_at"
        case lastEventSource = "last_event_source"
        case lastEventLagSeconds = "last_event_lag_seconds"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ shipment: Shipment, publicBaseURL: String, role: Role) {
        id = shipment.id
        trackingNumber = shipment.trackingNumber
        carrier = shipment.carrier.isEmpty ? nil : shipment.carrier
        service = shipment.service
        orderID = shipment.orderID
        status = shipment.status
        substatus = shipment.substatus
        estimatedDelivery = shipment.estimatedDelivery.map { EstimatedDelivery(earliest: $0.earliest, latest: $0.latest, source: $0.source) }
        deliveredAt = shipment.deliveredAt
        signedBy = role.seesPersonalData ? shipment.signedBy : shipment.signedBy.map(PersonalDataMask.name)
        lastEventID = shipment.lastEventID
        lastEventAt = shipment.lastEventAt
        publicURL = publicBaseURL + "/t/" + shipment.publicToken
        customer = CustomerResponse(shipment.customer, masked: !role.seesPersonalData)
        metadata = shipment.metadata
        tracking = shipment.trackingStoppedAt == nil
        trackingStoppedAt = shipment.trackingStoppedAt
        lastCheckedAt = shipment.lastCheckedAt
        nextCheckAt = shipment.nextCheckAt
        lastEventSource = shipment.lastEventSource.map(Self.freshnessSource)
        lastEventLagSeconds = shipment.lastEventRecordedAt.flatMap { recorded in
            shipment.lastEventAt.map { max(0, (recorded.timeIntervalSince($0) * 1000).rounded() / 1000) }
        }
        createdAt = shipment.createdAt
        updatedAt = shipment.updatedAt
    }

    /// How the latest event arrived, in the words of the freshness fields.
    static func freshnessSource(_ source: EventSource) -> String {
        switch source {
        case .webhook: "push"
        case .poll: "poll"
        case .file, .edi: "file"
        case .api: "api"
        }
    }
}

/// `GET /v1/shipments/{id}`: the shipment and its other carriers' numbers.
struct ShipmentDetailResponse: ResponseEncodable, Sendable {
    let shipment: ShipmentResponse
    let legs: [LegResponse]

    enum CodingKeys: String, CodingKey {
        case legs
    }

    func encode(to encoder: any Encoder) throws {
        try shipment.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(legs, forKey: .legs)
    }
}

/// `POST /v1/shipments`: the shipment, whether its carrier was detected, every reading of the number
/// and the warnings.
struct RegistrationResponse: Encodable, Sendable {
    let shipment: ShipmentResponse
    let carrierDetected: Bool
    let carrierCandidates: [Candidate]
    let warnings: [String]

    struct Candidate: Encodable, Sendable {
        let carrier: String
        let format: String
        let checkDigitValid: Bool?
        let confidence: Double
        let trackingNumber: String
        let trackingURL: String?

        enum CodingKeys: String, CodingKey {
            case carrier, format, confidence
            case checkDigitValid = "check_digit_valid"
            case trackingNumber = "tracking_number"
            case trackingURL = "tracking_url"
        }
    }

    enum CodingKeys: String, CodingKey {
        case warnings
        case carrierDetected = "carrier_detected"
        case carrierCandidates = "carrier_candidates"
    }

    init(_ registration: ShipmentRegistrar.Registration, publicBaseURL: String, role: Role) {
        shipment = ShipmentResponse(registration.shipment, publicBaseURL: publicBaseURL, role: role)
        carrierDetected = registration.carrierDetected
        carrierCandidates = registration.candidates.map { candidate in
            Candidate(carrier: candidate.carrier, format: candidate.format, checkDigitValid: candidate.checkDigitValid,
                      confidence: candidate.confidence, trackingNumber: candidate.trackingNumber,
                      trackingURL: candidate.trackingURL?.absoluteString)
        }
        warnings = registration.warnings
    }

    func encode(to encoder: any Encoder) throws {
        try shipment.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(carrierDetected, forKey: .carrierDetected)
        try container.encode(carrierCandidates, forKey: .carrierCandidates)
        try container.encode(warnings, forKey: .warnings)
    }
}

/// `POST /v1/shipments/{id}/events`: what the pipeline did with the reported events.
struct AppendEventsResponse: Encodable, Sendable {
    let rawPayloadID: String
    let inserted: Int
    let duplicates: Int
    let eventIDs: [String]
    let shipment: ShipmentResponse

    enum CodingKeys: String, CodingKey {
        case inserted, duplicates, shipment
        case rawPayloadID = "raw_payload_id"
        case eventIDs = "event_ids"
    }
}

/// An event of a shipment: the canonical event as `waybill normalize` writes it (with the
/// carrier's offset and the coordinates), and where Waybill got it from.
struct EventResponse: Encodable, Sendable {
    let event: EventRepresentation
    let provenance: Provenance

    struct Provenance: Encodable, Sendable {
        let id: String
        let shipmentID: String
        let description: String?
        let carrier: String?
        let reportedBy: String?
        let supersededBy: String?
        let source: EventSource
        let rawPayloadID: String?
        let rawPayloadIDs: [String]
        let fingerprint: String
        let recordedAt: Date

        enum CodingKeys: String, CodingKey {
            case id, description, carrier, source, fingerprint
            case shipmentID = "shipment_id"
            case reportedBy = "reported_by"
            case supersededBy = "superseded_by"
            case rawPayloadID = "raw_payload_id"
            case rawPayloadIDs = "raw_payload_ids"
            case recordedAt = "recorded_at"
        }
    }

    /// `shipmentCarrier` stands in for the carrier of events stored before carriers were kept per event.
    init(_ stored: StoredEvent, shipmentCarrier: String, role: Role) {
        let event = EventRepresentation(stored.event, instants: .carrierOffset, coordinates: .included)
        self.event = role.seesPersonalData ? event : event.maskingPersonalData()
        provenance = Provenance(
            id: stored.id, shipmentID: stored.shipmentID, description: stored.event.carrierDescription,
            carrier: stored.carrier ?? (shipmentCarrier.isEmpty ? nil : shipmentCarrier),
            reportedBy: stored.reportedBy, supersededBy: stored.supersededBy, source: stored.source,
            rawPayloadID: stored.rawPayloadID, rawPayloadIDs: stored.rawPayloadIDs, fingerprint: stored.fingerprint,
            recordedAt: stored.recordedAt)
    }

    func encode(to encoder: any Encoder) throws {
        try event.encode(to: encoder)
        try provenance.encode(to: encoder)
    }
}
