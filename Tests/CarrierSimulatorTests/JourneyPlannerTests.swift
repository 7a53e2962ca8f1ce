import CarrierSimulator
import Foundation
import Testing
import WaybillCore

@Suite("Journey planner")
struct JourneyPlannerTests {
    static let start = Date(timeIntervalSince1970: 1_763_564_400) // 2025-11-19T15:00:00Z, a Wednesday

    @Test(arguments: SimulatedCarrier.all)
    func sameSeedSameJourney(carrier: String) {
        let number = SimulatedTrackingNumber.make(carrier: carrier, seed: 7)
        let first = JourneyPlanner.plan(carrier: carrier, trackingNumber: number, start: Self.start, seed: 7)
        let again = JourneyPlanner.plan(carrier: carrier, trackingNumber: number, start: Self.start, seed: 7)
        let other = JourneyPlanner.plan(carrier: carrier, trackingNumber: number, start: Self.start, seed: 8)
        #expect(first == again)
        #expect(first.steps != other.steps)
        #expect(SimulatedTrackingNumber.make(carrier: carrier, seed: 7) == number)
    }

    @Test(arguments: SimulatedCarrier.all)
    func journeysAreRealistic(carrier: String) throws {
        var endings: [ShipmentStatus: Int] = [:]
        var sawAttempt = 0, sawPickup = 0, sawException = 0, sawRevision = 0
        var transitDays: Set<Int> = []
        for seed in UInt64(1)...600 {
            let number = SimulatedTrackingNumber.make(carrier: carrier, seed: seed)
            let journey = JourneyPlanner.plan(carrier: carrier, trackingNumber: number, start: Self.start, seed: seed)
            let steps = journey.steps
            let first = try #require(steps.first)
            let last = try #require(steps.last)
            #expect(first.at == Self.start)
            #expect(first.status == .infoReceived && first.substatus == .labelCreated)
            #expect(last.status.isTerminal, "seed \(seed) ends \(last.status)")
            #expect(steps.dropLast().allSatisfy { !$0.status.isTerminal || $0.status == .returnedToSender })
            for (earlier, later) in zip(steps, steps.dropFirst()) {
                #expect(earlier.at < later.at, "seed \(seed): times must increase")
            }
            // Line-haul legs (departure → next arrival) last 6–30 hours.
            for (index, step) in steps.enumerated() where step.substatus == .departedFacility {
                guard let arrival = steps[(index + 1)...].first(where: { $0.substatus == .arrivedFacility }) else { continue }
                let hours = arrival.at.timeIntervalSince(step.at) / 3600
                #expect((6...30.01).contains(hours), "seed \(seed): leg of \(hours) h")
            }
            // Pickup late in the shipper's day, out for delivery in the morning, delivered in the afternoon.
            if let pickup = steps.first(where: { $0.substatus == .pickedUp }) {
                #expect((16...19).contains(localHour(pickup)), "pickup at \(localHour(pickup))")
            }
            for step in steps where step.status == .outForDelivery { #expect((7...10).contains(localHour(step))) }
            if last.status == .delivered, last.substatus != .deliveredCollected { #expect((12...19).contains(localHour(last))) }
            // The resolver agrees with the journey at every point.
            let events = steps.enumerated().map { index, step in
                CanonicalEvent(status: step.status, substatus: step.substatus, reason: step.reason, occurredAt: step.at,
                               zoneSource: .carrierOffset, location: step.location, sequence: index)
            }
            #expect(StatusResolver.resolve(events).status == last.status)
            for count in 1...steps.count {
                let visible = journey.visibleSteps(at: steps[count - 1].at)
                #expect(visible.count == count)
                #expect(StatusResolver.resolve(Array(events.prefix(count))).status == visible.last!.status)
            }
            endings[last.status, default: 0] += 1
            if steps.contains(where: { $0.status == .attemptFailed }) { sawAttempt += 1 }
            if steps.contains(where: { $0.status == .availableForPickup }) { sawPickup += 1 }
            if steps.contains(where: { $0.status == .exception }) { sawException += 1 }
            let estimates = Set(steps.compactMap(\.estimatedDelivery))
            if estimates.count > 1 { sawRevision += 1 }
            if let pickup = steps.first(where: { $0.substatus == .pickedUp }), last.status == .delivered {
                transitDays.insert(Int((last.at.timeIntervalSince(pickup.at) / 86_400).rounded(.up)))
            }
        }
        // Seeded variety in the documented proportions (600 journeys: loose bounds).
        #expect((10...60).contains(sawAttempt), "failed attempts: \(sawAttempt)")
        #expect((4...45).contains(sawPickup), "pickup points: \(sawPickup)")
        #expect((4...45).contains(sawException), "exceptions: \(sawException)")
        #expect(sawRevision > 30, "estimate revisions: \(sawRevision)")
        #expect(endings[.delivered, default: 0] > 540)
        #expect(transitDays.count >= 4, "transit days \(transitDays.sorted())")
        #expect(transitDays.allSatisfy { (1...16).contains($0) }, "transit days \(transitDays.sorted())")
    }

    @Test func dhlCrossesBordersThroughCustoms() {
        let journey = JourneyPlanner.plan(carrier: "dhl", trackingNumber: SimulatedTrackingNumber.make(carrier: "dhl", seed: 3),
                                          start: Self.start, seed: 3)
        #expect(journey.origin.country == "DE")
        #expect(journey.destination.country != "DE")
        #expect(journey.steps.contains { $0.substatus == .customsPending })
        #expect(journey.steps.contains { $0.substatus == .customsCleared || $0.substatus == .heldByCustoms })
        // Offsets follow each scan's place: German scans at +01:00, the rest at the destination's.
        #expect(journey.steps.first!.utcOffsetSeconds == 3600)
        #expect(journey.steps.last!.utcOffsetSeconds != 3600)
    }

    @Test(arguments: SimulatedCarrier.all)
    func trackingNumbersPassDetectionWithValidCheckDigits(carrier: String) {
        let detectedAs = carrier == "dhl" ? "dhl_express" : carrier
        for seed in UInt64(1)...200 {
            let number = SimulatedTrackingNumber.make(carrier: carrier, seed: seed)
            let candidate = TrackingNumberDetector.detect(number).candidates.first { $0.carrier == detectedAs }
            #expect(candidate?.checkDigitValid == true, "\(number) is not a valid \(detectedAs) number")
        }
        let lengths = Set((UInt64(1)...20).map { SimulatedTrackingNumber.make(carrier: carrier, seed: $0).count })
        #expect(lengths == [["ups": 18, "fedex": 12, "usps": 22, "dhl": 10][carrier]!])
    }

    private func localHour(_ step: SimulatedStep) -> Double {
        let local = LocalDateTime(instant: step.at, offset: UTCOffset(seconds: step.utcOffsetSeconds))
        return Double(local.time!.hour) + Double(local.time!.minute) / 60
    }
}
