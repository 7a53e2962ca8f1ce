import Foundation
import WaybillCore

/// Plans realistic journeys from a seed: the same carrier, number, start and seed always give
/// the same journey. Pure: no clock, no I/O.
///
/// A journey: label created at `start` → picked up at the end of a local working day → origin
/// scan and departure → one sort hub per ~20 h of line haul (legs of 6–30 h; for international
/// routes the export and import gateways, with customs at the import one) → arrival at the
/// destination facility before dawn on the delivery day → out for delivery in the morning →
/// delivered in the afternoon. Variety from the seed: 1–7 transit days by service, ~5% a failed
/// attempt and redelivery the next working day, ~3% an exception (weather, address, customs)
/// that resolves or returns the parcel, ~3% held at a pickup point and collected later, and
/// ~12% an optimistic first estimate revised in transit.
public enum JourneyPlanner {
    public static func plan(carrier: String, trackingNumber: String, start: Date, seed: UInt64) -> SimulatedJourney {
        var planner = JourneyDraft(carrier: carrier, trackingNumber: trackingNumber, start: start, seed: seed)
        return planner.plan()
    }
}

/// The mutable state of planning one journey.
private struct JourneyDraft {
    enum Ending { case normal, failedAttempt, pickupPoint, exception }
    enum Trouble { case weather, address, customs }

    let carrier: String
    let trackingNumber: String
    let start: Date
    let network: CarrierNetwork
    var random: SimulationRandom
    var steps: [SimulatedStep] = []
    var estimate: Date?

    init(carrier: String, trackingNumber: String, start: Date, seed: UInt64) {
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.start = start
        network = CarrierNetwork.network(for: carrier)
        random = SimulationRandom(seed: seed, salt: "\(carrier)|\(trackingNumber)")
    }

    mutating func add(_ at: Date, _ kind: StepKind, _ place: SimulatedPlace) {
        // Keep the list strictly increasing even when rounding squeezes two scans together.
        let previous = steps.last?.at ?? .distantPast
        let time = Date(timeIntervalSince1970: max(at, previous.addingTimeInterval(60)).timeIntervalSince1970.rounded())
        let terminal = kind.status.isTerminal
        steps.append(SimulatedStep(
            at: time, status: kind.status, substatus: kind.substatus, reason: kind.reason,
            description: kind.description(carrier: carrier, place: place, pickupPoint: network.pickupPoint),
            location: place.location, estimatedDelivery: terminal ? nil : estimate))
    }

