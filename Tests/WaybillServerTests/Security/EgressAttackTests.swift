import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing
import WaybillCore
import WaybillNotify
import WaybillStore
import WaybillTestSupport

/// Attack: a tenant admin points an outbound webhook, the SMS provider's `base_url` or the SMTP
/// host at loopback, a private network or the cloud metadata service (169.254.169.254), or at a
/// receiver that redirects there, and reads the first bytes of the answer in `GET /v1/deliveries`.
/// Defence: one egress policy for every connection whose destination a tenant chooses. Saving a
/// refused destination gets 400 naming the field; a delivery connects only to an address the
/// policy checked (a destination stored before, or a name that resolves elsewhere later, is
/// refused at send time); redirects are answers, never followed.
@Suite("Security: server-side request forgery")
struct EgressAttackTests {
    static let strict = EgressPolicy()

    @Test func savingAWebhookAimedAtLoopbackPrivateOrMetadataAddressesIsRefused() async throws {
        try await TestApp.run(over: .live, egress: Self.strict) { api, keys, _ in
            for target in ["http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/hook",
                           "http://[::ffff:127.0.0.1]:9/hook", "http://10.0.0.5/hook", "http://192.168.1.1/hook",
                           "http://100.64.0.1/hook", "http://0.0.0.0:9/hook", "http://[fd00::1]/hook", "http://localhost:9/hook"] {
                let response = try await api.send(.post, "/v1/webhook-subscriptions", key: keys.admin,
                                                  json: #"{"url":"\#(target)","event_types":["shipment.status_changed"]}"#)
                #expect(response.status == 400, "\(target)")
                #expect(response.errorPath == "url", "\(target)")
                #expect(response.string("error", "message")?.contains("egress policy") == true, "\(target)")
            }
            let listed = try await api.send(.get, "/v1/webhook-subscriptions", key: keys.admin)
            #expect(listed.json["data"]?.arrayValue?.isEmpty == true, "nothing was saved")
        }
    }

    @Test func savingSMSOrSMTPDestinationsOnPrivateAddressesIsRefused() async throws {
        try await TestApp.run(over: .live, egress: Self.strict) { api, keys, _ in
            let sms = try await api.send(.put, "/v1/notification-channels/sms", key: keys.admin, json: """
                {"base_url":"http://169.254.169.254/latest","account_sid":"AC1","auth_token":"t","from":"+14155550100"}
                """)
            #expect(sms.status == 400)
            #expect(sms.errorPath == "base_url")
            let email = try await api.send(.put, "/v1/notification-channels/email", key: keys.admin, json: """
                {"host":"127.0.0.1","port":25,"starttls":false,"from":"shop@example.com"}
                """)
            #expect(email.status == 400)
            #expect(email.errorPath == "host")
        }
    }

    /// A destination that got past the check when it was saved (a name that resolved to a public
    /// address then and to loopback now, or a row written before the policy existed).
    @Test func aDeliveryToARefusedAddressNeverConnects() async throws {
        try await AttackReceiver.run { receiver in
            try await TestApp.run(over: .live, egress: Self.strict) { api, keys, store in
                let tenant = try #require(try await store.tenant(named: "acme"))
                _ = try await store.createWebhookSubscription(tenantID: tenant.id, url: receiver.url("hook"),
                                                              eventTypes: [.shipmentStatusChanged], actor: "attacker")
                let shipmentID = try await Self.shipmentWithAnEvent(api, keys)
                let attempt = try await Self.firstAttempt(api, keys, shipmentID: shipmentID)
                #expect(attempt.state == "dead", "a refused destination is not retried")
                #expect(attempt.lastError?.contains("egress policy") == true)
                #expect(attempt.lastError?.contains("loopback") == true)
                #expect(await receiver.requests == 0, "nothing reached the receiver")
            }
        }
    }

    @Test func redirectsAreNotFollowed() async throws {
        try await AttackReceiver.run { receiver in
            // Loopback is allowed here (it is where the receiver is); the redirect must still not be followed.
            try await TestApp.run(over: .live, egress: .allowingLoopback) { api, keys, _ in
                let created = try await api.send(.post, "/v1/webhook-subscriptions", key: keys.admin,
                                                 json: #"{"url":"\#(receiver.url("redirect"))","event_types":["shipment.status_changed"]}"#)
                #expect(created.status == 201)
                let shipmentID = try await Self.shipmentWithAnEvent(api, keys)
                let attempt = try await Self.firstAttempt(api, keys, shipmentID: shipmentID)
                #expect(attempt.statusCode == 302)
                #expect(attempt.lastError?.contains("redirects are not followed") == true)
                #expect(await receiver.redirects == 1)
                #expect(await receiver.requests == 0, "the redirect's target was never asked")
            }
        }
    }

    static func shipmentWithAnEvent(_ api: APIClient, _ keys: TestKeys) async throws -> String {
        let shipment = try await api.send(.post, "/v1/shipments", key: keys.admin, json: #"{"tracking_number":"1Z999AA10123456784","carrier":"ups"}"#)
        let id = try #require(shipment.string("id"))
        let appended = try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.admin, json: """
            {"events":[{"status":"in_transit","occurred_at":"2026-03-02T08:00:00+01:00","description":"Departed"}]}
            """)
        #expect(appended.status == 200 || appended.status == 201)
        return id
    }

    struct Attempt {
        var state: String?
        var statusCode: Int?
        var lastError: String?
    }

    /// The delivery log's first webhook message for the shipment, once it has been attempted.
    static func firstAttempt(_ api: APIClient, _ keys: TestKeys, shipmentID: String) async throws -> Attempt {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let log = try await api.send(.get, "/v1/deliveries?channel=webhook", key: keys.admin)
            if let entry = log.json["data"]?.arrayValue?.first(where: { $0["shipment_id"]?.stringValue == shipmentID }),
               let error = entry["last_error"]?.stringValue {
                var statusCode: Int?
                if case .number(let code)? = entry["last_status_code"] { statusCode = Int(code) }
                return Attempt(state: entry["state"]?.stringValue, statusCode: statusCode, lastError: error)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("no delivery attempt within 20 s")
        return Attempt()
    }
}

/// A receiver on 127.0.0.1: `/hook` counts what reaches it, `/redirect` answers 302 to `/hook`.
actor AttackReceiver {
    private(set) var requests = 0
    private(set) var redirects = 0

    nonisolated func url(_ path: String) -> String { "http://127.0.0.1:\(portValue.withLock { $0 })/\(path)" }
    private nonisolated let portValue = Mutex(0)

    func hit() { requests += 1 }
    func redirected() { redirects += 1 }

    static func run(_ body: @Sendable (AttackReceiver) async throws -> Void) async throws {
        let receiver = AttackReceiver()
        let router = Router()
        router.post("hook") { _, _ -> Response in
            await receiver.hit()
            return Response(status: .ok)
        }
        router.post("redirect") { _, _ -> Response in
            await receiver.redirected()
            return Response(status: .found, headers: [.location: receiver.url("hook")])
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test.attack-receiver")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            for await port in ports {
                receiver.portValue.withLock { $0 = port }
                break
            }
            defer { group.cancelAll() }
            try await body(receiver)
        }
    }
}
