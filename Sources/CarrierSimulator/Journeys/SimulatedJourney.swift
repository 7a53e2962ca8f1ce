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

    public init(carrier: String, trackingNumber: String, steps: [SimulatedStep], origin: Location, destination: Location, service: String) {
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
