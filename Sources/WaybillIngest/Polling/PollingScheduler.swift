import AsyncHTTPClient
import Foundation
import Logging
import ServiceLifecycle
import WaybillStore

/// Adaptive polling as a service of `waybill serve`: one loop per configured carrier claims that
/// carrier's due shipments in batches (leased in the store, so several instances share the work
/// and never poll one shipment twice at once) and polls them with bounded concurrency. A carrier
/// whose breaker is open or that asked to pause is not claimed from, and the other carriers'
/// loops carry on untouched.
public final class PollingScheduler: Service {
    public let poller: Poller
    private let store: any Store
    private let configuration: PollingConfiguration
    private let logger: Logger
    private let now: @Sendable () -> Date

    public init(store: any Store, pipeline: IngestPipeline, configuration: PollingConfiguration,
                client: HTTPClient = PollingScheduler.carrierClient, logger: Logger, owner: String? = nil, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        self.now = now
        let owner = owner ?? "poll-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        self.poller = Poller(pipeline: pipeline, client: client, configuration: configuration, owner: owner, logger: logger, now: now)
    }

    /// The process's client for carrier APIs. AsyncHTTPClient's own spans are off: they would record
    /// full URLs, which hold tracking numbers and, for some carriers, API keys; `Poller` traces
    /// each poll itself.
    public static let carrierClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.tracing.tracer = nil
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// The services to add to `waybill serve` when `WAYBILL_CARRIER_<ID>_BASE_URL` names at least one
    /// carrier: the scheduler, and the push subscriber that shares its connections (webhooks reach
    /// `publicBaseURL`).
    public static func services(store: any Store, pipeline: IngestPipeline, publicBaseURL: String, logger: Logger,
                                environment: [String: String] = ProcessInfo.processInfo.environment) -> [any Service] {
        do {
            guard let configuration = try PollingConfiguration.fromEnvironment(environment) else { return [] }
            logger.info("polling enabled", metadata: ["carriers": "\(configuration.carriers.map(\.carrier).joined(separator: ","))"])
            let scheduler = PollingScheduler(store: store, pipeline: pipeline, configuration: configuration, logger: logger)
            let subscriber = PushSubscriber(store: store, poller: scheduler.poller, publicBaseURL: publicBaseURL,
                                            interval: configuration.subscriptionInterval, logger: logger)
            return [scheduler, subscriber]
        } catch {
            logger.error("polling disabled: bad configuration", metadata: ["reason": "\(error)"])
            return []
        }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for carrier in self.poller.carriers {
                    group.addTask { await self.loop(carrier: carrier) }
                }
            }
        }
    }

    private func loop(carrier: String) async {
        while !Task.isCancelled {
            let busy: Bool
            do {
                busy = try await drainOnce(carrier: carrier)
            } catch {
                logger.error("polling error", metadata: ["carrier": "\(carrier)", "error": "\(ErrorText.of(error))"])
                busy = false
            }
            if !busy { try? await Task.sleep(for: configuration.idleInterval) }
        }
    }

    /// Claims one batch of `carrier`'s due shipments and polls them; returns whether there was any.
    @discardableResult
    public func drainOnce(carrier: String) async throws -> Bool {
        let now = self.now()
        guard let connection = poller.connection(carrier) else { return false }
        // Open breaker or a 429 pause: leave this carrier's shipments for later (the loop idles),
        // unless an aggregator can stand in for tenants whose routing rule says so; the poller
        // reschedules the others' without a call.
        if await connection.gate.blockedUntil(now: now) != nil {
            guard poller.hasAggregatorFallback else { return false }
            return await poll(try await store.claimDuePolls(carrier: carrier, limit: configuration.batchSize, owner: poller.owner,
                                                                leaseDuration: configuration.leaseDuration, now: now))
        }
        // After a cool-down the breaker admits one probe: claim one shipment, not a batch.
        // No more than the rate limit lets through in half a lease, so no lease runs out while
        // its shipment waits for a token (another instance would then take it).
        let leaseSeconds = Double(configuration.leaseDuration.components.seconds)
        let affordable = max(1, Int(connection.endpoint.ratePerSecond * leaseSeconds / 2))
        let limit = await connection.gate.breakerIsClosed ? min(configuration.batchSize, affordable) : 1
        return await poll(try await store.claimDuePolls(carrier: carrier, limit: limit, owner: poller.owner,
                                                            leaseDuration: configuration.leaseDuration, now: now))
    }

    /// Polls claimed targets with bounded concurrency; returns whether there was any.
    private func poll(_ targets: [PollTarget]) async -> Bool {
        guard !targets.isEmpty else { return false }
        let poller = self.poller
        let logger = self.logger
        await withTaskGroup(of: Void.self) { group in
            var next = targets.makeIterator()
            func start() -> Bool {
                guard let target = next.next() else { return false }
                group.addTask {
                    do {
                        try await poller.poll(target)
                    } catch {
                        logger.error("poll not recorded", metadata: ["shipment": "\(target.shipmentID)", "error": "\(ErrorText.of(error))"])
                    }
                }
                return true
            }
            for _ in 0..<configuration.concurrency { guard start() else { break } }
            while await group.next() != nil { _ = start() }
        }
        return true
    }
}
