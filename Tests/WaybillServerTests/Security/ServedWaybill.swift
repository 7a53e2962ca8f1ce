import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import WaybillCore
import WaybillStore

/// A real `waybill serve` process on its own SQLite file in a scratch folder, for the attack tests
/// whose target runs as a service configured by environment (the landing-directory watcher, polling).
final class ServedWaybill: @unchecked Sendable {
    /// The scratch folder: the database, and whatever the test lays out beside it.
    let folder: URL
    let database: String
    private(set) var server: WaybillProcess?

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-attack-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = "sqlite:" + folder.appendingPathComponent("waybill.sqlite").path
    }

    /// An admin key of `tenant`, creating the tenant (the real CLI, before the server starts).
    func adminKey(tenant: String) throws -> String {
        let created = try WaybillProcess.run(["keys", "create", "--tenant", tenant, "--create-tenant", "--role", "admin", "--json",
                                              "--database", database])
        return try #require(try JSONValue.parse(Data(created.output.utf8))["key"]?.stringValue, "keys create: \(created.output)")
    }

    /// Runs `body` on the database while no server runs (to plant what a release before this one could have stored).
    func withStore<T: Sendable>(_ body: @Sendable (SQLStore) async throws -> T) async throws -> T {
        try await WebhookLoadTests.withStore(String(database.dropFirst("sqlite:".count)), body)
    }

    func start(environment: [String: String], executable: URL = WaybillProcess.binary, workingDirectory: URL? = nil) async throws {
        let server = WaybillProcess(database: database, port: try WaybillProcess.freePort(),
                                    environment: environment.merging(["WAYBILL_LOG_LEVEL": "info"]) { $1 },
                                    executable: executable, workingDirectory: workingDirectory)
        try await server.start()
        self.server = server
    }

    func stop() {
        server?.stop()
        server = nil
    }

    /// Stops the server and removes the scratch folder.
    func remove() {
        server?.kill9()
        try? FileManager.default.removeItem(at: folder)
    }

    func get(_ path: String, key: String? = nil) async throws -> (status: Int, body: String) {
        let server = try #require(server)
        var request = HTTPClientRequest(url: server.baseURL + path)
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 22)
        return (Int(response.status.code), String(buffer: body))
    }

    func post(_ path: String, key: String, json: String) async throws -> (status: Int, body: String) {
        let server = try #require(server)
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 22)
        return (Int(response.status.code), String(buffer: body))
    }

    /// The value of one sample of `/metrics` (e.g. `waybill_landing_refused_total{reason="symlinked_folder"}`), 0 when absent.
    func metric(_ sample: String) async throws -> Double {
        Self.value(of: sample, inMetricsPage: try await get("/metrics").body)
    }

    /// The value of one sample in a `/metrics` page (or in an HTTP answer holding one), 0 when absent.
    static func value(of sample: String, inMetricsPage page: String) -> Double {
        for line in page.split(separator: "\n") where line.hasPrefix(sample + " ") {
            return Double(line.dropFirst(sample.count + 1).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        return 0
    }

    /// The tracking numbers of `tenant`'s shipments, read over the API.
    func trackingNumbers(key: String) async throws -> [String] {
        let page = try await get("/v1/shipments?limit=500", key: key)
        return (try JSONValue.parse(Data(page.body.utf8))["data"]?.arrayValue ?? []).compactMap { $0["tracking_number"]?.stringValue }.sorted()
    }

    /// The server's log so far (for a failure message).
    var log: String {
        guard let server else { return "" }
        return (try? String(contentsOfFile: server.logPath, encoding: .utf8)) ?? ""
    }

    /// Waits until `condition` holds or `seconds` pass; returns whether it held.
    @discardableResult
    static func waitUntil(seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }
}
