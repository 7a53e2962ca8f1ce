/// The canonical taxonomy of ../shared/DESIGN.md. Every carrier's codes map onto these values.
public enum Taxonomy {
    /// Bumped whenever a status, substatus or reason is added, removed or changes meaning.
    public static let version = 1
}

/// Top-level status of a shipment and of each event.
public enum ShipmentStatus: String, Codable, Sendable, CaseIterable, Comparable {
    case pending
    case infoReceived = "info_received"
    case inTransit = "in_transit"
    case outForDelivery = "out_for_delivery"
    case availableForPickup = "available_for_pickup"
    case attemptFailed = "attempt_failed"
    case delivered
    case exception
    case returnedToSender = "returned_to_sender"
    case expired

    /// Statuses after which the carrier normally reports nothing more.
    public var isTerminal: Bool {
        switch self {
        case .delivered, .returnedToSender, .expired: true
        default: false
        }
    }

    /// Rough position along a parcel's journey, used to roll orders up and draw progress.
    public var progressRank: Int {
        switch self {
        case .pending: 0
        case .infoReceived: 1
        case .inTransit, .exception, .expired: 2
        case .outForDelivery, .attemptFailed, .availableForPickup: 3
        case .delivered, .returnedToSender: 4
        }
    }

    public static func < (lhs: ShipmentStatus, rhs: ShipmentStatus) -> Bool {
        lhs.progressRank < rhs.progressRank
    }
}

/// A finer code beside the status, from a fixed list.
public enum Substatus: String, Codable, Sendable, CaseIterable {
    case labelCreated = "label_created"
    case manifestReceived = "manifest_received"
    case pickedUp = "picked_up"
    case departedFacility = "departed_facility"
    case arrivedFacility = "arrived_facility"
    case processedAtFacility = "processed_at_facility"
    case inTransitToDestination = "in_transit_to_destination"
    case customsPending = "customs_pending"
    case customsCleared = "customs_cleared"
    case handedToLastMile = "handed_to_last_mile"
    case outForDelivery = "out_for_delivery"
    case deliveryRescheduled = "delivery_rescheduled"
    case awaitingCollection = "awaiting_collection"
    case deliveredDoor = "delivered_door"
    case deliveredSigned = "delivered_signed"
    case deliveredMailbox = "delivered_mailbox"
    case deliveredNeighbour = "delivered_neighbour"
    case deliveredLocker = "delivered_locker"
    case deliveredCollected = "delivered_collected"
    case heldByCarrier = "held_by_carrier"
    case heldByCustoms = "held_by_customs"
    case damaged
    case lost
    case refused
    case addressProblem = "address_problem"
    case cancelled
    case returnInitiated = "return_initiated"
    case returnedToSender = "returned_to_sender"
    case proofOfDeliveryRecorded = "proof_of_delivery_recorded"
    case estimatedDeliveryUpdated = "estimated_delivery_updated"
    case noUpdate = "no_update"
    case unmapped
}

/// The cause of an event, kept apart from its status.
public enum Reason: String, Codable, Sendable, CaseIterable {
    case consigneeNotHome = "consignee_not_home"
    case addressIncorrect = "address_incorrect"
    case addressIncomplete = "address_incomplete"
    case businessClosed = "business_closed"
    case accessProblem = "access_problem"
    case refused
    case damaged
    case lost
    case customsDocuments = "customs_documents"
    case customsDutiesUnpaid = "customs_duties_unpaid"
    case customsInspection = "customs_inspection"
    case weather
    case carrierDelay = "carrier_delay"
    case missorted
    case security
    case customerRequest = "customer_request"
    case senderRequest = "sender_request"
    case prohibitedItem = "prohibited_item"
    case unclaimed
    case other
}

/// Where an event's instant came from.
public enum ZoneSource: String, Codable, Sendable, CaseIterable {
    case carrierOffset = "carrier_offset"
    case carrierUTC = "carrier_utc"
    case location
    case unknown
}

/// How an event reached Waybill.
public enum EventSource: String, Codable, Sendable, CaseIterable {
    case webhook, poll, file, edi, api
}
