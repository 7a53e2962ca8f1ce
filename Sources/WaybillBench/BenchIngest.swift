import ArgumentParser
import AsyncHTTPClient
import CarrierSimulator
import Foundation
import Logging
import NIOCore
import WaybillCommandSupport
import WaybillCore
import WaybillIngest
import WaybillServer
import WaybillStore

/// Ingest under load: simulated UPS journeys (the carrier simulator's journey planner) posted as
/// Track Alert webhooks at a fixed rate, or dropped as CSV files into a watched landing
/// directory; measures acknowledgement latency, events per second and the freshness lag from
/// receipt to stored event.
struct IngestBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Webhook or file ingest rate, ack latency and freshness.")

    enum Source: String, ExpressibleByArgument, CaseIterable { case webhook, file }
    enum Order: String, ExpressibleByArgument, CaseIterable { case time, journey }

    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: "Payloads to send: webhook posts (one event each) or events in files.") var payloads: Int = 10_000
    @Option(help: "webhook or file.") var source: Source = .webhook
    @Option(help: "Webhook posts per second (open loop: sent on schedule whatever the answers).") var rate: Int = 1000
    @Option(help: "Concurrent connections for webhook posts.") var connections: Int = 50
    @Option(name: .customLong("events-per-file"), help: "Events per dropped CSV file.") var eventsPerFile: Int = 100
    @Option(help: "Port for the benchmark server on 127.0.0.1.") var port: Int = 18_081
    @Option(help: """
        time: the scans of many parcels' journeys (started 3 minutes apart) in the order they happen, as a carrier \
        pushes them; journey: each parcel's scans back to back, then the next parcel's.
        """) var order: Order = .time

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .error)
        let url = try BenchDatabase.url(databaseOptions, name: "ingest")
        let store = try await SQLStore.open(url, logger: logger)
        let landing = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-bench-landing-\(UUID())")
        defer { try? FileManager.default.removeItem(at: landing) }
        let configuration = ServerConfiguration(host: "127.0.0.1", port: port, landingDirectory: source == .file ? landing.path : nil)
        let settings = self
        try await BenchServer.measure(store: store, configuration: configuration, logger: logger) {
            switch settings.source {
            case .webhook: try await settings.measureWebhooks(store: store)
            case .file: try await settings.measureFiles(store: store, landing: landing)
            }
        }
    }

    /// `count` steps of simulated UPS journeys, all in the past, in `order`.
    static func steps(_ count: Int, order: Order) -> [(SimulatedJourney, SimulatedStep)] {
        var steps: [(SimulatedJourney, SimulatedStep)] = []
        var seed: UInt64 = 1
        let start = Date().addingTimeInterval(-20 * 86_400)
        while steps.count < count {
            let journeyStart = order == .time ? start.addingTimeInterval(Double(seed) * 180) : start
            let journey = JourneyPlanner.plan(carrier: "ups", trackingNumber: SimulatedTrackingNumber.make(carrier: "ups", seed: seed),
                                              start: journeyStart, seed: seed)
            steps += journey.steps.prefix(count - steps.count).map { (journey, $0) }
            seed += 1
        }
        guard order == .time else { return steps }
        return steps.enumerated().sorted { ($0.element.1.at, $0.offset) < ($1.element.1.at, $1.offset) }.map(\.element)
    }

    private func measureWebhooks(store: any Store) async throws -> JSONValue {
        let tenant = try await store.ensureTenant(named: "bench-\(UUID().uuidString.prefix(8))")
        let endpoint = try await store.createWebhookEndpoint(tenantID: tenant.id, carrier: "ups", actor: "bench")
        let bodies = Self.steps(payloads, order: order).map { ByteBuffer(data: UPSFormat.trackAlert($0.0, $0.1).encoded()) }
        let target = "http://127.0.0.1:\(port)/v1/webhooks/carriers/ups/\(endpoint.id)"
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)))
        let clock = ContinuousClock()
        let start = clock.now
        let interval = Duration.seconds(1) / rate
        let next = Counter()
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<connections {
                group.addTask {
                    var measured: [Double] = []
                    while let index = await next.take(below: bodies.count) {
                        try await Task.sleep(until: start + interval * index, clock: clock)
                        var request = HTTPClientRequest(url: target)
                        request.method = .POST
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.headers.add(name: "Credential", value: endpoint.secret)
                        request.body = .bytes(bodies[index])
                        let sent = clock.now
                        let response = try await client.execute(request, timeout: .seconds(30))
                        _ = try await response.body.collect(upTo: 1 << 16)
                        guard response.status == .accepted else { throw ValidationError("webhook answered \(response.status)") }
                        measured.append((clock.now - sent).timeInterval * 1000)
                    }
                    return measured
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let sendSeconds = (clock.now - start).timeInterval
        try await client.shutdown()
        let ingestSeconds = try await waitUntilParsed(store: store, tenantID: tenant.id, since: start, clock: clock)
        return try await summary(store: store, tenantID: tenant.id, fields: [
            "source": .string("webhook"), "order": .string(order.rawValue), "payloads": .number(Double(bodies.count)),
            "rate_target": .number(Double(rate)),
            "achieved_rps": .number(Double(Int(Double(bodies.count) / sendSeconds))), "connections": .number(Double(connections)),
            "p50_ack_ms": .number(StoreBench.round(StoreBench.percentile(latencies, 0.50))),
            "p99_ack_ms": .number(StoreBench.round(StoreBench.percentile(latencies, 0.99))),
            "max_ack_ms": .number(StoreBench.round(latencies.max() ?? 0)),
        ], ingestSeconds: ingestSeconds)
    }

    private func measureFiles(store: any Store, landing: URL) async throws -> JSONValue {
        let tenant = try await store.ensureTenant(named: "bench-\(UUID().uuidString.prefix(8))")
        let inbox = landing.appendingPathComponent(tenant.name)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let files = Self.steps(payloads, order: order).chunked(eventsPerFile).map(Self.csv)
        let clock = ContinuousClock()
        let start = clock.now
        var dropped: [String: ContinuousClock.Instant] = [:]
        for (index, text) in files.enumerated() {
            let name = String(format: "events-%06d.csv", index)
            // Written beside, then renamed: the watcher never sees a half-written file.
            let partial = inbox.appendingPathComponent(name + ".part")
            try Data(text.utf8).write(to: partial)
            try FileManager.default.moveItem(at: partial, to: inbox.appendingPathComponent(name))
            dropped[name] = clock.now
        }
        var done: [String: ContinuousClock.Instant] = [:]
        let doneDirectory = inbox.appendingPathComponent("done")
        while done.count < files.count {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: doneDirectory.path)) ?? []
            where name.hasSuffix(".report.json") {
                let file = String(name.dropLast(".report.json".count))
                if done[file] == nil { done[file] = clock.now }
            }
            if clock.now - start > .seconds(600) { throw ValidationError("files were not imported within 10 minutes") }
            try await Task.sleep(for: .milliseconds(20))
        }
        let latencies = done.compactMap { name, at in dropped[name].map { (at - $0).timeInterval * 1000 } }
        return try await summary(store: store, tenantID: tenant.id, fields: [
            "source": .string("file"), "payloads": .number(Double(payloads)), "files": .number(Double(files.count)),
            "events_per_file": .number(Double(eventsPerFile)),
            "p50_file_ms": .number(StoreBench.round(StoreBench.percentile(latencies, 0.50))),
            "p99_file_ms": .number(StoreBench.round(StoreBench.percentile(latencies, 0.99))),
        ], ingestSeconds: (clock.now - start).timeInterval)
    }

    static func csv(_ steps: ArraySlice<(SimulatedJourney, SimulatedStep)>) -> String {
        var lines = ["tracking_number,carrier,status,substatus,reason,occurred_at,description,city,region,postal_code,country"]
        for (journey, step) in steps {
            let fields = [journey.trackingNumber, "ups", step.status.rawValue, step.substatus?.rawValue ?? "", step.reason?.rawValue ?? "",
                          Timestamp.string(step.at, offsetSeconds: step.utcOffsetSeconds), step.description,
                          step.location.city ?? "", step.location.region ?? "", step.location.postalCode ?? "", step.location.country ?? ""]
            lines.append(fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Seconds from `since` until every received payload of the tenant is parsed.
    private func waitUntilParsed(store: any Store, tenantID: String, since start: ContinuousClock.Instant,
                                 clock: ContinuousClock) async throws -> Double {
        while try await !store.rawPayloads(tenantID: tenantID, status: .received, cursor: nil, limit: 1).items.isEmpty {
            if clock.now - start > .seconds(600) { throw ValidationError("payloads were not parsed within 10 minutes") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return (clock.now - start).timeInterval
    }

    private func summary(store: any Store, tenantID: String, fields: [String: JSONValue], ingestSeconds: Double) async throws -> JSONValue {
        let delays = try await store.ingestDelays(tenantID: tenantID).map { $0 * 1000 }
        var fields = fields
        fields["engine"] = .string(store.engine.rawValue)
        fields["events"] = .number(Double(delays.count))
        fields["events_per_sec"] = .number(Double(Int(Double(delays.count) / ingestSeconds)))
        fields["freshness_lag_ms"] = .object([
            "p50": .number(StoreBench.round(StoreBench.percentile(delays, 0.50))),
            "p90": .number(StoreBench.round(StoreBench.percentile(delays, 0.90))),
            "p99": .number(StoreBench.round(StoreBench.percentile(delays, 0.99))),
        ])
        return .object(fields)
    }
}

/// Hands out 0, 1, 2... to concurrent senders.
actor Counter {
    private var value = 0
    func take(below limit: Int) -> Int? {
        guard value < limit else { return nil }
        defer { value += 1 }
        return value
    }
}
