import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import Testing
import WaybillCommandSupport
import WaybillCore

/// OpenTelemetry end to end: a real `waybill serve` exports its spans over OTLP/HTTP (JSON) to a
/// collector in the test, continues a carrier's `traceparent`, sends one on outbound webhooks, and
/// writes the trace id into its log lines.
@Suite("OpenTelemetry traces", .serialized)
struct TracingTests {
    @Test func tracingIsOnlyOnWhenTheEnvironmentNamesADestination() {
        #expect(!TracingBootstrap.isRequested(by: [:]))
        #expect(!TracingBootstrap.isRequested(by: ["OTEL_SERVICE_NAME": "waybill-eu"]), "a name alone exports nothing")
        #expect(TracingBootstrap.isRequested(by: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"]))
        #expect(TracingBootstrap.isRequested(by: ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"]))
        #expect(TracingBootstrap.isRequested(by: ["OTEL_TRACES_EXPORTER": "otlp"]))
        #expect(!TracingBootstrap.isRequested(by: ["OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"]))
        #expect(!TracingBootstrap.isRequested(by: ["OTEL_SDK_DISABLED": "TRUE", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"]))
    }

    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
    func aCarrierWebhookIsTracedFromItsRequestToTheOutboundDelivery() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-tracing-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = "sqlite:\(folder.appendingPathComponent("waybill.sqlite").path)"
        let created = try WaybillProcess.run(["keys", "create", "--tenant", "acme", "--create-tenant", "--role", "admin", "--json", "--database", database])
        let key = try #require(try JSONValue.parse(Data(created.output.utf8))["key"]?.stringValue, "keys create: \(created.output)")

        let collector = Collector()
        try await collector.run { collectorURL in
            let server = WaybillProcess(database: database, port: try WaybillProcess.freePort(), environment: [
                "OTEL_EXPORTER_OTLP_ENDPOINT": collectorURL, "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
                "OTEL_BSP_SCHEDULE_DELAY": "100", "WAYBILL_LOG_LEVEL": "info", "WAYBILL_NOTIFY_POLL_MS": "50",
            ])
            try await server.start()
            defer { server.kill9() }
            let subscribed = try await Self.call(.POST, "\(server.baseURL)/v1/webhook-subscriptions", key: key,
                                                 json: #"{"url":"\#(collectorURL)/hook","event_types":["shipment.status_changed"]}"#)
            #expect(subscribed == 201)
            let endpoint = try await server.createWebhookEndpoint(key: key)
            let endpointToken = try #require(URL(string: endpoint.url)?.lastPathComponent)

            // A carrier's request that is part of a trace of its own.
            let carrierTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
            var request = HTTPClientRequest(url: endpoint.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Credential", value: endpoint.secret)
            request.headers.add(name: "traceparent", value: "00-\(carrierTrace)-00f067aa0ba902b7-01")
            request.body = .bytes(ByteBuffer(string: WebhookLoadTests.Post(number: 7, event: 1).body))
            #expect(try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status == .accepted)

            let delivery = try await collector.waitForDelivery(timeout: .seconds(30))
            let traceparent = try #require(delivery["traceparent"], "the outbound webhook carries no traceparent: \(delivery)")
            let parts = traceparent.split(separator: "-").map(String.init)
            try #require(parts.count == 4, "not a W3C traceparent: \(traceparent)")

            let spans = try await collector.waitForSpans(timeout: .seconds(30)) { spans in
                spans.contains { $0.name == "notification.deliver" && $0.traceID == parts[1] && $0.spanID == parts[2] }
            }
            let names = Set(spans.map(\.name))
            let ingress = try #require(spans.first { $0.name.hasPrefix("POST /v1/webhooks/carriers/") }, "no span of the webhook request in \(names)")
            #expect(ingress.traceID == carrierTrace, "the server span continues the carrier's trace")
            #expect(ingress.name.contains("{"), "named by the route's pattern, not the path: \(ingress.name)")
            #expect(names.contains("ingest.batch") && names.contains("ingest.parse"), "\(names)")
            #expect(spans.contains { $0.name == "POST /v1/webhook-subscriptions" })
            #expect(!names.contains("POST"), "AsyncHTTPClient's own spans (full URLs) are off: \(names)")
            // Traces leave the installation: no endpoint token, no tracking-page token, no API key in them.
            let exported = await collector.exportedText
            #expect(!exported.contains(endpointToken) && !exported.contains(key) && !exported.contains(endpoint.secret))

            server.stop()
            let logLines = try String(contentsOfFile: server.logPath, encoding: .utf8).split(separator: "\n")
            let requestLine = logLines.compactMap { try? JSONValue.parse(Data($0.utf8)) }
                .first { $0["msg"]?.stringValue == "request" && $0["path"]?.stringValue?.hasPrefix("/v1/webhooks/carriers/") == true }
            #expect(requestLine?["trace_id"]?.stringValue == carrierTrace, "the request's log line: \(String(describing: requestLine))")
        }
    }

    static func call(_ method: HTTPMethod, _ url: String, key: String, json: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status.code)
    }
}

/// An OTLP/HTTP collector (JSON encoding) and a webhook receiver on 127.0.0.1, in one server.
private actor Collector {
    struct ExportedSpan: Sendable {
        var name: String
        var traceID: String
        var spanID: String
    }

    private(set) var spans: [ExportedSpan] = []
    private(set) var exportedText = ""
    private var deliveries: [[String: String]] = []

    func receiveTraces(_ body: Data) {
        exportedText += String(decoding: body, as: UTF8.self)
        guard let document = try? JSONValue.parse(body) else { return }
        for resource in document["resourceSpans"]?.arrayValue ?? [] {
            for scope in resource["scopeSpans"]?.arrayValue ?? [] {
                for span in scope["spans"]?.arrayValue ?? [] {
                    spans.append(ExportedSpan(name: span["name"]?.stringValue ?? "",
                                              traceID: Self.hex(span["traceId"]?.stringValue), spanID: Self.hex(span["spanId"]?.stringValue)))
                }
            }
        }
    }

    func receiveDelivery(_ headers: [String: String]) {
        deliveries.append(headers)
    }

    func waitForDelivery(timeout: Duration) async throws -> [String: String] {
        let start = ContinuousClock.now
        while deliveries.isEmpty {
            try #require(start.duration(to: .now) < timeout, "no outbound webhook within \(timeout)")
            try await Task.sleep(for: .milliseconds(50))
        }
        return deliveries[0]
    }

    func waitForSpans(timeout: Duration, until done: ([ExportedSpan]) -> Bool) async throws -> [ExportedSpan] {
        let start = ContinuousClock.now
        while !done(spans) {
            try #require(start.duration(to: .now) < timeout, "spans exported so far: \(spans.map(\.name))")
            try await Task.sleep(for: .milliseconds(50))
        }
        return spans
    }

    /// OTLP/JSON should carry ids in hex; protobuf's JSON mapping writes bytes in base64. Accepts both.
    static func hex(_ text: String?) -> String {
        guard let text else { return "" }
        if text.count == 32 || text.count == 16, text.allSatisfy(\.isHexDigit) { return text.lowercased() }
        return Data(base64Encoded: text).map(Hex.encode) ?? text
    }

    nonisolated func run(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("v1/traces") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 16 << 20)
            await self.receiveTraces(Data(buffer.readableBytesView))
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "{}")))
        }
        router.post("hook") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            await self.receiveDelivery(headers)
            return Response(status: .ok)
        }
        try await LoopbackServer.run(router, body)
    }
}
