import CarrierSimulator
import Foundation
import Testing
import WaybillCarriers
import WaybillCore

/// Waybill's own adapters build each request, the simulator answers over real HTTP, and the
/// same adapters parse the answer: the events must be the journey's visible steps.
@Suite("Carrier round trips")
struct CarrierRoundTripTests {
    static let start = Date(timeIntervalSince1970: 1_763_564_400) // 2025-11-19T15:00:00Z

    /// Seeds whose journeys cover every ending (normal, failed attempt, pickup point, exception, return).
    static func variedSeeds(carrier: String) -> [UInt64] {
        var chosen: [UInt64] = [1]
        var wanted: [ShipmentStatus] = [.attemptFailed, .availableForPickup, .exception, .returnedToSender]
        for seed in UInt64(2)...3000 where !wanted.isEmpty {
            let journey = JourneyPlanner.plan(carrier: carrier, trackingNumber: SimulatedTrackingNumber.make(carrier: carrier, seed: seed),
                                              start: start, seed: seed)
            if let index = wanted.firstIndex(where: { status in journey.steps.contains { $0.status == status } }) {
                wanted.remove(at: index)
                chosen.append(seed)
            }
        }
        return chosen
    }

    @Test(arguments: SimulatedCarrier.all)
    func adapterReadsWhatTheSimulatorServes(carrier: String) async throws {
        let simulator = CarrierSimulator.quiet(.init(speed: 0, start: Self.start.addingTimeInterval(-60)))
        let journeys = Self.variedSeeds(carrier: carrier).map {
            simulator.createShipment(carrier: carrier, seed: $0, start: Self.start)
        }
        #expect(journeys.count == 5)
        let adapter = SimulatorHTTP.adapter(carrier)
        try await simulator.withRunningServer { baseURL in
            let configuration = try await SimulatorHTTP.configuration(carrier: carrier, baseURL: baseURL)
            for journey in journeys {
                // Before the label: the carrier's own "not found".
                simulator.clock.set(to: Self.start.addingTimeInterval(-60))
                let before = try await SimulatorHTTP.send(adapter.trackingRequest(for: [journey.trackingNumber], configuration: configuration))
                let unknown = try adapter.parse(before.body)
                #expect(unknown.shipments.isEmpty)
                #expect(unknown.notices.map(\.kind) == [.notFound], "\(carrier): \(String(decoding: before.body, as: UTF8.self))")

                // Part way, and at the end.
                for visible in [1, journey.steps.count / 2, journey.steps.count] {
                    simulator.clock.set(to: journey.steps[visible - 1].at)
                    let reply = try await SimulatorHTTP.send(adapter.trackingRequest(for: [journey.trackingNumber], configuration: configuration))
                    #expect(reply.status == 200)
                    let parsed = try adapter.parse(reply.body)
                    let shipment = try #require(parsed.shipments.first)
                    #expect(shipment.trackingNumber == journey.trackingNumber)
                    let events = StatusResolver.chronologicalOrder(shipment.events).map { shipment.events[$0] }
                    let steps = journey.visibleSteps(at: simulator.clock.now())
                    #expect(steps.count == visible)
                    try #require(events.count == steps.count, "\(carrier) \(journey.trackingNumber): \(events.count) events for \(steps.count) steps")
                    for (event, step) in zip(events, steps) {
                        #expect(event.status == step.status, "\(carrier) \(step.description): \(event.status) ≠ \(step.status)")
                        #expect(event.substatus != .unmapped, "\(carrier) \(step.description) is unmapped")
                        #expect(event.occurredAt == step.at, "\(carrier) \(step.description): \(String(describing: event.occurredAt)) ≠ \(step.at)")
                        #expect(event.utcOffset?.seconds == step.utcOffsetSeconds, "\(carrier) \(step.description) offset")
                        #expect(event.location?.country == step.location.country)
                    }
                    #expect(shipment.state.status == steps.last!.status)
                    if let expected = steps.last!.estimatedDelivery {
                        let estimate = try #require(shipment.estimatedDelivery, "\(carrier): no estimate")
                        let day = LocalDateTime(instant: expected, offset: UTCOffset(seconds: destinationOffset(journey.destination, expected)))
                        #expect(estimate.earliest.local?.date == day.date, "\(carrier): estimate \(String(describing: estimate.earliest.local)) vs \(day)")
                    }
                }
            }
        }
    }

    @Test func fedExAnswersSeveralNumbersInOneCall() async throws {
        let simulator = CarrierSimulator.quiet(.init(speed: 0, start: Self.start.addingTimeInterval(86_400)))
        let known = simulator.createShipment(carrier: "fedex", seed: 11, start: Self.start)
        let later = simulator.createShipment(carrier: "fedex", seed: 12, start: Self.start.addingTimeInterval(7 * 86_400))
        try await simulator.withRunningServer { baseURL in
            let configuration = try await SimulatorHTTP.configuration(carrier: "fedex", baseURL: baseURL)
            let request = FedExAdapter().trackingRequest(for: [known.trackingNumber, later.trackingNumber, "123456789012"], configuration: configuration)
            let parsed = try FedExAdapter().parse(try await SimulatorHTTP.send(request).body)
            #expect(parsed.shipments.map(\.trackingNumber) == [known.trackingNumber])
            #expect(Set(parsed.notices.compactMap(\.trackingNumber)) == [later.trackingNumber, "123456789012"])
            #expect(parsed.notices.allSatisfy { $0.kind == .notFound })
        }
    }
}

/// The destination's offset at an instant (as the carriers print estimates).
func destinationOffset(_ location: Location, _ instant: Date) -> Int {
    ZoneResolver.zone(for: location)?.secondsFromGMT(for: instant) ?? 0
}
