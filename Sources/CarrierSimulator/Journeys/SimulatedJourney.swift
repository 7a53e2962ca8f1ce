import Foundation
import WaybillCore

/// One simulated parcel: every scan it will ever get, oldest first. The server shows the steps
/// whose `at` has passed on the simulated clock.
public struct SimulatedJourney: Sendable, Hashable {
    public let carrier: String
    public let trackingNumber: String
    public let steps: [SimulatedStep]
    /// Where the label was created and where the parcel is addressed to.
    public let origin: Location
    public let destination: Location
    /// The carrier's product name ("UPS Ground", "FedEx Priority Overnight", ...).
    public let service: String
    /// The carrier and number that deliver the last mile, when this carrier hands the parcel over.
    public var lastMile: LastMile?

    public struct LastMile: Sendable, Hashable {
        public let carrier: String
        public let trackingNumber: String
    }

    public init(carrier: String, trackingNumber: String, steps: [SimulatedStep], origin: Location, destination: Location, service: String,
                lastMile: LastMile? = nil) {
        self.lastMile = lastMile
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.steps = steps
        self.origin = origin
        self.destination = destination
        self.service = service
    }

    /// When the label was created: before it, the carrier does not know the number.
    public var labelCreatedAt: Date { steps.first?.at ?? .distantFuture }

    /// The steps that have happened by `now`, oldest first.
    public func visibleSteps(at now: Date) -> [SimulatedStep] {
        Array(steps.prefix { $0.at <= now })
    }

    /// This journey split where the parcel goes out for delivery: the first carrier's part ends with
    /// a hand-over scan, and `carrier` carries on under its own `trackingNumber` from an acceptance
    /// scan (UPS Mail Innovations to USPS). Nil when the journey never reaches the last mile.
    public func handedOver(to carrier: String, trackingNumber: String) -> (first: SimulatedJourney, lastMile: SimulatedJourney)? {
        let lastMileStatuses: Set<ShipmentStatus> = [.outForDelivery, .attemptFailed, .availableForPickup, .delivered]
        guard let split = steps.firstIndex(where: { lastMileStatuses.contains($0.status) }), split > 0 else { return nil }
        let before = steps[split - 1]
        let gap = steps[split].at.timeIntervalSince(before.at)
        let handover = SimulatedStep(at: before.at.addingTimeInterval(gap / 3), status: .inTransit, substatus: .handedToLastMile,
                                     reason: nil, description: "Shipment tendered to \(carrier.uppercased()) for delivery",
                                     location: before.location, estimatedDelivery: before.estimatedDelivery)
        let accepted = SimulatedStep(at: before.at.addingTimeInterval(2 * gap / 3), status: .inTransit, substatus: .arrivedFacility,
                                     reason: nil, description: "Arrived at Post Office", location: destination,
                                     estimatedDelivery: before.estimatedDelivery)
        let first = SimulatedJourney(carrier: self.carrier, trackingNumber: self.trackingNumber, steps: Array(steps[..<split]) + [handover],
                                     origin: origin, destination: destination, service: service,
                                     lastMile: LastMile(carrier: carrier, trackingNumber: trackingNumber))
        let last = SimulatedJourney(carrier: carrier, trackingNumber: trackingNumber, steps: [accepted] + Array(steps[split...]),
                                    origin: origin, destination: destination, service: "Ground Advantage")
        return (first, last)
    }

    /// The estimate the carrier shows at `now` (nil once delivered or before the label).
    public func estimatedDelivery(at now: Date) -> Date? {
        visibleSteps(at: now).last?.estimatedDelivery
    }
}

/// One scan of a simulated journey.
public struct SimulatedStep: Sendable, Hashable {
    public let at: Date
    public let status: ShipmentStatus
    public let substatus: Substatus?
    public let reason: Reason?
    /// The carrier's text for the scan.
    public let description: String
    public let location: Location
    /// The carrier's delivery estimate as of this step (end of the promised day, destination time); nil once terminal.
    public let estimatedDelivery: Date?

    public init(at: Date, status: ShipmentStatus, substatus: Substatus?, reason: Reason?, description: String,
                location: Location, estimatedDelivery: Date?) {
        self.at = at
        self.status = status
        self.substatus = substatus
        self.reason = reason
        self.description = description
        self.location = location
        self.estimatedDelivery = estimatedDelivery
    }

    /// The UTC offset of the step's location at its instant (carriers print local wall-clock times).
    public var utcOffsetSeconds: Int { SimulatedPlace.offsetSeconds(of: location, at: at) }
}
