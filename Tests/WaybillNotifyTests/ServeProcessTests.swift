import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import WaybillCore
import WaybillNotify
import WaybillStore

/// `waybill serve` as a child process on a fresh SQLite file, with fast notification settings.
final class ServeProcess: @unchecked Sendable {
    static let binary: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/waybill")
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }
    static let unavailableReason: Comment = "the waybill executable is not built (swift build --build-tests builds it)"

    let database: String
    let port: Int
    private var process: Process?

    init() {
        database = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-notify-\(UUID()).sqlite").path
        port = Int.random(in: 20_000...59_000)
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Creates an admin key for tenant `acme` with the CLI.
    func adminKey() throws -> String {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["keys", "create", "--tenant", "acme", "--create-tenant", "--role", "admin", "--database", "sqlite:\(database)"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmed
    }

    func start() async throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--port", "\(port)", "--database", "sqlite:\(database)"]
        var environment = ProcessInfo.processInfo.environment
        environment["WAYBILL_LOG_LEVEL"] = "critical"
        environment["WAYBILL_NOTIFY_RETRY_BASE_SECONDS"] = "0.05"
        environment["WAYBILL_NOTIFY_RETRY_MAX_INTERVAL_SECONDS"] = "0.5"
        environment["WAYBILL_NOTIFY_POLL_MS"] = "20"
        environment["WAYBILL_NOTIFY_LEASE_SECONDS"] = "1"
        environment["WAYBILL_NOTIFY_CONCURRENCY"] = "4"
        environment["WAYBILL_NOTIFY_CIRCUIT_FAILURES"] = "1000"
        environment["WAYBILL_EGRESS_ALLOW"] = "127.0.0.0/8"  // the test receiver listens on loopback
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        let client = HTTPClient.shared
        for _ in 0..<300 {
            if let response = try? await client.execute(HTTPClientRequest(url: "\(baseURL)/healthz"), timeout: .seconds(1)),
               response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DeliveryFailure(reason: "waybill serve did not come up on port \(port)", retryable: false)
    }

    func kill9() {
        guard let process, process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit {
        stop()
        for file in DatabaseURL.sqliteFiles(at: database) { try? FileManager.default.removeItem(atPath: file) }
    }

    func call(_ method: HTTPMethod, _ path: String, key: String, json: String? = nil) async throws -> (Int, JSONValue, String) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "authorization", value: "Bearer \(key)")
        if let json {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 4 << 20)
        let text = String(decoding: body.readableBytesView, as: UTF8.self)
        return (Int(response.status.code), (try? JSONValue.parse(Data(text.utf8))) ?? .null, text)
    }
}

@Suite("waybill serve delivers notifications", .serialized)
struct ServeProcessTests {
    static func event(_ status: ShipmentStatus, hour: Int) -> String {
        #"{"events":[{"status":"\#(status.rawValue)","occurred_at":"2026-11-20T\#(hour < 10 ? "0" : "")\#(hour):00:00+01:00","description":"\#(status.rawValue)","location":{"city":"Lyon","country":"FR"}}]}"#
    }

