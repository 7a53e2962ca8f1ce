import Foundation
import Logging
import Testing
import WaybillCore
import WaybillIngest
import WaybillStore
import WaybillTestSupport

/// Polls against a real carrier API on loopback, into a real database.
@Suite struct PollerTests {
    @Test(arguments: TestDatabase.available)
    func pollStoresEventsAndSchedulesTheNextCheck(_ database: TestDatabase) async throws {
        let script = CarrierScript()
        try await TestCarrierServer.run(script) { baseURL in
            try await database.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                let clock = TestClock(PollingFixture.start)
                let scheduler = PollingFixture.scheduler(store, baseURL: baseURL, clock: clock)
                let shipment = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "ups", number: TestCarrierServer.upsNumber)

                #expect(try await scheduler.drainOnce(carrier: "ups"))
                let events = try await store.events(shipmentID: shipment.id, tenantID: tenant.id)
                #expect(!events.isEmpty)
                #expect(events.allSatisfy { $0.source == .poll })
                let rawID = try #require(events.first?.rawPayloadID)
                let raw = try #require(try await store.rawPayload(id: rawID, tenantID: tenant.id))
                #expect(raw.source == .poll && raw.carrier == "ups" && raw.status == .parsed)
                #expect(try await store.shipment(id: shipment.id, tenantID: tenant.id)?.status == .delivered)

                let first = try #require(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id))
                #expect(first.outcome == .changed)
                #expect(first.lastCheckedAt == clock.now)
                // Delivered: one late look after the 24 h grace period.
                let next = try #require(first.nextCheckAt)
                #expect(next > clock.now.addingTimeInterval(3600))
                #expect(first.etag != nil)
                // Not due yet: nothing is claimed.
                #expect(try await scheduler.drainOnce(carrier: "ups") == false)

                clock.advance(next.timeIntervalSince(clock.now) + 1)
                #expect(try await scheduler.drainOnce(carrier: "ups"))
                let second = try #require(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id))
                #expect(second.outcome == .notModified)
                #expect(await script.conditionalHits == 1)
                #expect(second.state == .finished && second.nextCheckAt == nil)
                #expect(second.lastCheckedAt == clock.now)
                #expect(try await scheduler.drainOnce(carrier: "ups") == false)
                #expect(await script.callsByNumber[TestCarrierServer.upsNumber] == 2)
            }
        }
    }

    @Test func oauthTokenIsFetchedOnceReusedAndRefreshed() async throws {
        let script = CarrierScript()
        await script.setTokenLifetime(3600)
        try await TestCarrierServer.run(script) { baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                let clock = TestClock(PollingFixture.start)
                let scheduler = PollingFixture.scheduler(store, baseURL: baseURL, clock: clock, concurrency: 3)
                for index in 0..<3 { _ = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "ups", number: PollingFixture.upsNumber(index)) }
                try await scheduler.drainOnce(carrier: "ups")
                #expect(await script.tokenFetches == 1)
                #expect(await script.callsByCarrier["ups"] == 3)

                // Within a minute of expiry the cached token is refreshed before use.
                clock.advance(3600 - 30)
                _ = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "ups", number: PollingFixture.upsNumber(10))
                try await scheduler.drainOnce(carrier: "ups")
                #expect(await script.tokenFetches == 2)

                // Revoked early: the 401 triggers one fetch and one retry.
                await script.revokeTokens()
                let late = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "ups", number: PollingFixture.upsNumber(11))
                try await scheduler.drainOnce(carrier: "ups")
                #expect(await script.unauthorized == 1)
                #expect(await script.tokenFetches == 3)
                #expect(try await store.pollingState(shipmentID: late.id, tenantID: tenant.id)?.outcome == .changed)
            }
        }
    }

    @Test func rateLimitedCallHonoursRetryAfterForTheWholeCarrier() async throws {
        let script = CarrierScript()
        await script.set("dhl", .status(429, retryAfter: "120"))
        try await TestCarrierServer.run(script) { baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                let clock = TestClock(PollingFixture.start)
                let scheduler = PollingFixture.scheduler(store, baseURL: baseURL, clock: clock)
                let first = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "dhl", number: "00340434161094000001")
                try await scheduler.drainOnce(carrier: "dhl")
                let state = try #require(try await store.pollingState(shipmentID: first.id, tenantID: tenant.id))
                #expect(state.outcome == .rateLimited)
                #expect(try #require(state.nextCheckAt) >= clock.now.addingTimeInterval(120))

                // Nobody calls DHL before the pause ends, whatever is due.
                _ = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "dhl", number: "00340434161094000002")
                clock.advance(60)
                #expect(try await scheduler.drainOnce(carrier: "dhl") == false)
                #expect(await script.callsByCarrier["dhl"] == 1)

                await script.set("dhl", .fixture)
                clock.advance(70)
                while try await scheduler.drainOnce(carrier: "dhl") {}
                #expect(await script.callsByCarrier["dhl"] == 3)
                #expect(try await store.pollingState(shipmentID: first.id, tenantID: tenant.id)?.outcome == .changed)
            }
        }
    }

    @Test func serverErrorsOpenTheBreakerWhileAnotherCarrierKeepsFlowing() async throws {
        let script = CarrierScript()
        await script.set("ups", .status(500, retryAfter: nil))
        try await TestCarrierServer.run(script) { baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                let clock = TestClock(PollingFixture.start)
                let scheduler = PollingFixture.scheduler(store, baseURL: baseURL, clock: clock)
                var ups: [Shipment] = []
                for index in 0..<5 { ups.append(try await PollingFixture.register(store, tenantID: tenant.id, carrier: "ups", number: PollingFixture.upsNumber(index))) }
                var dhl: [Shipment] = []
                for index in 0..<2 { dhl.append(try await PollingFixture.register(store, tenantID: tenant.id, carrier: "dhl", number: "0034043416109400000\(index)")) }

                try await scheduler.drainOnce(carrier: "ups")
                // Three failures open the breaker: the other two shipments are not called.
                #expect(await script.callsByCarrier["ups"] == 3)
                var outcomes: [PollOutcome] = []
                for shipment in ups { outcomes.append(try #require(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id)?.outcome)) }
                #expect(outcomes.filter { $0 == .failed }.count == 3)
                #expect(outcomes.filter { $0 == .skipped }.count == 2)
                let gate = try #require(scheduler.poller.connection("ups")?.gate)
                #expect(await gate.breakerIsClosed == false)
                #expect(try await scheduler.drainOnce(carrier: "ups") == false)

                // DHL is untouched by UPS's trouble.
                try await scheduler.drainOnce(carrier: "dhl")
                #expect(await script.callsByCarrier["dhl"] == 2)
                for shipment in dhl {
                    #expect(try await store.events(shipmentID: shipment.id, tenantID: tenant.id).isEmpty == false)
                }

                // After the cool-down one probe goes out; it succeeds and the breaker closes.
                await script.set("ups", .fixture)
                clock.advance(61)
                try await scheduler.drainOnce(carrier: "ups")
                #expect(await script.callsByCarrier["ups"] == 4)
                #expect(await gate.breakerIsClosed)
                clock.advance(3600)
                while try await scheduler.drainOnce(carrier: "ups") {}
                for shipment in ups {
                    #expect(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id)?.outcome == .changed)
                }
            }
        }
    }

    @Test func notFoundIsRetriedWithGrowingGapsThenMarked() async throws {
        let script = CarrierScript()
        try await TestCarrierServer.run(script) { baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                let clock = TestClock(PollingFixture.start)
                let scheduler = PollingFixture.scheduler(store, baseURL: baseURL, clock: clock)
                let shipment = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "dhl", number: "NOTFOUND0001")
                await script.set("dhl", .notFound)
                var gaps: [TimeInterval] = []
                while try await scheduler.drainOnce(carrier: "dhl") {
                    let state = try #require(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id))
                    guard let next = state.nextCheckAt else { break }
                    gaps.append(next.timeIntervalSince(clock.now))
                    clock.advance(next.timeIntervalSince(clock.now) + 1)
                }
                let final = try #require(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id))
                #expect(final.state == .notFound && final.outcome == .notFound && final.nextCheckAt == nil)
                #expect(final.consecutiveNotFound == PollingPolicy.Settings().notFoundLimit)
                #expect(zip(gaps, gaps.dropFirst()).allSatisfy { $0 <= $1 })
                #expect(try await store.shipment(id: shipment.id, tenantID: tenant.id) != nil)
            }
        }
    }

    @Test func timeoutIsAFailureRetriedWithBackoff() async throws {
        let script = CarrierScript()
        await script.set("dhl", .hang(.seconds(5)))
        try await TestCarrierServer.run(script) { baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                let clock = TestClock(PollingFixture.start)
                let scheduler = PollingFixture.scheduler(store, baseURL: baseURL, clock: clock, timeout: .milliseconds(300))
                let shipment = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "dhl", number: "00340434161094000009")
                try await scheduler.drainOnce(carrier: "dhl")
                let state = try #require(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id))
                #expect(state.outcome == .failed && state.consecutiveFailures == 1)
                // Full jitter over the first backoff step (30 s).
                let next = try #require(state.nextCheckAt)
                #expect(next >= clock.now && next <= clock.now.addingTimeInterval(30))
                #expect(try await store.events(shipmentID: shipment.id, tenantID: tenant.id).isEmpty)
            }
        }
    }

    @Test func servicesRunOnlyWhenACarrierIsConfigured() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let pipeline = IngestPipeline(store: store, observers: [])
            let logger = Logger(label: "test")
            let base = "https://track.example.com"
            #expect(PollingScheduler.services(store: store, pipeline: pipeline, publicBaseURL: base, logger: logger, environment: [:]).isEmpty)
            // The scheduler and the push subscriber.
            let services = PollingScheduler.services(store: store, pipeline: pipeline, publicBaseURL: base, logger: logger,
                                                     environment: ["WAYBILL_CARRIER_USPS_BASE_URL": "http://127.0.0.1:1"])
            #expect(services.count == 2 && services.contains { $0 is PollingScheduler } && services.contains { $0 is PushSubscriber })
            #expect(PollingScheduler.services(store: store, pipeline: pipeline, publicBaseURL: base, logger: logger,
                                              environment: ["WAYBILL_CARRIER_USPS_BASE_URL": "http://127.0.0.1:1",
                                                            "WAYBILL_PUSH_SUBSCRIBE_INTERVAL_SECONDS": "0"]).isEmpty)
        }
    }

    @Test func configurationComesFromTheEnvironment() throws {
        let configuration = try #require(try PollingConfiguration.fromEnvironment([
            "WAYBILL_CARRIER_UPS_BASE_URL": "http://127.0.0.1:9999", "WAYBILL_CARRIER_UPS_CLIENT_ID": "id",
            "WAYBILL_CARRIER_UPS_CLIENT_SECRET": "secret", "WAYBILL_CARRIER_UPS_RATE_PER_SECOND": "3",
            "WAYBILL_CARRIER_DHL_BASE_URL": "http://127.0.0.1:9998", "WAYBILL_CARRIER_DHL_API_KEY": "k", "WAYBILL_CARRIER_DHL_BURST": "2",
        ]))
        let ups = try #require(configuration.carriers.first { $0.carrier == "ups" })
        #expect(ups.clientID == "id" && ups.ratePerSecond == 3 && ups.burst == 6)
        let dhl = try #require(configuration.carriers.first { $0.carrier == "dhl" })
        #expect(dhl.apiKey == "k" && dhl.burst == 2)
        #expect(try PollingConfiguration.fromEnvironment([:]) == nil)
        #expect(throws: PollingConfigurationError.self) {
            try PollingConfiguration.fromEnvironment(["WAYBILL_CARRIER_UPS_BASE_URL": "http://x", "WAYBILL_CARRIER_UPS_RATE_PER_SECOND": "fast"])
        }
    }
}
