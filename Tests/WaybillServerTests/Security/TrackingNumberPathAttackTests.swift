// Threat: a tenant (or a file it imports, or carrier data naming a new number) registers a tracking
// number such as `../../v1/admin` or `1Z.json/x`; the poller puts the number into the carrier's
// request path, so Waybill calls another endpoint of the carrier's API than the tracking one, with
// Waybill's carrier credentials.
//
// Defence: a tracking number is letters, digits, spaces and hyphens only (`TrackingNumber.problem`):
// the API answers 400 naming `tracking_number`, an import reports the row with its line and keeps
// the good rows, carrier data naming such a number registers nothing and leaves a notice. Every
// carrier that puts a number in a path encodes it with `URLPathSegment.encode`, which leaves only
// letters, digits, `-`, `_` and `~`, so even a number stored before this check stays in its segment.

import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WaybillCore
import WaybillStore
import WaybillTestSupport

@Suite("Attack: tracking numbers in carrier URLs")
struct TrackingNumberPathAttackTests {
    static let pathNumbers = ["../../security/v1/admin", "1Z999AA10123456784/../../x", "1Z999AA1.json", "ABC%2F..%2F..", "A_B", "..",
                              "1Z?x=1", "1Z#frag"]

    @Test(arguments: TestDatabase.available)
    func registeringANumberWithPathCharactersIsRefusedNamingTheField(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, _ in
            for number in Self.pathNumbers {
                let response = try await api.send(.post, "/v1/shipments", key: keys.integration,
                                                  json: #"{"tracking_number":"\#(number)","carrier":"ups"}"#)
                #expect(response.status == 400, "\(number) was registered")
                #expect(response.errorPath == "tracking_number", "\(number)")
                #expect(response.string("error", "message")?.contains("letters, digits, spaces and hyphens") == true)
            }
            // Spaces and hyphens are how carriers print numbers: still accepted.
            let printed = try await api.createShipment(keys.integration, "1z 999-aa1 0123 456 784")
            #expect(printed.status == 201)
            #expect(printed.string("tracking_number") == "1Z999AA10123456784")
            let id = try #require(printed.string("id"))
            let leg = try await api.send(.post, "/v1/shipments/\(id)/legs", key: keys.integration,
                                         json: #"{"tracking_number":"../../x","carrier":"usps"}"#)
            #expect(leg.status == 400 && leg.errorPath == "tracking_number")
        }
    }

    @Test(arguments: TestDatabase.available)
    func anImportReportsTheBadRowWithItsLineAndKeepsTheGoodOnes(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, _ in
            let csv = """
                tracking_number,carrier,order_id
                1Z999AA10123456784,ups,ORD-1
                ../../security/v1/admin,ups,ORD-2
                9400 1000 0000 0000 0000 00,usps,ORD-3

                """
            let created = try await api.send(.post, "/v1/imports?file_name=numbers.csv", key: keys.integration, json: csv,
                                             headers: [.contentType: "text/csv"])
            let id = try #require(created.string("id"))
            let finished = try await ImportAPITests.waitUntilFinished(api, keys.integration, id)
            #expect(finished.json["shipments_registered"] == .number(2))
            let issues = (finished.json["issues"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(issues.contains { $0.contains("numbers.csv: line 3: tracking_number") && $0.contains("letters, digits") },
                    "\(issues)")
            let listed = try await api.send(.get, "/v1/shipments?limit=50", key: keys.integration)
            let numbers = (listed.json["data"]?.arrayValue ?? []).compactMap { $0["tracking_number"]?.stringValue }.sorted()
            #expect(numbers == ["1Z999AA10123456784", "9400100000000000000000"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func carrierDataNamingANumberWithPathCharactersRegistersNothing(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, _ in
            // An X12 214 (file import) about a shipment nobody registered: it would be registered from the file.
            let x12 = ImportAPITests.x12.replacingOccurrences(of: "PRO9001", with: "../../X")
            let created = try await api.send(.post, "/v1/imports?file_name=status.edi", key: keys.integration, json: x12,
                                             headers: [.contentType: "application/edi-x12"])
            let id = try #require(created.string("id"))
            let finished = try await ImportAPITests.waitUntilFinished(api, keys.integration, id)
            let issues = (finished.json["issues"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(issues.contains { $0.contains("../../X") && $0.contains("letters, digits") }, "\(issues)")
            let listed = try await api.send(.get, "/v1/shipments?limit=50", key: keys.integration)
            #expect(listed.json["data"]?.arrayValue?.isEmpty == true, "a shipment was registered from the file")
        }
    }

    /// What a carrier API on loopback was asked: the request target of each call, as received.
    actor Recorded {
        var targets: [String] = []
        func add(_ target: String) { targets.append(target) }
    }

    struct RecordingMiddleware<Context: RequestContext>: RouterMiddleware {
        let recorded: Recorded
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            await recorded.add("\(request.method) \(request.uri.description)")
            return try await next(request, context)
        }
    }

    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
    func aStoredNumberWithPathCharactersStaysInItsPathSegmentWhenPolled() async throws {
        // A number stored before the check (or by any path that skipped it) is polled at UPS.
        let served = try ServedWaybill()
        defer { served.remove() }
        _ = try served.adminKey(tenant: "acme")
        let planted = "../../../SECURITY/V1/ADMIN"
        try await served.withStore { store in
            let tenant = try #require(try await store.tenant(named: "acme"))
            _ = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: planted, carrier: "ups", actor: "test"))
        }

        let recorded = Recorded()
        let router = Router()
        router.add(middleware: RecordingMiddleware(recorded: recorded))
        router.post("**") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: #"{"access_token":"t-1","token_type":"Bearer","expires_in":"3600"}"#)))
        }
        router.get("**") { _, _ in Response(status: .notFound) }
        let carrier = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await carrier.test(.live) { client in
            let port = try #require(client.port)
            try await served.start(environment: [
                "WAYBILL_CARRIER_UPS_BASE_URL": "http://127.0.0.1:\(port)", "WAYBILL_CARRIER_UPS_CLIENT_ID": "id",
                "WAYBILL_CARRIER_UPS_CLIENT_SECRET": "secret", "WAYBILL_EGRESS_ALLOW": "127.0.0.0/8",
            ])
            let polled = try await ServedWaybill.waitUntil(seconds: 30) {
                await recorded.targets.contains { $0.hasPrefix("GET ") }
            }
            let targets = await recorded.targets
            #expect(polled, "the shipment was not polled: \(targets)\n\(served.log.suffix(2000))")
            for target in targets where target.hasPrefix("GET ") {
                let path = String(target.dropFirst(4).prefix { $0 != "?" })
                // Before the defence: GET /api/track/v1/details/../../../SECURITY/V1/ADMIN, another endpoint of the API.
                #expect(path == "/api/track/v1/details/%2E%2E%2F%2E%2E%2F%2E%2E%2FSECURITY%2FV1%2FADMIN", "the number left its segment: \(target)")
                #expect(!path.dropFirst("/api/track/v1/details/".count).contains("/") && !path.contains("."), "\(target)")
            }
        }
    }
}
