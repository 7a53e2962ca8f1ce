import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import WaybillCommandSupport
import WaybillCore
import WaybillIngest
import WaybillNotify
import WaybillStore

/// Outbound webhooks end to end: state changes are ingested (the outbox rows are written in the
/// ingest transaction) while a `NotificationWorker` signs and posts them to a receiver on
/// loopback. Reports messages/s delivered and the latency from the state change (the message's
/// `created_at`, the ingest transaction's time) to its receipt.
struct NotifyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notify", abstract: "Webhook delivery rate and end-to-end latency.")

    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: "Webhook messages to deliver (shipments × 4 status changes).") var messages: Int = 2000
    @Option(name: .customLong("batch-size"), help: "Shipments per ingest transaction.") var batchSize: Int = 100

    actor Receipts {
        var latencies: [Double] = []
        var firstCreated: Date?
        var lastReceived: Date?
        var ids = Set<String>()

        func record(_ body: Data, at received: Date) {
            guard let json = try? JSONValue.parse(body), let id = json["id"]?.stringValue, ids.insert(id).inserted,
                  let created = json["created_at"]?.stringValue.flatMap(Timestamp.parse)?.date else { return }
            latencies.append(received.timeIntervalSince(created))
            firstCreated = min(firstCreated ?? created, created)
            lastReceived = max(lastReceived ?? received, received)
        }
    }

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .error)
        let url: DatabaseURL
        if databaseOptions.database != nil || ProcessInfo.processInfo.environment["WAYBILL_DATABASE_URL"] != nil {
            url = try databaseOptions.url()
        } else {
            url = .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("waybill-bench-\(UUID()).sqlite").path)
        }
        let store = try await SQLStore.open(url, logger: logger)
        let receipts = Receipts()
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            await receipts.record(Data(buffer.readableBytesView), at: Date())
            return Response(status: .noContent)
        }
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                   onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        var configuration = NotificationConfiguration.fromEnvironment()
        configuration.egress = .allowingLoopback  // the receiver is this benchmark's own, on 127.0.0.1
        let worker = NotificationWorker(store: store, configuration: configuration, logger: logger, owner: "bench")
        let shipments = max(1, messages / 4)
        let batchSize = max(1, self.batchSize)
        let result: JSONValue = try await withThrowingTaskGroup(of: JSONValue?.self) { group in
            group.addTask { await store.run(); return nil }
            group.addTask { try await receiver.runService(gracefulShutdownSignals: []); return nil }
            defer { group.cancelAll() }
            var port = 0
            for await value in ports { port = value; break }
            try await store.migrate()
            let tenant = try await store.ensureTenant(named: "bench-notify-\(UUID().uuidString.prefix(8))")
            _ = try await store.createWebhookSubscription(tenantID: tenant.id, url: "http://127.0.0.1:\(port)/hook",
                                                          eventTypes: [.shipmentStatusChanged], actor: "bench")
            var ids: [String] = []
            for index in 0..<shipments {
                ids.append(try await store.registerShipment(NewShipment(
                    tenantID: tenant.id, trackingNumber: "NB\(index)X\(tenant.id.suffix(6))", carrier: "ups", actor: "bench")).shipment.id)
            }
            let delivering = Task { try await worker.run() }
            let clock = ContinuousClock()
            let start = clock.now
            let journey: [ShipmentStatus] = [.infoReceived, .inTransit, .outForDelivery, .delivered]
            let pipeline = IngestPipeline(store: store, observers: [OutboxWriter()])
            for (step, status) in journey.enumerated() {
                for (index, chunk) in ids.chunked(batchSize).enumerated() {
                    let events = chunk.map { IngestBatch.ShipmentEvent(shipmentID: $0, event: CanonicalEvent(
                        status: status, occurredAt: Date().addingTimeInterval(Double(step - 4) * 60), sequence: step)) }
                    _ = try await pipeline.ingest(IngestBatch(
                        tenantID: tenant.id,
                        raw: NewRawPayload(source: .api, carrier: "ups", contentType: "application/json",
                                           body: Data("{\"bench\":\"\(tenant.id)\",\"step\":\(step),\"chunk\":\(index)}".utf8)),
                        events: events, actor: "bench"))
                }
            }
            let ingestSeconds = (clock.now - start).timeInterval
            let expected = shipments * journey.count
            while await receipts.ids.count < expected {
                if clock.now - start > .seconds(600) {
                    delivering.cancel()
                    throw ValidationError("only \(await receipts.ids.count) of \(expected) arrived")
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            // Stop the worker before the store's pool goes away under it.
            delivering.cancel()
            _ = await delivering.result
            let latencies = await receipts.latencies.sorted()
            let span = (await receipts.lastReceived ?? Date()).timeIntervalSince(await receipts.firstCreated ?? Date())
            func percentile(_ p: Double) -> Double {
                StoreBench.round(latencies[min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)] * 1000)
            }
            return .object([
                "engine": .string(store.engine.rawValue), "messages": .number(Double(expected)),
                "shipments": .number(Double(shipments)), "batch_size": .number(Double(batchSize)),
                "ingest_seconds": .number(StoreBench.round(ingestSeconds)),
                "delivery_seconds": .number(StoreBench.round(span)),
                "messages_per_sec": .number(Double(Int(Double(expected) / max(span, 0.001)))),
                "latency_p50_ms": .number(percentile(0.50)), "latency_p99_ms": .number(percentile(0.99)),
                "latency_max_ms": .number(StoreBench.round((latencies.last ?? 0) * 1000)),
                "poll_ms": .number(Double(configuration.pollInterval.components.attoseconds / 1_000_000_000_000_000
                                          + configuration.pollInterval.components.seconds * 1000)),
                "concurrency": .number(Double(configuration.concurrency)),
            ])
        }
        await store.shutdown()
        print(String(decoding: result.encoded(), as: UTF8.self))
    }
}