    @Test(.enabled(if: ServeProcess.isAvailable, ServeProcess.unavailableReason))
    func theAPIManagesSubscriptionsRulesDeliveriesAndTheFeed() async throws {
        let server = ServeProcess()
        let key = try server.adminKey()
        try await server.start()
        defer { server.stop() }
        let log = ReceiverLog()
        try await TestReceiver.run(log) { url in
            let (created, subscription, _) = try await server.call(.POST, "/v1/webhook-subscriptions", key: key,
                json: #"{"url":"\#(url)","event_types":["shipment.status_changed","shipment.exception"]}"#)
            #expect(created == 201)
            let secret = try #require(subscription["secret"]?.stringValue)
            #expect(secret.hasPrefix("whsec_"))
            let (bad, problem, _) = try await server.call(.POST, "/v1/webhook-subscriptions", key: key,
                json: #"{"url":"ftp://x","event_types":["shipment.status_changed"]}"#)
            #expect(bad == 400 && problem["error"]?["details"]?["path"]?.stringValue == "url")
            let (_, listed, _) = try await server.call(.GET, "/v1/webhook-subscriptions", key: key)
            #expect(listed["data"]?.arrayValue?.first?["secret"] == nil, "secrets are not listed")

            let (_, rules, _) = try await server.call(.GET, "/v1/alert-rules", key: key)
            #expect(rules["data"]?.arrayValue?.count == 6, "the default rules")
            let (ruleStatus, rule, _) = try await server.call(.POST, "/v1/alert-rules", key: key, json: """
                {"name":"Duties","trigger":{"type":"reason_entered","reason":"customs_duties_unpaid"},"channel":"in_app",
                 "template":"duties","audience":"merchant","quiet_hours":{"start":"22:00","end":"07:00","time_zone":"Europe/Paris"}}
                """)
            #expect(ruleStatus == 201)
            let ruleID = try #require(rule["id"]?.stringValue)
            let (invalid, error, _) = try await server.call(.PATCH, "/v1/alert-rules/\(ruleID)", key: key,
                                                            json: #"{"quiet_hours":{"start":"22:00","end":"7am"}}"#)
            #expect(invalid == 400 && error["error"]?["details"]?["path"]?.stringValue == "quiet_hours.end")
            let (patched, updated, _) = try await server.call(.PATCH, "/v1/alert-rules/\(ruleID)", key: key, json: #"{"enabled":false}"#)
            #expect(patched == 200 && updated["enabled"] == .bool(false) && updated["template"]?.stringValue == "duties")
            #expect(try await server.call(.DELETE, "/v1/alert-rules/\(ruleID)", key: key).0 == 204)
            #expect(try await server.call(.GET, "/v1/alert-rules/\(ruleID)", key: key).0 == 404)

            let (_, shipment, _) = try await server.call(.POST, "/v1/shipments", key: key, json: #"{"tracking_number":"1ZSERVE1","carrier":"ups"}"#)
            let shipmentID = try #require(shipment["id"]?.stringValue)
            #expect(try await server.call(.POST, "/v1/shipments/\(shipmentID)/events", key: key,
                                          json: Self.event(.exception, hour: 9)).0 == 201)
            #expect(try await NotifyFixtures.until({}) { await log.accepted.count == 2 })
            let accepted = await log.accepted
            #expect(accepted.map { $0.json["type"]?.stringValue } == ["shipment.status_changed", "shipment.exception"])
            #expect(accepted.map(\.sequence) == [1, 2])
            if PythonVerifier.isAvailable { #expect(try PythonVerifier.verify(accepted[0], secret: secret)) }

            // The receiver logs a webhook before the server records its answer: wait for both records.
            let delivered = "/v1/deliveries?channel=webhook&state=delivered"
            #expect(try await NotifyFixtures.until({}) {
                (try await server.call(.GET, delivered, key: key).1["data"]?.arrayValue?.count ?? 0) == 2
            })
            let items = try await server.call(.GET, delivered, key: key).1["data"]?.arrayValue ?? []
            #expect(items.count == 2)
            #expect(items.first?["attempts"]?.arrayValue?.first?["status_code"] == .number(200))
            let (replayStatus, replay, _) = try await server.call(.POST, "/v1/deliveries/replay", key: key,
                                                                  json: #"{"ids":["\#(accepted[0].id)"]}"#)
            #expect(replayStatus == 202 && replay["replayed"] == .number(1))
            #expect(try await NotifyFixtures.until({}) { await log.accepted.count == 3 })
            #expect(await log.accepted.last?.id == accepted[0].id, "a replay carries the same webhook-id")
            #expect(try await server.call(.POST, "/v1/deliveries/replay", key: key, json: "{}").0 == 400)

            // The default exception rule puts the shipment in the support feed.
            #expect(try await NotifyFixtures.until({}) {
                (try await server.call(.GET, "/v1/notifications", key: key).1["data"]?.arrayValue?.count ?? 0) == 1
            })
            let (streamStatus, _, stream) = try await server.call(.GET, "/v1/notifications/stream?max_events=1", key: key)
            #expect(streamStatus == 200)
            #expect(stream.includes("event: notification"))
            #expect(stream.includes(shipmentID))
        }
    }

    /// Killing the server in the middle of deliveries loses nothing: after a restart every
    /// message arrives; a message in flight at the kill may come twice, with the same webhook-id.
    @Test(.enabled(if: ServeProcess.isAvailable, ServeProcess.unavailableReason))
    func killNineDuringDeliveryLosesNothing() async throws {
        let server = ServeProcess()
        let key = try server.adminKey()
        try await server.start()
        defer { server.stop() }
        let log = ReceiverLog()
        await log.setDelay(.milliseconds(150))
        try await TestReceiver.run(log) { url in
            _ = try await server.call(.POST, "/v1/webhook-subscriptions", key: key,
                                      json: #"{"url":"\#(url)","event_types":["shipment.status_changed"]}"#)
            await log.setFailing(503)
            var shipments: [String] = []
            for index in 0..<6 {
                let (_, shipment, _) = try await server.call(.POST, "/v1/shipments", key: key,
                                                             json: #"{"tracking_number":"1ZKILL\#(index)","carrier":"ups"}"#)
                shipments.append(try #require(shipment["id"]?.stringValue))
            }
            for (hour, status) in [ShipmentStatus.infoReceived, .inTransit, .outForDelivery, .delivered].enumerated() {
                for id in shipments {
                    #expect(try await server.call(.POST, "/v1/shipments/\(id)/events", key: key,
                                                  json: Self.event(status, hour: hour + 8)).0 == 201)
                }
            }
            await log.setFailing(nil)
            #expect(try await NotifyFixtures.until({}) { await log.accepted.count >= 4 })
            server.kill9()
            let beforeRestart = await log.accepted.count
            #expect(beforeRestart < 24, "killed in the middle")
            try await server.start()
            #expect(try await NotifyFixtures.until(seconds: 60, {}) { Set(await log.accepted.map(\.id)).count >= 24 })
            let accepted = await log.accepted
            let (_, deliveries, _) = try await server.call(.GET, "/v1/deliveries?channel=webhook&limit=200", key: key)
            let ids = Set((deliveries["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue })
            #expect(ids.count == 24)
            #expect(Set(accepted.map(\.id)) == ids, "nothing lost")
            // Duplicates (at-least-once) carry the same id, so a receiver can drop them.
            for id in shipments {
                var seen = Set<String>()
                let firsts = accepted.filter { $0.shipmentID == id && seen.insert($0.id).inserted }.map(\.sequence)
                #expect(firsts == [1, 2, 3, 4], "in order per shipment")
            }
        }
    }
}
