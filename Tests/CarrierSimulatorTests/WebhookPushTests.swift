import Crypto
import CarrierSimulator
import Foundation
import Hummingbird
import Logging
import Testing
import WaybillCarriers
import WaybillCore

/// A tiny receiver over loopback: records every POST, fails the first `failing` ones with 500.
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        var credential: String?
        var signature: String?
        var userAgent: String?
        var body: Data
    }

    private let state: Mutex
    let failing: Int

    final class Mutex: @unchecked Sendable {
        let lock = NSLock()
        var deliveries: [Delivery] = []
        var attempts = 0
    }

    init(failing: Int) {
        self.failing = failing
        state = Mutex()
    }

    var deliveries: [Delivery] { state.lock.withLock { state.deliveries } }
    var attempts: Int { state.lock.withLock { state.attempts } }

    func run<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("hook") { [state, failing] request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let delivery = Delivery(credential: request.headers[.init("credential")!],
                                    signature: request.headers[.init("aftership-hmac-sha256")!], userAgent: request.headers[.userAgent],
                                    body: Data(buffer.readableBytesView))
            let accepted = state.lock.withLock { () -> Bool in
                state.attempts += 1
                guard state.attempts > failing else { return false }
                state.deliveries.append(delivery)
                return true
            }
            return Response(status: accepted ? .accepted : .internalServerError)
        }
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        let started = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { started.continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            var port = 0
            for await value in started.stream {
                port = value
                break
            }
            defer { group.cancelAll() }
            return try await body("http://127.0.0.1:\(port)/hook")
        }
    }
}

@Suite("Webhook push")
struct WebhookPushTests {
    static let start = Date(timeIntervalSince1970: 1_763_564_400)

    @Test func upsTrackAlertsArriveAsTheClockPassesEachStep() async throws {
        let simulator = CarrierSimulator.quiet(.init(speed: 0, start: Self.start.addingTimeInterval(-3600), webhookInterval: 0.05))
        let receiver = WebhookReceiver(failing: 1)
        let journey = simulator.createShipment(carrier: "ups", seed: 31, start: Self.start)
        try await receiver.run { hookURL in
            try await simulator.withRunningServer { baseURL in
                let registered = try await SimulatorHTTP.post(baseURL + "/_simulator/webhooks",
                                                              json: #"{"carrier":"ups","url":"\#(hookURL)","credential":"opaque-credential"}"#)
                #expect(registered.status == 201)
                // Half the journey first, then the rest: each step is pushed once, in order.
                let half = journey.steps.count / 2
                simulator.clock.set(to: journey.steps[half - 1].at)
                try await waitUntil { receiver.deliveries.count >= half }
                #expect(receiver.deliveries.count == half)
                simulator.clock.set(to: journey.steps.last!.at.addingTimeInterval(3600))
                try await waitUntil { receiver.deliveries.count >= journey.steps.count }
                try await Task.sleep(for: .milliseconds(200))
                #expect(receiver.deliveries.count == journey.steps.count)
            }
        }
        // The first attempt failed and was retried.
        #expect(receiver.attempts == journey.steps.count + 1)
        #expect(simulator.stats().webhooksDelivered == journey.steps.count)
        for (delivery, step) in zip(receiver.deliveries, journey.steps) {
            #expect(delivery.credential == "opaque-credential")
            #expect(delivery.userAgent == "UPSPubSubTrackingService")
            let parsed = try UPSAdapter().parse(delivery.body)
            let event = try #require(parsed.shipments.first?.events.first)
            #expect(parsed.shipments.first?.trackingNumber == journey.trackingNumber)
            #expect(event.status == step.status)
            #expect(event.occurredAt == step.at)
            #expect(event.utcOffset?.seconds == step.utcOffsetSeconds)
        }
    }

    @Test func unsupportedTargetsAreRefused() async throws {
        let simulator = CarrierSimulator.quiet(.init(speed: 0, start: Self.start))
        #expect(throws: WebhookRegistrationError.self) {
            try simulator.registerWebhook(carrier: "usps", url: "http://127.0.0.1:9/hook", credential: nil)
        }
        #expect(throws: WebhookRegistrationError.self) {
            try simulator.registerWebhook(carrier: "ups", url: "ftp://example", credential: nil)
        }
    }

    @Test func afterShipTrackingsArriveSignedForEveryCarrier() async throws {
        let simulator = CarrierSimulator.quiet(.init(speed: 0, start: Self.start.addingTimeInterval(-3600), webhookInterval: 0.05))
        let receiver = WebhookReceiver(failing: 0)
        let journeys = ["fedex", "dhl"].map { simulator.createShipment(carrier: $0, seed: 41, start: Self.start) }
        let secret = "whsec-simulated"
        try await receiver.run { hookURL in
            try await simulator.withRunningServer { baseURL in
                let registered = try await SimulatorHTTP.post(baseURL + "/_simulator/webhooks",
                                                              json: #"{"carrier":"aftership","url":"\#(hookURL)","secret":"\#(secret)"}"#)
                #expect(registered.status == 201)
                simulator.clock.set(to: journeys.map { $0.steps.last!.at }.max()!)
                let total = journeys.map(\.steps.count).reduce(0, +)
                try await waitUntil { receiver.deliveries.count >= total }
                #expect(receiver.deliveries.count == total)
            }
        }
        var latest: [String: ParsedShipment] = [:]
        for delivery in receiver.deliveries {
            let expected = Data(HMAC<SHA256>.authenticationCode(for: delivery.body, using: SymmetricKey(data: Data(secret.utf8))))
                .base64EncodedString()
            #expect(delivery.signature == expected)
            let parsed = try AfterShipAdapter().parse(delivery.body)
            let shipment = try #require(parsed.shipments.first)
            if shipment.events.count > latest[shipment.trackingNumber]?.events.count ?? 0 { latest[shipment.trackingNumber] = shipment }
        }
        for journey in journeys {
            let shipment = try #require(latest[journey.trackingNumber])
            #expect(shipment.events.map(\.status) == journey.steps.map(\.status))
            #expect(shipment.events.map(\.occurredAt) == journey.steps.map(\.at))
        }
    }

    /// Polls `condition` until it holds; fails after 60 s (a busy CI machine needs far more than the 2 s of a quiet one).
    func waitUntil(_ condition: @Sendable () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met in time")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
