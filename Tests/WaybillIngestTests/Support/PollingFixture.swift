import Foundation
import Logging
import WaybillCore
import WaybillIngest
import WaybillStore

/// A scheduler for the loopback carrier, on a hand-moved clock.
enum PollingFixture {
    /// 2024-11-22T00:00:00Z, the night after the UPS fixture's delivery.
    static let start = Date(timeIntervalSince1970: 1_732_233_600)

    static func configuration(baseURL: String, concurrency: Int = 1, batchSize: Int = 50) -> PollingConfiguration {
        var configuration = PollingConfiguration(carriers: [
            CarrierEndpoint(carrier: "ups", baseURL: baseURL, clientID: "waybill-client", clientSecret: "s3cret", ratePerSecond: 1000, burst: 1000),
            CarrierEndpoint(carrier: "dhl", baseURL: baseURL, apiKey: "dhl-key", ratePerSecond: 1000, burst: 1000),
        ])
        configuration.concurrency = concurrency
        configuration.batchSize = batchSize
        configuration.breakerThreshold = 3
        configuration.breakerCoolDown = 60
        configuration.requestTimeout = .seconds(10)
        return configuration
    }

    static func scheduler(_ store: any Store, baseURL: String, clock: TestClock, owner: String = "test-poller",
                          concurrency: Int = 1, batchSize: Int = 50, timeout: Duration = .seconds(10)) -> PollingScheduler {
        var logger = Logger(label: "test.polling")
        logger.logLevel = .critical
        var configuration = configuration(baseURL: baseURL, concurrency: concurrency, batchSize: batchSize)
        configuration.requestTimeout = timeout
        return PollingScheduler(store: store, pipeline: IngestPipeline(store: store, observers: [], logger: logger),
                                configuration: configuration, logger: logger, owner: owner, now: clock.function)
    }

    static func register(_ store: any Store, tenantID: String, carrier: String, number: String) async throws -> Shipment {
        try await store.registerShipment(NewShipment(tenantID: tenantID, trackingNumber: number, carrier: carrier, actor: "test")).shipment
    }

    /// Distinct UPS-shaped numbers for many shipments.
    static func upsNumber(_ index: Int) -> String { "1ZTEST" + String(format: "%012d", index) }
}
