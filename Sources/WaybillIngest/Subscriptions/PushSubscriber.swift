import Foundation
import Logging
import ServiceLifecycle
import WaybillCarriers
import WaybillCore
import WaybillStore

/// Subscribes tracked numbers at carriers that push only what is subscribed (UPS Track Alert),
/// for tenants with an inbound webhook endpoint for that carrier: the endpoint's URL is the
/// destination and its secret the credential the carrier presents. Subscriptions are renewed
/// before they lapse, and again after the endpoint's secret is rotated. It shares the poller's
/// connections, so subscription calls count against the carrier's rate limit and breaker.
public final class PushSubscriber: Service {
    private let store: any Store
    private let poller: Poller
    private let publicBaseURL: String
    private let interval: Duration
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// A refused number is tried again after this long (the carrier may not know it yet).
    static let retryRefusedAfter: TimeInterval = 6 * 3600
    /// A failed call is tried again after this long.
    static let retryFailedAfter: TimeInterval = 15 * 60

    public init(store: any Store, poller: Poller, publicBaseURL: String, interval: Duration = .seconds(60), logger: Logger,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.poller = poller
        self.publicBaseURL = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
        self.interval = interval
        self.logger = logger
        self.now = now
    }

    /// The carriers this instance can subscribe at: configured, and able to.
    public var carriers: [String] {
        poller.carriers.filter { poller.connection($0)?.adapter is any PushSubscribing }
    }

    public func run() async throws {
        guard !carriers.isEmpty else {
            // A service that returns stops `waybill serve`: with no carrier to subscribe at (only
            // DHL polled, say), wait for the shutdown instead.
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                for carrier in self.carriers {
                    do {
                        try await self.subscribeOnce(carrier: carrier)
                    } catch {
                        self.logger.error("push subscription error", metadata: ["carrier": "\(carrier)", "error": "\(ErrorText.of(error))"])
                    }
                }
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// Subscribes the numbers of `carrier` that need it, in the carrier's batch size per call and
    /// endpoint; returns how many the carrier accepted. Stops early while the carrier's gate is shut.
    @discardableResult
    public func subscribeOnce(carrier: String) async throws -> Int {
        guard let connection = poller.connection(carrier), let adapter = connection.adapter as? any PushSubscribing else { return 0 }
        let due = try await store.dueSubscriptions(carrier: carrier, limit: adapter.subscriptionBatchSize * 10, now: now())
        let byEndpoint = Dictionary(grouping: due) { $0.endpointID }
        var accepted = 0
        for endpointID in byEndpoint.keys.sorted() {
            for batch in byEndpoint[endpointID, default: []].chunked(adapter.subscriptionBatchSize) {
                guard case .proceed(let wait) = await connection.gate.admit(now: now()) else { return accepted }
                if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
                let records = await subscribe(Array(batch), carrier: carrier, adapter: adapter, connection: connection)
                accepted += records.filter { $0.subscribedAt != nil }.count
                try await store.recordSubscriptions(records)
            }
        }
        return accepted
    }

    /// One call for numbers of one endpoint; what to record of each.
    private func subscribe(_ batch: [SubscriptionTarget], carrier: String, adapter: any PushSubscribing,
                           connection: Poller.CarrierConnection) async -> [SubscriptionRecord] {
        let endpoint = batch[0]
        let numbers = batch.map(\.trackingNumber)
        let callback = "\(publicBaseURL)/v1/webhooks/carriers/\(carrier)/\(endpoint.endpointID)"
        let at = now()
        func records(_ numbers: [String], subscribed: Bool, renewAt: Date, error: String?) -> [SubscriptionRecord] {
            numbers.map {
                SubscriptionRecord(tenantID: endpoint.tenantID, carrier: carrier, trackingNumber: $0, endpointID: endpoint.endpointID,
                                   subscribedAt: subscribed ? at : nil, renewAt: renewAt, error: error)
            }
        }
        do {
            let exchange = try await poller.send(on: connection) { configuration in
                adapter.subscriptionRequest(for: numbers, callbackURL: callback, credential: endpoint.credential, configuration: configuration)
            }
            guard (200..<300).contains(exchange.status) else { throw PollError.http(status: exchange.status) }
            let result = try adapter.subscriptionResult(exchange.body, requested: numbers)
            await connection.gate.recordSuccess()
            logger.info("push subscriptions", metadata: [
                "carrier": "\(carrier)", "accepted": "\(result.accepted.count)", "refused": "\(result.rejected.count)"])
            // Renewed when a tenth of the lifetime is left, so no push is missed in between.
            return records(result.accepted, subscribed: true, renewAt: at.addingTimeInterval(adapter.subscriptionLifetime * 0.9), error: nil)
                + records(result.rejected, subscribed: false, renewAt: at.addingTimeInterval(Self.retryRefusedAfter),
                          error: "the carrier refused the number")
        } catch {
            await connection.gate.recordFailure(now: at)
            logger.warning("push subscription failed", metadata: ["carrier": "\(carrier)", "numbers": "\(numbers.count)", "reason": "\(error)"])
            return records(numbers, subscribed: false, renewAt: at.addingTimeInterval(Self.retryFailedAfter), error: "\(error)")
        }
    }
}
