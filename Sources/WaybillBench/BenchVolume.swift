import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import WaybillCommandSupport
import WaybillCore
import WaybillIngest
import WaybillServer
import WaybillStore

/// Read latency and memory at a merchant's full size: a million shipments with ten events each.
///
/// One shipment is registered and its events ingested through the real pipeline (one webhook-like
/// raw payload per event); its rows are then cloned in SQL with fresh ids, numbers, tokens and
/// hashes (`VolumeGenerator`), so every row is what Waybill writes. A database that already holds
/// the requested volume is reused. Then list, search and tracking-page requests are timed over HTTP.
struct VolumeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volume",
        abstract: "List, search and tracking-page latency, memory and bytes per event at volume (SQLite).",
        discussion: "Generating the default volume takes about 6.5 minutes and 17 GB of disk on a 2-core machine; name the file with --database sqlite:PATH to keep it for later runs (a database already at the volume is reused).")

    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: "Shipments.") var shipments: Int = 1_000_000
    @Option(name: .customLong("events-per-shipment"), help: "Events per shipment (1 to 12).") var eventsPerShipment: Int = 10
    @Option(help: "Requests per timed endpoint.") var requests: Int = 1000
    @Option(help: "Port for the benchmark server on 127.0.0.1.") var port: Int = 18_090

    func validate() throws {
        guard shipments >= 1, (1...12).contains(eventsPerShipment), requests >= 1 else {
            throw ValidationError("--shipments and --requests must be positive, --events-per-shipment 1 to 12")
        }
    }

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .error)
        let url = try BenchDatabase.url(databaseOptions, name: "volume")
        guard case .sqlite(let path) = url else { throw ValidationError("bench volume generates SQLite databases only") }
        let clock = ContinuousClock()
        let generationStart = clock.now
        let template = try await VolumeGenerator(path: path, shipments: shipments, eventsPerShipment: eventsPerShipment, logger: logger)
            .generate()
        let generationSeconds = (clock.now - generationStart).timeInterval

        ProcessMemory.resetPeak()  // the figures then cover serving only, not the generation's page cache
        let store = try await SQLStore.open(url, logger: logger)
        let settings = self
        try await BenchServer.measure(store: store, configuration: ServerConfiguration(host: "127.0.0.1", port: port), logger: logger) {
            var fields = try await settings.measure(store: store, template: template)
            fields["generation_seconds"] = .number(StoreBench.round(generationSeconds))
            fields["database_bytes"] = .number(Double(VolumeGenerator.fileBytes(path)))
            fields["bytes_per_event"] = .number(Double(VolumeGenerator.fileBytes(path) / Int64(settings.shipments * settings.eventsPerShipment)))
            return .object(fields)
        }
    }

    private func measure(store: any Store, template: VolumeGenerator.Template) async throws -> [String: JSONValue] {
        let key = APIKeyMaterial.generate()
        _ = try await store.createAPIKey(NewAPIKey(tenantID: template.tenantID, prefix: key.prefix, secretHash: key.hash, role: .viewer,
                                                   rateLimit: RequestRateLimit(perSecond: 1_000_000, burst: 1_000_000)))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let fields = try await measure(client: client, key: key.secret, template: template)
            try await client.shutdown()
            return fields
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func measure(client: HTTPClient, key: String, template: VolumeGenerator.Template) async throws -> [String: JSONValue] {
        let base = "http://127.0.0.1:\(port)"
        var generator = SystemRandomNumberGenerator()
        func copy() -> Int { Int.random(in: 1..<shipments, using: &generator) }
        var fields: [String: JSONValue] = [
            "engine": .string("sqlite"), "shipments": .number(Double(shipments)),
            "events": .number(Double(shipments * eventsPerShipment)), "requests": .number(Double(requests)),
        ]
        var cursor: String?
        let timed: [(name: String, path: () -> String)] = [
            ("list_first_page", { "/v1/shipments?limit=100" }),
            ("list_status_page", { "/v1/shipments?limit=100&status=delivered" }),
            ("search_tracking_number", { "/v1/shipments?tracking_number=\(VolumeGenerator.trackingNumber(copy()))" }),
            ("search_order_id", { "/v1/shipments?order_id=\(VolumeGenerator.orderID(copy()))" }),
            ("tracking_page", { "/t/\(template.publicToken)\(VolumeGenerator.tokenSuffix(copy()))?lang=en" }),
        ]
        for (name, path) in timed {
            let latencies = try await Self.latencies(client: client, count: requests, key: key) { base + path() }
            fields["\(name)_p50_ms"] = .number(StoreBench.round(StoreBench.percentile(latencies, 0.5)))
            fields["\(name)_p99_ms"] = .number(StoreBench.round(StoreBench.percentile(latencies, 0.99)))
        }
        // Deep pages: each request follows the previous answer's cursor.
        let deep = try await Self.latencies(client: client, count: min(requests, 200), key: key, following: &cursor) { next in
            base + "/v1/shipments?limit=100" + (next.map { "&cursor=\($0)" } ?? "")
        }
        fields["list_cursor_pages_p99_ms"] = .number(StoreBench.round(StoreBench.percentile(deep, 0.99)))
        let memory = ProcessMemory.current()
        fields["rss_mib"] = .number(Double(memory.residentKiB / 1024))
        fields["peak_rss_mib"] = .number(Double(memory.peakKiB / 1024))
        return fields
    }

    private static func latencies(client: HTTPClient, count: Int, key: String, url: () -> String) async throws -> [Double] {
        var unused: String?
        return try await latencies(client: client, count: count, key: key, following: &unused) { _ in url() }
    }

    /// Times `count` GETs after 20 to warm up; `cursor` carries each answer's `next_cursor` to the next URL.
    private static func latencies(client: HTTPClient, count: Int, key: String, following cursor: inout String?,
                                  url: (String?) -> String) async throws -> [Double] {
        var latencies: [Double] = []
        let clock = ContinuousClock()
        for index in 0..<(count + 20) {
            var request = HTTPClientRequest(url: url(cursor))
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
            let start = clock.now
            let response = try await client.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 16 << 20)
            guard response.status == .ok else { throw ValidationError("GET \(url(cursor)) answered \(response.status)") }
            if index >= 20 { latencies.append((clock.now - start).timeInterval * 1000) }
            if let page = try? JSONValue.parse(Data(body.readableBytesView)) { cursor = page["next_cursor"]?.stringValue }
        }
        return latencies
    }
}

/// The process's resident memory, from /proc/self/status (Linux).
struct ProcessMemory {
    var residentKiB: Int
    var peakKiB: Int

    /// Starts the peak (`VmHWM`) again from the current size (Linux: 5 to /proc/self/clear_refs).
    static func resetPeak() {
        _ = mallocTrim(0)  // hands the generation's freed page cache back to the system
        try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
    }

    static func current() -> ProcessMemory {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func kibibytes(_ field: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return 0 }
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return ProcessMemory(residentKiB: kibibytes("VmRSS"), peakKiB: kibibytes("VmHWM"))
    }
}

/// glibc's `malloc_trim`, which its Swift module does not export.
@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: Int) -> Int32
