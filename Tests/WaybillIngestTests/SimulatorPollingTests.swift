import CarrierSimulator
import Foundation
import Logging
import Testing
import WaybillCore
import WaybillIngest
import WaybillStore
import WaybillTestSupport

/// Polls the carrier simulator (UPS, FedEx, USPS with OAuth; DHL with an API key) in its real
/// formats, in-process on an ephemeral port: what Waybill stores matches the simulated journeys.
@Suite struct SimulatorPollingTests {
    @Test func pollingTheSimulatorStoresEveryCarriersJourney() async throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let quiet = {
            var logger = Logger(label: "test.simulator")
            logger.logLevel = .critical
            return logger
        }()
        let simulator = CarrierSimulator(configuration: .init(speed: 0, start: now, seed: 7, dhlAPIKey: "dhl-key"), logger: quiet)
        let carriers = ["ups", "fedex", "usps", "dhl"]
        // Labels created ten and two days ago: one journey over, one under way.
        let journeys = carriers.enumerated().flatMap { index, carrier in
            [simulator.createShipment(carrier: carrier, seed: UInt64(100 + index), start: now.addingTimeInterval(-10 * 86_400)),
             simulator.createShipment(carrier: carrier, seed: UInt64(200 + index), start: now.addingTimeInterval(-2 * 86_400))]
        }
        try await simulator.withRunningServer { baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                var configuration = PollingConfiguration(carriers: carriers.map { carrier in
                    CarrierEndpoint(carrier: carrier, baseURL: baseURL, clientID: "waybill", clientSecret: "secret",
                                    apiKey: carrier == "dhl" ? "dhl-key" : nil, ratePerSecond: 1000, burst: 1000)
                })
                configuration.requestTimeout = .seconds(10)
                let clock = TestClock(now)
                let scheduler = PollingScheduler(store: store, pipeline: IngestPipeline(store: store, observers: [], logger: quiet),
                                                 configuration: configuration, logger: quiet, now: clock.function)
                var shipments: [(Shipment, SimulatedJourney)] = []
                for journey in journeys {
                    shipments.append((try await PollingFixture.register(store, tenantID: tenant.id, carrier: journey.carrier,
                                                                         number: journey.trackingNumber), journey))
                }
                for carrier in carriers { try await scheduler.drainOnce(carrier: carrier) }
                for (shipment, journey) in shipments {
                    let visible = journey.visibleSteps(at: now)
                    let stored = try await store.events(shipmentID: shipment.id, tenantID: tenant.id)
                    let current = try #require(try await store.shipment(id: shipment.id, tenantID: tenant.id))
                    let state = try #require(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id))
                    #expect(state.outcome == .changed, "\(journey.carrier) \(journey.trackingNumber): \(String(describing: state.outcome))")
                    #expect(stored.count == visible.count, "\(journey.carrier): \(stored.count) events for \(visible.count) steps")
                    #expect(current.status == visible.last?.status, "\(journey.carrier): \(current.status)")
                    #expect(state.lastCheckedAt == now)
                    if !current.status.isTerminal { #expect(try #require(state.nextCheckAt) > now) }
                    if journey.carrier == "ups", !current.status.isTerminal, visible.last?.estimatedDelivery != nil {
                        #expect(current.estimatedDelivery?.source == .carrier, "a poll stores the carrier's estimate with its events")
                    }
                }
            }
        }
    }
}