    mutating func plan() -> SimulatedJourney {
        let origin = network.origins[Int.random(in: 0..<network.origins.count, using: &random)]
        var destination = origin
        while destination.city == origin.city {
            destination = network.destinations[Int.random(in: 0..<network.destinations.count, using: &random)]
        }
        let service = random.pick(network.services.map { ($0, $0.weight) })
        let transitDays = Int.random(in: service.days, using: &random)
        let ending = random.pick([(Ending.normal, 0.89), (.failedAttempt, 0.05), (.pickupPoint, 0.03), (.exception, 0.03)])
        let gateways = network.gateways[destination.country]
        let trouble: Trouble = gateways != nil
            ? random.pick([(Trouble.customs, 0.5), (.weather, 0.25), (.address, 0.25)])
            : random.pick([(Trouble.weather, carrier == "usps" ? 0 : 0.5), (.address, 0.5)])
        let returnsToSender = random.chance(0.25)
        let optimisticFirstEstimate = transitDays >= 2 && random.chance(0.12)

        let here = LocalClock(origin)
        let there = LocalClock(destination)
        let saturdays = network.deliversSaturdays

        add(start, .labelCreated, origin)

        // Pickup at the end of the shipper's working day (today if the label came early enough).
        var pickupDay = here.startOfDay(start)
        if here.hour(start) > 15.5 || !here.isWorkingDay(pickupDay, saturdays: false) {
            pickupDay = here.nextWorkingDay(after: pickupDay, saturdays: false)
        }
        let pickupAt = max(here.on(pickupDay, at: random.hours(16...18.75)), start.addingTimeInterval(1800))

        // The promised delivery day, counted in the destination's working days.
        var deliveryDay = there.startOfDay(pickupAt)
        for _ in 0..<transitDays { deliveryDay = there.nextWorkingDay(after: deliveryDay, saturdays: saturdays) }
        let originScanAt = pickupAt.addingTimeInterval(random.hours(1.5...3.5) * 3600)
        let departOriginAt = originScanAt.addingTimeInterval(random.hours(1...3) * 3600)
        let arrivalHour = random.hours(3...5.5)
        let minimumSpan: TimeInterval = gateways != nil ? 40 * 3600 : 6 * 3600
        while there.on(deliveryDay, at: arrivalHour).timeIntervalSince(departOriginAt) < minimumSpan {
            deliveryDay = there.nextWorkingDay(after: deliveryDay, saturdays: saturdays)
        }
        let promised = promise(deliveryDay, there)
        estimate = optimisticFirstEstimate ? promise(there.adding(days: -1, to: deliveryDay), there) : promised

        add(pickupAt, .pickedUp, origin)
        add(originScanAt, .originScan, origin)
        add(departOriginAt, .departed, origin)

        // Line haul through hubs (or the international gateways).
        let span = there.on(deliveryDay, at: arrivalHour).timeIntervalSince(departOriginAt)
        // About one sort per 20 h of line haul, so that legs last 6–30 h.
        let legs = max(gateways.map { $0.count + 1 } ?? 1, Int((span / 72_000).rounded()))
        let route = (gateways ?? []) + hubs(count: legs - 1 - (gateways?.count ?? 0), in: destination.country,
                                            avoiding: [origin.city, destination.city])
        let segment = span / Double(route.count + 1)
        let troubleHub = ending == .exception && trouble != .address && !route.isEmpty
            ? (trouble == .customs ? (gateways?.count ?? 1) - 1 : Int.random(in: 0..<route.count, using: &random)) : nil
        var shift: TimeInterval = 0
        for (index, hub) in route.enumerated() {
            let customs = gateways != nil && index == (gateways?.count ?? 0) - 1
            let dwell = min(random.hours(customs ? 4...9 : 2...6) * 3600, segment * (customs ? 0.6 : 0.4))
            let boundary = departOriginAt.addingTimeInterval(segment * Double(index + 1) + shift)
            let arrivedAt = boundary.addingTimeInterval(-dwell / 2)
            add(arrivedAt, .arrived, hub)
            if customs { add(arrivedAt.addingTimeInterval(dwell * 0.15), .customsPending, hub) }
            if index == troubleHub {
                // The delay moves the delivery by whole working days; everything after shifts with it.
                var delayedDay = deliveryDay
                for _ in 0..<Int.random(in: 1...2, using: &random) {
                    delayedDay = there.nextWorkingDay(after: delayedDay, saturdays: saturdays)
                }
                let delay = there.on(delayedDay, at: arrivalHour).timeIntervalSince(there.on(deliveryDay, at: arrivalHour))
                add(arrivedAt.addingTimeInterval(dwell * 0.3), trouble == .customs ? .customsHeld : .weatherDelay, hub)
                if trouble == .customs && returnsToSender {
                    estimate = nil
                    returnToSender(from: hub, after: arrivedAt.addingTimeInterval(delay), origin: origin)
                    return journey(origin: origin, destination: destination, service: service.name)
                }
                shift += delay
                deliveryDay = delayedDay
                estimate = promise(deliveryDay, there)
            }
            if customs { add(arrivedAt.addingTimeInterval(dwell * 0.7 + (index == troubleHub ? shift : 0)), .customsCleared, hub) }
            if optimisticFirstEstimate && index == route.count / 2 { estimate = promise(deliveryDay, there) }
            add(boundary.addingTimeInterval(dwell / 2 + (index == troubleHub ? shift : 0)), .departed, hub)
        }
        if optimisticFirstEstimate && route.isEmpty { estimate = promised }

        add(there.on(deliveryDay, at: arrivalHour), .arrived, destination)
        finish(ending: ending, trouble: trouble, returnsToSender: returnsToSender, deliveryDay: deliveryDay,
               origin: origin, destination: destination)
        return journey(origin: origin, destination: destination, service: service.name)
    }

