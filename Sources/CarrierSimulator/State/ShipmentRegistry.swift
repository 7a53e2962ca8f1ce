import Foundation

/// The simulated parcels, by carrier and tracking number, in the order they were created.
public final class ShipmentRegistry: Sendable {
    private struct Contents {
        var journeys: [String: SimulatedJourney] = [:]
        var order: [String] = []
    }

    private let contents = Locked(Contents())

    public init() {}

    public func add(_ journey: SimulatedJourney) {
        let key = Self.key(journey.carrier, journey.trackingNumber)
        contents.withLock {
            if $0.journeys.updateValue(journey, forKey: key) == nil { $0.order.append(key) }
        }
    }

    public func journey(carrier: String, trackingNumber: String) -> SimulatedJourney? {
        let key = Self.key(SimulatedCarrier.canonical(carrier), trackingNumber)
        return contents.withLock { $0.journeys[key] }
    }

    /// Every journey (of `carrier` when given), oldest first.
    public func all(carrier: String? = nil) -> [SimulatedJourney] {
        let carrier = carrier.map(SimulatedCarrier.canonical)
        return contents.withLock { state in
            state.order.compactMap { state.journeys[$0] }.filter { carrier == nil || $0.carrier == carrier }
        }
    }

    public var count: Int { contents.withLock { $0.order.count } }

    private static func key(_ carrier: String, _ trackingNumber: String) -> String {
        "\(carrier)|\(trackingNumber.uppercased())"
    }
}

/// The carriers the simulator speaks, under Waybill's adapter ids.
public enum SimulatedCarrier {
    public static let all = ["ups", "fedex", "usps", "dhl"]

    /// `dhl_express` (the detector's id for DHL Express numbers) is tracked through DHL Unified.
    public static func canonical(_ carrier: String) -> String {
        let lowered = carrier.lowercased()
        return lowered == "dhl_express" ? "dhl" : lowered
    }
}
