import CarrierSimulator
import Foundation
import Logging
import Testing
import WaybillCore
import WaybillIngest
import WaybillStore
import WaybillTestSupport

/// Routing between carriers and sources against the carrier simulator over HTTP (issue 4, item 6):
/// a UPS parcel handed to USPS for the last mile, a failing carrier read through an aggregator,
/// and the tenant's poll modes.
@Suite struct RoutingPollingTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let quiet = {
        var logger = Logger(label: "test.routing")
        logger.logLevel = .critical
        return logger
    }()

    static func scheduler(_ store: any Store, baseURL: String, clock: TestClock, carriers: [String]) -> PollingScheduler {
        var configuration = PollingConfiguration(carriers: carriers.map { carrier in
            CarrierEndpoint(carrier: carrier, baseURL: baseURL, clientID: "waybill", clientSecret: "secret",
                            apiKey: carrier == "aftership" ? "as-key" : nil, ratePerSecond: 1000, burst: 1000)
        })
        configuration.requestTimeout = .seconds(10)
        configuration.breakerThreshold = 3
        return PollingScheduler(store: store, pipeline: IngestPipeline(store: store, observers: [], logger: quiet), configuration: configuration,
                                logger: quiet, now: clock.function)
    }

    @Test func aLastMileHandOverIsLinkedPolledAndMergedIntoOneTimeline() async throws {
        let simulator = CarrierSimulator(configuration: .init(speed: 0, start: Self.now, seed: 7), logger: Self.quiet)
        let split = try #require((UInt64(300)..<UInt64(340)).lazy.compactMap { seed in
            simulator.createHandedOverShipment(carrier: "ups", lastMileCarrier: "usps", seed: seed,
                                               start: Self.now.addingTimeInterval(-12 * 86_400))
        }.first { $0.lastMile.steps.last?.status == .delivered })
        try await simulator.withRunningServer { baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                let clock = TestClock(Self.now)
                let scheduler = Self.scheduler(store, baseURL: baseURL, clock: clock, carriers: ["ups", "usps"])
                let shipment = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "ups", number: split.first.trackingNumber)

                // UPS lists the USPS number as USPS_PIC: it becomes a leg of the same shipment.
                try await scheduler.drainOnce(carrier: "ups")
                let legs = try await store.legs(shipmentID: shipment.id, tenantID: tenant.id)
                #expect(legs.map(\.trackingNumber) == [split.lastMile.trackingNumber])
                #expect(legs.first?.carrier == "usps" && legs.first?.role == .lastMile && legs.first?.linkedBy == "ups")
                #expect(try await store.shipment(id: shipment.id, tenantID: tenant.id)?.status == .inTransit)

                // The USPS poller reads the leg; its scans land on the same shipment, each with its carrier.
                try await scheduler.drainOnce(carrier: "usps")
                let events = try await store.events(shipmentID: shipment.id, tenantID: tenant.id)
                #expect(events.count == split.first.steps.count + split.lastMile.steps.count)
                #expect(events.prefix(split.first.steps.count).allSatisfy { $0.carrier == "ups" })
                #expect(events.suffix(split.lastMile.steps.count).allSatisfy { $0.carrier == "usps" })
                #expect(events.map(\.event.status) == (split.first.steps + split.lastMile.steps).map(\.status))
                let current = try #require(try await store.shipment(id: shipment.id, tenantID: tenant.id))
                #expect(current.status == .delivered && current.carrier == "ups")
                #expect(try await store.legs(shipmentID: shipment.id, tenantID: tenant.id).first?.polling.lastCheckedAt == Self.now)
                #expect(simulator.stats().requests(carrier: "usps", endpoint: "track") == 1)

                // A later UPS answer names the same number again: still one leg.
                clock.advance(2 * 86_400)
                try await scheduler.drainOnce(carrier: "ups")
                #expect(try await store.legs(shipmentID: shipment.id, tenantID: tenant.id).count == 1)
            }
        }
    }

    @Test func aFailingCarrierIsReadThroughTheAggregatorAndItsOwnScansWinOnceItRecovers() async throws {
        let simulator = CarrierSimulator(configuration: .init(speed: 0, start: Self.now, seed: 11), logger: Self.quiet)
        let journey = simulator.createShipment(carrier: "ups", seed: 41, start: Self.now.addingTimeInterval(-3 * 86_400))
        let visible = journey.visibleSteps(at: Self.now)
        try #require(visible.count > 2)
        try await simulator.withRunningServer { baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                let other = try await store.ensureTenant(named: "no-fallback")
                _ = try await store.saveRoutingRule(RoutingRule(carrier: "ups", fallbackAggregator: "aftership", fallbackAfterFailures: 1),
                                                    tenantID: tenant.id, actor: "test")
                let clock = TestClock(Self.now)
                let scheduler = Self.scheduler(store, baseURL: baseURL, clock: clock, carriers: ["ups", "aftership"])
                let shipment = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "ups", number: journey.trackingNumber)
                let unrouted = try await PollingFixture.register(store, tenantID: other.id, carrier: "ups", number: journey.trackingNumber)

                // UPS answers 500: the tenant with the rule gets the scans through AfterShip, the other one waits.
                simulator.faults.inject(FaultRule(carrier: "ups", kind: .serverError, count: 2))
                try await scheduler.drainOnce(carrier: "ups")
                let relayed = try await store.events(shipmentID: shipment.id, tenantID: tenant.id)
                #expect(relayed.count == visible.count)
                #expect(relayed.allSatisfy { $0.reportedBy == "aftership" && $0.carrier == "ups" && $0.source == .poll })
                #expect(try await store.shipment(id: shipment.id, tenantID: tenant.id)?.status == visible.last?.status)
                let state = try #require(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id))
                #expect(state.consecutiveFailures == 1 && state.outcome == .changed)
                #expect(try await store.events(shipmentID: unrouted.id, tenantID: other.id).isEmpty)
                #expect(try await store.pollingState(shipmentID: unrouted.id, tenantID: other.id)?.outcome == .failed)
                #expect(simulator.stats().requests(carrier: "aftership", endpoint: "track") == 1)

                // UPS is back. The scans AfterShip relayed are the same scans (same instant, place
                // and status): one event each, now reported by both feeds; the newer ones are UPS's.
                simulator.faults.clear()
                clock.advance(2 * 86_400)
                simulator.clock.advance(by: 2 * 86_400)
                try await scheduler.drainOnce(carrier: "ups")
                let timeline = try await store.events(shipmentID: shipment.id, tenantID: tenant.id)
                #expect(timeline.count == journey.visibleSteps(at: clock.now).count && timeline.count > visible.count)
                #expect(timeline.prefix(visible.count).allSatisfy { $0.reportedBy == "aftership" && $0.rawPayloadIDs.count == 2 })
                #expect(timeline.dropFirst(visible.count).allSatisfy { $0.reportedBy == "ups" && $0.rawPayloadIDs.count == 1 })
                #expect(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id)?.consecutiveFailures == 0)
            }
        }
    }

    @Test func whileTheCarriersBreakerIsOpenTheAggregatorIsAskedWithoutCallingTheCarrier() async throws {
        let simulator = CarrierSimulator(configuration: .init(speed: 0, start: Self.now, seed: 13), logger: Self.quiet)
        let journeys = (0..<4).map { simulator.createShipment(carrier: "ups", seed: UInt64(60 + $0), start: Self.now.addingTimeInterval(-2 * 86_400)) }
        try await simulator.withRunningServer { baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                _ = try await store.saveRoutingRule(RoutingRule(carrier: "ups", fallbackAggregator: "aftership", fallbackAfterFailures: 1),
                                                    tenantID: tenant.id, actor: "test")
                let clock = TestClock(Self.now)
                let scheduler = Self.scheduler(store, baseURL: baseURL, clock: clock, carriers: ["ups", "aftership"])
                var shipments: [Shipment] = []
                for journey in journeys.prefix(3) {
                    shipments.append(try await PollingFixture.register(store, tenantID: tenant.id, carrier: "ups", number: journey.trackingNumber))
                }
                simulator.faults.inject(FaultRule(carrier: "ups", kind: .serverError, count: 100))
                // Three 500s open the breaker (threshold 3); each shipment was read through AfterShip.
                try await scheduler.drainOnce(carrier: "ups")
                #expect(simulator.stats().requests(carrier: "ups", endpoint: "track") == 3)
                #expect(await scheduler.poller.connection("ups")?.gate.breakerIsClosed == false)
                // A shipment registered now is claimed all the same and read through AfterShip alone.
                let late = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "ups", number: journeys[3].trackingNumber)
                try await scheduler.drainOnce(carrier: "ups")
                #expect(simulator.stats().requests(carrier: "ups", endpoint: "track") == 3)
                #expect(simulator.stats().requests(carrier: "aftership", endpoint: "track") == 4)
                for shipment in shipments + [late] {
                    let events = try await store.events(shipmentID: shipment.id, tenantID: tenant.id)
                    #expect(!events.isEmpty && events.allSatisfy { $0.reportedBy == "aftership" })
                }
                #expect(try await store.pollingState(shipmentID: late.id, tenantID: tenant.id)?.consecutiveFailures == 0)
            }
        }
    }

    @Test func pollModesHoldTheCarrierCallBack() async throws {
        // Registration and webhook receipt stamp real time, so this test's clock starts now.
        let start = Date()
        let simulator = CarrierSimulator(configuration: .init(speed: 0, start: start, seed: 5), logger: Self.quiet)
        let quiet = simulator.createShipment(carrier: "ups", seed: 51, start: start.addingTimeInterval(-2 * 86_400))
        let silent = simulator.createShipment(carrier: "ups", seed: 52, start: start.addingTimeInterval(-2 * 86_400))
        let never = simulator.createShipment(carrier: "fedex", seed: 53, start: start.addingTimeInterval(-2 * 86_400))
        try await simulator.withRunningServer { baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                _ = try await store.createWebhookEndpoint(tenantID: tenant.id, carrier: "ups", actor: "test")
                _ = try await store.saveRoutingRule(RoutingRule(carrier: "ups", poll: .whenWebhookSilent, webhookSilenceAfter: .seconds(3600)),
                                                    tenantID: tenant.id, actor: "test")
                _ = try await store.saveRoutingRule(RoutingRule(carrier: "fedex", poll: .never), tenantID: tenant.id, actor: "test")
                let clock = TestClock(start)
                let scheduler = Self.scheduler(store, baseURL: baseURL, clock: clock, carriers: ["ups", "fedex"])
                let pushed = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "ups", number: quiet.trackingNumber)
                let unheard = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "ups", number: silent.trackingNumber)
                let unpolled = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "fedex", number: never.trackingNumber)
                _ = try await store.ingest(IngestBatch(
                    tenantID: tenant.id,
                    raw: NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: Data("hook".utf8)),
                    events: [.init(shipmentID: pushed.id, event: CanonicalEvent(status: .inTransit, occurredAt: start.addingTimeInterval(-900)),
                                   carrier: "ups")],
                    actor: "test"))

                // Webhooks are the source: no UPS call within the hour of silence (a shipment
                // never pushed counts as silent since its registration); FedEx is never called.
                try await scheduler.drainOnce(carrier: "ups")
                try await scheduler.drainOnce(carrier: "fedex")
                #expect(simulator.stats().requests(carrier: "ups", endpoint: "track") == 0)
                #expect(simulator.stats().requests(carrier: "fedex", endpoint: "track") == 0)
                for id in [pushed.id, unheard.id] {
                    let held = try #require(try await store.pollingState(shipmentID: id, tenantID: tenant.id))
                    #expect(held.outcome == .skipped && held.lastCheckedAt == nil)
                    let heldUntil = try #require(held.nextCheckAt)
                    #expect(heldUntil > start && heldUntil <= Date().addingTimeInterval(3600))
                }
                let fedex = try #require(try await store.pollingState(shipmentID: unpolled.id, tenantID: tenant.id))
                #expect(fedex.outcome == .skipped && (fedex.nextCheckAt ?? .distantPast) >= start.addingTimeInterval(86_000))

                // An hour of silence later, polling takes over.
                clock.advance(3700)
                try await scheduler.drainOnce(carrier: "ups")
                #expect(simulator.stats().requests(carrier: "ups", endpoint: "track") == 2)
                let checked = try #require(try await store.pollingState(shipmentID: pushed.id, tenantID: tenant.id)?.lastCheckedAt)
                #expect(abs(checked.timeIntervalSince(clock.now)) < 0.001)
                #expect(try await store.pollingState(shipmentID: unheard.id, tenantID: tenant.id)?.outcome == .changed)
            }
        }
    }
}