    /// The last mile, from the destination facility on the delivery day.
    mutating func finish(ending: Ending, trouble: Trouble, returnsToSender: Bool, deliveryDay: Date,
                         origin: SimulatedPlace, destination: SimulatedPlace) {
        let there = LocalClock(destination)
        let saturdays = network.deliversSaturdays
        var day = deliveryDay
        switch ending {
        case .failedAttempt:
            add(there.on(day, at: random.hours(7...9.5)), .outForDelivery, destination)
            day = there.nextWorkingDay(after: day, saturdays: saturdays)
            estimate = promise(day, there)
            add(there.on(deliveryDay, at: random.hours(12.5...18)), .attemptFailed, destination)
        case .pickupPoint:
            add(there.on(day, at: random.hours(9.5...12)), .availableForPickup, destination)
            let waited = Int.random(in: 1...3, using: &random)
            for _ in 0..<waited { day = there.adding(days: 1, to: day) }
            if there.weekday(day) == 0 { day = there.adding(days: 1, to: day) }
            add(there.on(day, at: random.hours(10...19)), .collected, destination)
            return
        case .exception where trouble == .address:
            add(there.on(day, at: random.hours(7...9)), .addressProblem, destination)
            day = there.nextWorkingDay(after: day, saturdays: saturdays)
            if returnsToSender {
                estimate = nil
                returnToSender(from: destination, after: there.on(day, at: random.hours(9...12)), origin: origin)
                return
            }
            estimate = promise(day, there)
        case .normal, .exception:
            break
        }
        add(there.on(day, at: random.hours(7...9.5)), .outForDelivery, destination)
        add(there.on(day, at: random.hours(12...18.5)), .delivered(deliveredSubstatus()), destination)
    }

    mutating func returnToSender(from place: SimulatedPlace, after: Date, origin: SimulatedPlace) {
        add(after, .returnInitiated, place)
        let home = LocalClock(origin)
        var day = home.startOfDay(after)
        for _ in 0..<Int.random(in: 2...5, using: &random) { day = home.nextWorkingDay(after: day, saturdays: false) }
        add(home.on(day, at: random.hours(10...16)), .returned, origin)
    }

    mutating func deliveredSubstatus() -> Substatus {
        carrier == "usps"
            ? random.pick([(Substatus.deliveredMailbox, 0.45), (.deliveredDoor, 0.45), (.deliveredSigned, 0.1)])
            : random.pick([(Substatus.deliveredDoor, 0.75), (.deliveredSigned, 0.25)])
    }

    /// The estimate for a delivery day: the end of the promised day (20:00 at the destination).
    func promise(_ day: Date, _ clock: LocalClock) -> Date { clock.on(day, at: 20) }

    mutating func hubs(count: Int, in country: String, avoiding cities: Set<String>) -> [SimulatedPlace] {
        let candidates = network.hubs.filter { $0.country == country && !cities.contains($0.city) }
        guard count > 0, !candidates.isEmpty else { return [] }
        var shuffled = candidates.shuffled(using: &random)
        while shuffled.count < count { shuffled += candidates.shuffled(using: &random).filter { $0 != shuffled.last } }
        return Array(shuffled.prefix(count))
    }

    func journey(origin: SimulatedPlace, destination: SimulatedPlace, service: String) -> SimulatedJourney {
        SimulatedJourney(carrier: carrier, trackingNumber: trackingNumber, steps: steps, origin: origin.location,
                         destination: destination.location, service: service)
    }
}
