import AsyncHTTPClient
import CarrierSimulator
import Foundation
import Testing
import WaybillCarriers
import WaybillCore

@Suite("Fault injection")
struct FaultTests {
    static let start = Date(timeIntervalSince1970: 1_763_564_400)

    /// A simulator with one delivered parcel per carrier, and a way to track it as Waybill does.
    struct Harness {
        let simulator: CarrierSimulator
        let baseURL: String
        let journeys: [String: SimulatedJourney]

        func track(_ carrier: String, timeout: Int64 = 10) async throws -> SimulatorHTTP.Reply {
            let configuration = try await SimulatorHTTP.configuration(carrier: carrier, baseURL: baseURL)
            let request = SimulatorHTTP.adapter(carrier).trackingRequest(for: [journeys[carrier]!.trackingNumber], configuration: configuration)
            return try await SimulatorHTTP.send(request, timeout: .seconds(timeout))
        }

        func inject(_ json: String) async throws {
            let reply = try await SimulatorHTTP.post(baseURL + "/_simulator/faults", json: json)
            #expect(reply.status == 201, "\(String(decoding: reply.body, as: UTF8.self))")
        }
    }

    static func withHarness(timeoutDelay: TimeInterval = 30, _ body: @Sendable (Harness) async throws -> Void) async throws {
        let simulator = CarrierSimulator.quiet(.init(speed: 0, start: start.addingTimeInterval(20 * 86_400), timeoutDelay: timeoutDelay))
        var journeys: [String: SimulatedJourney] = [:]
        for carrier in SimulatedCarrier.all { journeys[carrier] = simulator.createShipment(carrier: carrier, seed: 21, start: start) }
        try await simulator.withRunningServer { [journeys] baseURL in
            try await body(Harness(simulator: simulator, baseURL: baseURL, journeys: journeys))
        }
    }

    @Test(arguments: SimulatedCarrier.all)
    func rateLimitAnswers429WithRetryAfterThenRecovers(carrier: String) async throws {
        try await Self.withHarness { harness in
            try await harness.inject(#"{"carrier":"\#(carrier)","fault":"rate_limit","count":2}"#)
            for _ in 0..<2 {
                let limited = try await harness.track(carrier)
                #expect(limited.status == 429)
                #expect(limited.header("Retry-After") == "1")
                // Still the carrier's error shape: the adapter reads it as an error notice.
                #expect(try SimulatorHTTP.adapter(carrier).parse(limited.body).notices.first?.kind == .error)
            }
            #expect(try await harness.track(carrier).status == 200)
            #expect(harness.simulator.stats().faults(carrier: carrier, kind: .rateLimit) == 2)
        }
    }

    @Test func serverErrorHitsOnlyItsCarrier() async throws {
        try await Self.withHarness { harness in
            try await harness.inject(#"{"carrier":"fedex","fault":"server_error","for_seconds":60}"#)
            #expect(try await harness.track("fedex").status == 500)
            #expect(try await harness.track("fedex").status == 500)
            for other in ["ups", "usps", "dhl"] { #expect(try await harness.track(other).status == 200) }
            let cleared = try await SimulatorHTTP.send(CarrierRequest(method: "DELETE", url: harness.baseURL + "/_simulator/faults?carrier=fedex"))
            #expect(cleared.status == 200)
            #expect(try await harness.track("fedex").status == 200)
            #expect(harness.simulator.stats().faults(carrier: "fedex", kind: .serverError) == 2)
        }
    }

    @Test func faultWindowsEndAndCountsRunOut() {
        final class Now: @unchecked Sendable { var value = Date(timeIntervalSince1970: 1_000_000) }
        let now = Now()
        let injector = FaultInjector(now: { now.value })
        injector.inject(FaultRule(carrier: "ups", kind: .serverError, until: now.value.addingTimeInterval(10)))
        injector.inject(FaultRule(carrier: "dhl_express", kind: .duplicate, count: 3))
        #expect(injector.active().map(\.kind) == [.serverError, .duplicate])
        #expect(injector.active().last?.carrier == "dhl")
        now.value.addTimeInterval(11)
        #expect(injector.active().map(\.kind) == [.duplicate])
        injector.clear(carrier: "dhl")
        #expect(injector.active().isEmpty)
    }

    @Test func timeoutHoldsTheAnswerBeyondTheClientsPatience() async throws {
        try await Self.withHarness(timeoutDelay: 4) { harness in
            try await harness.inject(#"{"carrier":"usps","fault":"timeout","count":1}"#)
            await #expect(throws: HTTPClientError.self) { try await harness.track("usps", timeout: 1) }
            #expect(try await harness.track("usps").status == 200)
            #expect(harness.simulator.stats().faults(carrier: "usps", kind: .timeout) == 1)
        }
    }

    @Test(arguments: SimulatedCarrier.all)
    func malformedBodiesDoNotParse(carrier: String) async throws {
        try await Self.withHarness { harness in
            try await harness.inject(#"{"carrier":"\#(carrier)","fault":"malformed"}"#)
            let garbled = try await harness.track(carrier)
            #expect(garbled.status == 200)
            #expect(throws: CarrierParseError.self) { try SimulatorHTTP.adapter(carrier).parse(garbled.body) }
            #expect(try SimulatorHTTP.adapter(carrier).parse(try await harness.track(carrier).body).shipments.count == 1)
        }
    }

    @Test(arguments: SimulatedCarrier.all)
    func outOfOrderAndDuplicateEventsKeepTheirMeaning(carrier: String) async throws {
        try await Self.withHarness { harness in
            let adapter = SimulatorHTTP.adapter(carrier)
            let journey = harness.journeys[carrier]!
            let normal = try #require(try adapter.parse(try await harness.track(carrier).body).shipments.first)

            try await harness.inject(#"{"carrier":"\#(carrier)","fault":"out_of_order"}"#)
            let shuffled = try #require(try adapter.parse(try await harness.track(carrier).body).shipments.first)
            #expect(shuffled.events.count == journey.steps.count)
            #expect(shuffled.events.map(\.occurredAt) != normal.events.map(\.occurredAt), "the listing order changed")
            #expect(Set(shuffled.events.compactMap(\.occurredAt)) == Set(journey.steps.map(\.at)))

            try await harness.inject(#"{"carrier":"\#(carrier)","fault":"duplicate"}"#)
            let doubled = try #require(try adapter.parse(try await harness.track(carrier).body).shipments.first)
            #expect(doubled.events.count == 2 * journey.steps.count)
            #expect(Set(doubled.events.compactMap(\.occurredAt)) == Set(journey.steps.map(\.at)))

            let stats = harness.simulator.stats()
            #expect(stats.faults(carrier: carrier, kind: .outOfOrder) == 1)
            #expect(stats.faults(carrier: carrier, kind: .duplicate) == 1)
        }
    }

    @Test func invalidFaultsAreRejected() async throws {
        try await Self.withHarness { harness in
            let unknown = try await SimulatorHTTP.post(harness.baseURL + "/_simulator/faults", json: #"{"carrier":"ups","fault":"meteor"}"#)
            #expect(unknown.status == 400)
            #expect(unknown.json?["error"]?["code"]?.stringValue == "unsupported_fault")
            let carrier = try await SimulatorHTTP.post(harness.baseURL + "/_simulator/faults", json: #"{"carrier":"pigeon","fault":"timeout"}"#)
            #expect(carrier.status == 400)
        }
    }
}
