import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import WaybillCommandSupport
import WaybillCore
import WaybillIngest
import WaybillNotify
import WaybillServer
import WaybillStore

/// `waybill bench`: the benchmarks of `docs/performance.md`.
public struct Bench: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(abstract: "Benchmarks; each prints one JSON line.", subcommands: [StoreBench.self, NormalizeBench.self, IngestBench.self, PollingBench.self, NotifyBench.self, VolumeBench.self])

    public init() {}
}

/// The database a benchmark writes to: the one given, else a new SQLite file in the temporary directory.
enum BenchDatabase {
    static func url(_ options: DatabaseOptions, name: String) throws -> DatabaseURL {
        if options.database != nil || ProcessInfo.processInfo.environment["WAYBILL_DATABASE_URL"] != nil {
            return try options.url()
        }
        return .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("waybill-bench-\(name)-\(UUID()).sqlite").path)
    }
}

/// Appends events through the whole pipeline (fingerprint, insert, state recompute, durable
/// commit), then times `GET /v1/shipments/{id}` over real HTTP on loopback.
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Event ingest rate and API read latency.")

    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: "Shipments to register.") var shipments: Int = 2000
    @Option(name: .customLong("events-per-shipment"), help: "Events per shipment.") var eventsPerShipment: Int = 10
    @Option(name: .customLong("batch-size"), help: "Events per ingest transaction.") var batchSize: Int = 1000
    @Option(help: "GET requests for the latency figure.") var requests: Int = 2000
    @Option(help: "Port for the benchmark server on 127.0.0.1.") var port: Int = 18_080

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .error)
        let url = try BenchDatabase.url(databaseOptions, name: "store")
        let store = try await SQLStore.open(url, logger: logger)
        let settings = self
        try await BenchServer.measure(store: store, configuration: ServerConfiguration(host: "127.0.0.1", port: port), logger: logger) {
            try await settings.measure(store: store, url: url)
        }
    }

    private func measure(store: any Store, url: DatabaseURL) async throws -> JSONValue {
        let tenant = try await store.ensureTenant(named: "bench-\(UUID().uuidString.prefix(8))")
        var ids: [String] = []
        for index in 0..<shipments {
            let (shipment, _) = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: "BENCH\(index)X\(tenant.id.suffix(6))", carrier: "ups", actor: "bench"))
            ids.append(shipment.id)
        }
        let items = ids.flatMap { id in Self.journey(count: eventsPerShipment).map { IngestBatch.ShipmentEvent(shipmentID: id, event: $0) } }

        let pipeline = IngestPipeline(store: store, observers: [OutboxWriter()])
        let clock = ContinuousClock()
        let ingestStart = clock.now
        for (index, chunk) in items.chunked(batchSize).enumerated() {
            try await pipeline.ingest(IngestBatch(
                tenantID: tenant.id,
                raw: NewRawPayload(source: .api, carrier: "ups", contentType: "application/json",
                                   body: Data("{\"bench_batch\":\(index),\"tenant\":\"\(tenant.id)\"}".utf8)),
                events: Array(chunk), actor: "bench"))
        }
        let ingestSeconds = (clock.now - ingestStart).timeInterval

        var fields: [String: JSONValue] = [
            "engine": .string(store.engine.rawValue), "shipments": .number(Double(shipments)),
            "events_per_shipment": .number(Double(eventsPerShipment)), "batch_size": .number(Double(batchSize)),
            "events": .number(Double(items.count)), "ingest_seconds": .number(Self.round(ingestSeconds)),
            "events_per_sec": .number(Double(Int(Double(items.count) / ingestSeconds))),
        ]
        if case .sqlite = url {
            let rawRate = try RawSQLiteInsert.rate(items: items, tenantID: tenant.id, batchSize: batchSize)
            fields["raw_sqlite_inserts_per_sec"] = .number(Double(Int(rawRate)))
            fields["pipeline_vs_raw"] = .number(Self.round(Double(items.count) / ingestSeconds / rawRate))
        }

        let key = APIKeyMaterial.generate()
        // A limit the closed loop never reaches: the limiter's cost is measured, its refusals are not.
        _ = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: key.prefix, secretHash: key.hash, role: .viewer,
                                                   rateLimit: RequestRateLimit(perSecond: 1_000_000, burst: 1_000_000)))
        let latencies = try await getLatencies(ids: ids, key: key.secret)
        fields["requests"] = .number(Double(latencies.count))
        fields["p50_ms"] = .number(Self.round(Self.percentile(latencies, 0.50)))
        fields["p99_ms"] = .number(Self.round(Self.percentile(latencies, 0.99)))
        return .object(fields)
    }

    private func getLatencies(ids: [String], key: String) async throws -> [Double] {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var latencies: [Double] = []
        let clock = ContinuousClock()
        do {
            for index in 0..<(requests + 50) {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/shipments/\(ids[index % ids.count])")
                request.headers.add(name: "Authorization", value: "Bearer \(key)")
                let start = clock.now
                let response = try await client.execute(request, timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 1 << 20)
                guard response.status == .ok else { throw ValidationError("GET answered \(response.status)") }
                if index >= 50 { latencies.append((clock.now - start).timeInterval * 1000) }  // first 50 warm up
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return latencies
    }

    /// A plausible journey of `count` scans an hour apart.
    static func journey(count: Int) -> [CanonicalEvent] {
        let start = Date().addingTimeInterval(-Double(count) * 3600)
        let offset = UTCOffset(seconds: -5 * 3600)
        let pattern: [(ShipmentStatus, Substatus?)] = [
            (.infoReceived, .labelCreated), (.inTransit, .pickedUp), (.inTransit, .departedFacility), (.inTransit, .arrivedFacility),
        ]
        return (0..<count).map { index in
            let (status, substatus): (ShipmentStatus, Substatus?) =
                index == count - 1 && count > 2 ? (.delivered, .deliveredDoor)
                : index == count - 2 && count > 2 ? (.outForDelivery, .outForDelivery)
                : pattern[min(index, pattern.count - 1)]
            let instant = start.addingTimeInterval(Double(index) * 3600)
            return CanonicalEvent(
                status: status, substatus: substatus, carrierCode: "X\(index)", carrierDescription: "Scan \(index)",
                occurredAt: instant, localTime: LocalDateTime(instant: instant, offset: offset), utcOffset: offset,
                zoneSource: .carrierOffset, location: Location(city: "Hub \(index % 7)", region: "KY", postalCode: "40209", country: "US"),
                sequence: index)
        }
    }


    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }

    static func round(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}

/// A benchmark beside a running `waybill serve` application.
enum BenchServer {
    /// Starts the application on `configuration`, runs `measure` once it listens, prints the
    /// figures as one JSON line and closes the store. Fails at once when the server cannot listen.
    static func measure(store: SQLStore, configuration: ServerConfiguration, logger: Logger,
                        _ measure: @escaping @Sendable () async throws -> JSONValue) async throws {
        let running = AsyncStream<Void>.makeStream()
        let app = buildApplication(store: store, configuration: configuration, logger: logger,
                                   onServerRunning: { _ in running.continuation.yield() })
        let address = "\(configuration.host):\(configuration.port)"
        let result: JSONValue
        do {
            result = try await withThrowingTaskGroup(of: JSONValue?.self) { group in
                group.addTask {
                    // Ends the wait below also when the server stops before it listens.
                    defer { running.continuation.finish() }
                    try await app.runService()
                    return nil
                }
                var listening = false
                for await _ in running.stream {
                    listening = true
                    break
                }
                defer { group.cancelAll() }
                guard listening else {
                    do {
                        while try await group.next() != nil {}
                    } catch {
                        throw BenchServerError.cannotListen(address: address, reason: "\(error)")
                    }
                    throw BenchServerError.cannotListen(address: address, reason: "the server stopped")
                }
                group.addTask { try await measure() }
                while let next = try await group.next() {
                    if let result = next { return result }
                }
                throw ValidationError("benchmark did not finish")
            }
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
        print(String(decoding: result.encoded(), as: UTF8.self))
    }
}

enum BenchServerError: Error, CustomStringConvertible {
    case cannotListen(address: String, reason: String)

    var description: String {
        switch self {
        case .cannotListen(let address, let reason):
            "the benchmark server cannot listen on \(address): \(reason). Is another process using the port? Choose another with --port."
        }
    }
}
