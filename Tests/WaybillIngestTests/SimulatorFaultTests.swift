import CarrierSimulator
import Foundation
import Logging
import Testing
import WaybillCore
import WaybillIngest
import WaybillStore
import WaybillTestSupport

/// The simulator misbehaves for a carrier for a while: the breaker holds that carrier back, the
/// others keep flowing, and everything catches up afterwards without duplicates.
@Suite struct SimulatorFaultTests {
    @Test func faultyCarrierIsHeldBackAndCatchesUp() async throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let quiet = {
            var logger = Logger(label: "test.simulator")
            logger.logLevel = .critical
            return logger
        }()
        let simulator = CarrierSimulator(configuration: .init(speed: 0, start: now, seed: 11, dhlAPIKey: "dhl-key"), logger: quiet)
        let carriers = ["ups", "fedex", "usps"]
        let journeys = carriers.enumerated().flatMap { index, carrier in
            (0..<4).map { simulator.createShipment(carrier: carrier, seed: UInt64(300 + index * 10 + $0), start: now.addingTimeInterval(-3 * 86_400)) }
        }
        simulator.faults.inject(FaultRule(carrier: "ups", kind: .serverError, count: 3))
        simulator.faults.inject(FaultRule(carrier: "usps", kind: .malformed, count: 1))
        simulator.faults.inject(FaultRule(carrier: "fedex", kind: .duplicate, count: 2))
        try await simulator.withRunningServer { baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                var configuration = PollingConfiguration(carriers: carriers.map {
                    CarrierEndpoint(carrier: $0, baseURL: baseURL, clientID: "waybill", clientSecret: "secret", ratePerSecond: 1000, burst: 1000)
                })
                configuration.breakerThreshold = 3
                configuration.breakerCoolDown = 60
                configuration.concurrency = 1
                let clock = TestClock(now)
                let scheduler = PollingScheduler(store: store, pipeline: IngestPipeline(store: store, observers: [], logger: quiet),
                                                 configuration: configuration, logger: quiet, now: clock.function)
                var shipments: [(Shipment, SimulatedJourney)] = []
                for journey in journeys {
                    shipments.append((try await PollingFixture.register(store, tenantID: tenant.id, carrier: journey.carrier,
                                                                         number: journey.trackingNumber), journey))
                }
                for carrier in carriers { try await scheduler.drainOnce(carrier: carrier) }
                let ups = try #require(scheduler.poller.connection("ups")?.gate)
                #expect(await ups.breakerIsClosed == false)
                let upsChecked = try await shipments.filter { $0.1.carrier == "ups" }.asyncMap {
                    try await store.pollingState(shipmentID: $0.0.id, tenantID: tenant.id)?.outcome
                }
                #expect(upsChecked.filter { $0 == .failed }.count == 3 && upsChecked.filter { $0 == .skipped }.count == 1)
                // FedEx flowed while UPS was failing.
                for (shipment, journey) in shipments where journey.carrier == "fedex" {
                    #expect(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id)?.outcome == .changed)
                }
                let failedPayloads = try await store.rawPayloads(tenantID: tenant.id, status: .failed, cursor: nil, limit: 10).items
                #expect(failedPayloads.count == 1 && failedPayloads.first?.source == .poll && failedPayloads.first?.carrier == "usps")

                // Later: everything is caught up, once each, with every step stored once.
                for _ in 0..<6 {
                    clock.advance(120)
                    for carrier in carriers { while try await scheduler.drainOnce(carrier: carrier) {} }
                }
                #expect(await ups.breakerIsClosed)
                for (shipment, journey) in shipments {
                    let stored = try await store.events(shipmentID: shipment.id, tenantID: tenant.id)
                    #expect(stored.count == journey.visibleSteps(at: now).count, "\(journey.carrier) \(journey.trackingNumber)")
                    let state = try #require(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id))
                    #expect(state.consecutiveFailures == 0 && state.lastCheckedAt != nil)
                }
            }
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
