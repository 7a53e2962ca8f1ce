import CarrierSimulator
import Foundation
import Logging
import Testing
import WaybillCore
import WaybillIngest
import WaybillStore
import WaybillTestSupport

/// UPS pushes Track Alerts only for subscribed numbers: Waybill subscribes the tenant's UPS
/// numbers with its inbound endpoint as destination, and the carrier simulator's pushes then
/// arrive over real HTTP (issue 4, items 1 and 6).
@Suite("Push subscriptions")
struct PushSubscriptionTests {
    static let quiet = {
        var logger = Logger(label: "test.subscriptions")
        logger.logLevel = .critical
        return logger
    }()

    @Test func upsNumbersAreSubscribedRenewedOnRotationAndTheirPushesArrive() async throws {
        let start = Date()
        let simulator = CarrierSimulator(configuration: .init(speed: 0, start: start, seed: 17, webhookInterval: 0.05), logger: Self.quiet)
        let journey = try #require((UInt64(70)..<UInt64(90)).lazy.map {
            simulator.createShipment(carrier: "ups", seed: $0, start: start.addingTimeInterval(-86_400))
        }.first { $0.visibleSteps(at: start.addingTimeInterval(3 * 86_400)).count > $0.visibleSteps(at: start).count })
        try await simulator.withRunningServer { simulatorURL in
            try await TestApp.run(over: .live) { api, keys, store in
                let port = try #require(api.client.port)
                let shipment = try #require(try await api.createShipment(keys.integration, journey.trackingNumber).string("id"))
                // A number UPS does not know: refused, tried again hours later.
                _ = try await api.createShipment(keys.integration, "1Z12345E0205271688")
                let endpoint = try await api.send(.post, "/v1/webhook-endpoints", key: keys.admin, json: #"{"carrier":"ups"}"#)
                let endpointID = try #require(endpoint.string("id"))

                let configuration = PollingConfiguration(carriers: [CarrierEndpoint(
                    carrier: "ups", baseURL: simulatorURL, clientID: "waybill", clientSecret: "secret", ratePerSecond: 100, burst: 100)])
                let poller = Poller(pipeline: IngestPipeline(store: store, observers: []), client: .shared, configuration: configuration,
                                    owner: "test", logger: Self.quiet)
                let subscriber = PushSubscriber(store: store, poller: poller, publicBaseURL: "http://127.0.0.1:\(port)", logger: Self.quiet)
                #expect(subscriber.carriers == ["ups"])
                #expect(try await subscriber.subscribeOnce(carrier: "ups") == 1)
                #expect(try await subscriber.subscribeOnce(carrier: "ups") == 0)
                #expect(simulator.stats().requests(carrier: "ups", endpoint: "subscription") == 1)
                #expect(simulator.webhooks.all().first?.trackingNumbers == [journey.trackingNumber])

                // Days pass at UPS: each new scan is pushed to the endpoint and parsed.
                let before = journey.visibleSteps(at: start).count
                simulator.clock.advance(by: 3 * 86_400)
                let pushed = journey.visibleSteps(at: simulator.clock.now()).count - before
                var events: [JSONValue] = []
                #expect(try await WebhookTests.eventually {
                    events = try await api.send(.get, "/v1/shipments/\(shipment)/events", key: keys.viewer).json["data"]?.arrayValue ?? []
                    return events.count == pushed
                }, "\(events.count) of \(pushed) pushed scans stored")
                #expect(events.allSatisfy { $0["source"]?.stringValue == "webhook" && $0["carrier"]?.stringValue == "ups" })

                // A rotated secret makes the subscription due again: UPS would present the old one.
                #expect(try await api.send(.post, "/v1/webhook-endpoints/\(endpointID)/rotate-secret", key: keys.admin).status == 200)
                #expect(try await subscriber.subscribeOnce(carrier: "ups") == 1)
                #expect(simulator.stats().requests(carrier: "ups", endpoint: "subscription") == 2)
            }
        }
    }
}
