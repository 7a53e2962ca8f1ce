import Foundation
import Hummingbird
import Logging
import NIOCore
import Testing
import WaybillCore
import WaybillIngest
import WaybillNotify
import WaybillStore

/// What the test receiver got: every request, and the accepted ones in arrival order.
actor ReceiverLog {
    struct Delivery: Sendable {
        var id: String
        var timestamp: String
        var signature: String
        var body: Data
        var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }
        var shipmentID: String { json["data"]?["shipment"]?["id"]?.stringValue ?? "" }
        var sequence: Int {
            if case .number(let value)? = json["data"]?["sequence"] { return Int(value) }
            return -1
        }
    }

    /// The status code answered while down (e.g. 503); nil when accepting.
    var failingWith: Int?
    private(set) var accepted: [Delivery] = []
    private(set) var refusedCount = 0

    init(failingWith: Int? = nil) {
        self.failingWith = failingWith
    }

    /// How long each answer takes.
    var delay: Duration = .zero

    func setFailing(_ status: Int?) { failingWith = status }
    func setDelay(_ delay: Duration) { self.delay = delay }

    func receive(_ delivery: Delivery) -> Int {
        if let failingWith {
            refusedCount += 1
            return failingWith
        }
        accepted.append(delivery)
        return 200
    }
}

/// A real HTTP receiver of outbound webhooks on 127.0.0.1 with an ephemeral port.
enum TestReceiver {
    static func run<T: Sendable>(_ log: ReceiverLog, _ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            try await Task.sleep(for: await log.delay)
            let delivery = ReceiverLog.Delivery(
                id: request.headers[.init("webhook-id")!] ?? "",
                timestamp: request.headers[.init("webhook-timestamp")!] ?? "",
                signature: request.headers[.init("webhook-signature")!] ?? "",
                body: Data(buffer.readableBytesView))
            let status = await log.receive(delivery)
            return Response(status: HTTPResponse.Status(code: status), body: .init(byteBuffer: ByteBuffer(string: status == 200 ? "ok" : "down")))
        }
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test.receiver")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []); return nil }
            var port = 0
            for await value in stream { port = value; break }
            defer { group.cancelAll() }
            return try await body("http://127.0.0.1:\(port)/hook")
        }
    }
}

enum NotifyFixtures {
    static let quietLogger: Logger = {
        var logger = Logger(label: "test.notify")
        logger.logLevel = .critical
        return logger
    }()

    /// Fast retries and polling, so an outage heals in well under a second.
    /// Receivers in these tests listen on loopback, which the egress policy refuses by default.
    static func fastConfiguration(circuitFailures: Int = 1000) -> NotificationConfiguration {
        var configuration = NotificationConfiguration(
            retry: RetryPolicy(base: 0.02, maxInterval: 0.2, maxAge: 600, jitter: 0.2), requestTimeout: 5,
            circuitFailureThreshold: circuitFailures, circuitOpenDuration: 0.05, pollInterval: .milliseconds(20), concurrency: 8)
        configuration.egress = .allowingLoopback
        return configuration
    }

    static func worker(_ store: any Store, owner: String = "test-worker", configuration: NotificationConfiguration? = nil) -> NotificationWorker {
        NotificationWorker(store: store, configuration: configuration ?? fastConfiguration(), logger: quietLogger, owner: owner)
    }

    /// Registers shipments and returns their ids.
    static func shipments(_ store: any Store, tenantID: String, count: Int, prefix: String = "1ZNOTIFY",
                          customer: Customer = Customer()) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            let (shipment, _) = try await store.registerShipment(NewShipment(
                tenantID: tenantID, trackingNumber: "\(prefix)\(index)", carrier: "ups", customer: customer, actor: "test"))
            ids.append(shipment.id)
        }
        return ids
    }

    static let journey: [ShipmentStatus] = [.infoReceived, .inTransit, .outForDelivery, .delivered]

    /// Ingests one event of `status` for each shipment, as one raw payload.
    @discardableResult
    static func ingest(_ store: any Store, tenantID: String, shipments: [String], status: ShipmentStatus, step: Int,
                       body: String? = nil) async throws -> IngestOutcome {
        let at = Date(timeIntervalSince1970: 1_780_000_000 + Double(step) * 3600)
        let events = shipments.map { id in
            IngestBatch.ShipmentEvent(shipmentID: id, event: CanonicalEvent(
                status: status, substatus: status == .delivered ? .deliveredSigned : nil, occurredAt: at,
                location: Location(city: "Lyon", country: "FR"), sequence: step,
                signedBy: status == .delivered ? "M. Martin" : nil))
        }
        let raw = NewRawPayload(source: .api, carrier: "ups", contentType: "application/json",
                                body: Data((body ?? "{\"step\":\(step),\"shipments\":\"\(shipments.joined(separator: ","))\"}").utf8))
        return try await IngestPipeline(store: store, observers: [OutboxWriter()])
            .ingest(IngestBatch(tenantID: tenantID, raw: raw, events: events, actor: "test"))
    }

    /// Runs `drain` until `done` holds or the deadline passes; true when done.
    static func until(seconds: Double = 30, _ step: @Sendable () async throws -> Void,
                      _ done: @Sendable () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            try await step()
            if try await done() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return try await done()
    }

    static func webhookDeliveries(_ store: any Store, tenantID: String, state: OutboundState? = nil) async throws -> [DeliveryLogEntry] {
        var all: [DeliveryLogEntry] = []
        var cursor: String?
        repeat {
            let page = try await store.deliveries(DeliveryQuery(tenantID: tenantID, state: state, channel: .webhook, cursor: cursor, limit: 200))
            all += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return all
    }
}

/// Verifies a Standard Webhooks signature with Python's hmac, independently of our signer.
enum PythonVerifier {
    static let script = """
        import base64, hashlib, hmac, sys
        secret, msg_id, timestamp, path, header = sys.argv[1:6]
        key = base64.b64decode(secret.split("_", 1)[1])
        body = open(path, "rb").read()
        expected = base64.b64encode(hmac.new(key, msg_id.encode() + b"." + timestamp.encode() + b"." + body, hashlib.sha256).digest()).decode()
        found = [s.split(",", 1)[1] for s in header.split(" ") if s.startswith("v1,")]
        print("valid" if any(hmac.compare_digest(s, expected) for s in found) else "invalid")
        """

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") }

    static func verify(_ delivery: ReceiverLog.Delivery, secret: String) throws -> Bool {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-body-\(UUID()).json")
        try delivery.body.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, secret, delivery.id, delivery.timestamp, path.path, delivery.signature]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmed
        return text == "valid"
    }
}
