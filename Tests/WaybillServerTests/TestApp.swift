import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WaybillCore
import WaybillNotify
@testable import WaybillServer
import WaybillStore
import WaybillTestSupport

extension TestDatabase: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}

/// API keys of every role in tenant "acme", and an admin key of another tenant.
struct TestKeys: Sendable {
    var admin: String
    var integration: String
    var support: String
    var viewer: String
    var otherTenantAdmin: String

    static func make(_ store: any Store) async throws -> TestKeys {
        let acme = try await store.ensureTenant(named: "acme")
        let globex = try await store.ensureTenant(named: "globex")
        func key(_ tenant: Tenant, _ role: Role) async throws -> String {
            let material = APIKeyMaterial.generate()
            _ = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: material.prefix, secretHash: material.hash, role: role))
            return material.secret
        }
        return TestKeys(admin: try await key(acme, .admin), integration: try await key(acme, .integration),
                        support: try await key(acme, .support), viewer: try await key(acme, .viewer),
                        otherTenantAdmin: try await key(globex, .admin))
    }
}

/// A response with its body parsed as JSON when it is JSON.
struct APIResponse: Sendable {
    var status: Int
    var headers: HTTPFields
    var body: Data
    var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }

    func string(_ path: String...) -> String? {
        var value: JSONValue? = json
        for key in path { value = value?[key] }
        return value?.stringValue
    }

    var errorCode: String? { string("error", "code") }
    var errorPath: String? { string("error", "details", "path") }
}

struct APIClient: Sendable {
    let client: any TestClientProtocol

    func send(_ method: HTTPRequest.Method, _ path: String, key: String? = nil, json: String? = nil,
              headers extra: HTTPFields = [:]) async throws -> APIResponse {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        if json != nil && headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: path, method: method, headers: headers,
                                                body: json.map { ByteBuffer(string: $0) })
        return APIResponse(status: Int(response.status.code), headers: response.headers, body: Data(response.body.readableBytesView))
    }
}

enum TestApp {
    static let publicBaseURL = "https://track.example.com"

    /// Runs `body` against the whole application (router, middleware, real store) in process.
    /// Receivers in these tests listen on loopback, so `egress` allows it unless a test says otherwise.
    /// API keys are not rate limited unless `apiRateLimit` says so.
    static func run(_ database: TestDatabase = .sqlite, over setup: TestingSetup = .router, egress: EgressPolicy = .allowingLoopback,
                    metricsToken: String? = nil, trustedProxies: [IPRange] = [], streamLimits: StreamLimits = StreamLimits(), apiRateLimit: RequestRateLimit? = nil, _ body: @Sendable (APIClient, TestKeys, any Store) async throws -> Void) async throws {
        let logger = {
            var logger = Logger(label: "test.app")
            logger.logLevel = .error
            return logger
        }()
        try await database.withStore(migrate: false, runStore: false) { store in
            var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, publicBaseURL: publicBaseURL, egress: egress,
                                                    metricsToken: metricsToken, trustedProxies: trustedProxies)
            configuration.streamLimits = streamLimits
            configuration.apiRateLimit = apiRateLimit
            // The live test client opens one connection up front and keeps it for the whole test,
            // which may spend longer than the head deadline on store work before its first request.
            // The deadlines are tested against a real `waybill serve` (SlowClientAttackTests).
            configuration.connectionLimits = ConnectionLimits(idleTimeout: .seconds(3600), requestHeadTimeout: .seconds(3600))
            let app = buildApplication(store: store, configuration: configuration, logger: logger)
            try await app.test(setup) { client in
                let keys = try await TestKeys.make(store)
                try await body(APIClient(client: client), keys, store)
            }
        }
    }
}

extension APIClient {
    /// Registers a shipment and returns its JSON.
    func createShipment(_ key: String, _ tracking: String, carrier: String = "ups", extra: String = "") async throws -> APIResponse {
        try await send(.post, "/v1/shipments", key: key,
                       json: #"{"tracking_number":"\#(tracking)","carrier":"\#(carrier)"\#(extra)}"#)
    }
}
