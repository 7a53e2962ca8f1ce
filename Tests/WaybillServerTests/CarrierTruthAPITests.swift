import Foundation
import Hummingbird
import Testing
import WaybillCore
@testable import WaybillServer
import WaybillTestSupport

/// What Waybill does with carrier data it cannot read as given (issue 13): codes that neither the
/// mapping table nor the text classify are listed for the operator; times that cannot be right
/// are kept, flagged, and do not move the shipment.
@Suite("Carrier truth over the API")
struct CarrierTruthAPITests {
    @Test(arguments: TestDatabase.available)
    func unmappedCodesAndImplausibleTimes(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            let endpoint = try await api.send(.post, "/v1/webhook-endpoints", key: keys.admin, json: #"{"carrier":"ups"}"#)
            let path = "/v1/webhooks/carriers/ups/\(try #require(endpoint.string("id")))"
            let credential: HTTPFields = [.init("credential")!: try #require(endpoint.string("secret"))]
            let number = "1Z204W4R0308071866"
            // Two hours ago, in Charlotte (UTC−05:00) and in UTC.
            let local = Self.upsDate(Date().addingTimeInterval(-2 * 3600 - 5 * 3600)), gmt = Self.upsDate(Date().addingTimeInterval(-2 * 3600))
            // A real scan, an unknown code with a text no phrase knows, and a scan dated a year
            // after the post that reports it (a misread zone or a placeholder, never a fact).
            let posts = [
                WebhookTests.trackAlert(number, code: "OR", type: "P", text: "Pickup Scan", date: local.date, time: local.time, gmtDate: gmt.date, gmtTime: gmt.time, descriptionCode: "005"),
                WebhookTests.trackAlert(number, code: "Q7", type: "Q", text: "Status Q7", date: local.date, time: local.time, gmtDate: gmt.date, gmtTime: gmt.time, descriptionCode: "Q7X"),
                WebhookTests.trackAlert(number, code: "KB", type: "D", text: "Delivered", date: "20991231", time: "120000", gmtDate: "20991231", gmtTime: "170000", descriptionCode: "011"),
            ]
            for post in posts {
                #expect(try await api.send(.post, path, json: post, headers: credential).status == 202)
            }
            var events: [JSONValue] = []
            let parsed = try await WebhookTests.eventually {
                let list = try await api.send(.get, "/v1/shipments?tracking_number=\(number)", key: keys.admin)
                guard let id = list.json["data"]?.arrayValue?.first?["id"]?.stringValue else { return false }
                events = try await api.send(.get, "/v1/shipments/\(id)/events", key: keys.admin).json["data"]?.arrayValue ?? []
                return events.count == 3
            }
            let failed = try await api.send(.get, "/v1/raw-payloads?status=failed", key: keys.admin)
            try #require(parsed, "three events, got \(events.map { $0["carrier_code"]?.stringValue ?? "-" }); failed: \(String(decoding: failed.body, as: UTF8.self))")
            let future = try #require(events.first { $0["carrier_code"]?.stringValue == "011" })
            #expect(future["implausible_time"] == .bool(true))
            #expect(future["occurred_at"] == .null)
            #expect(future["local_time"]?.stringValue == "2099-12-31T12:00:00")
            #expect(events.filter { $0["implausible_time"] == .bool(true) }.count == 1)

            let list = try await api.send(.get, "/v1/shipments?tracking_number=\(number)", key: keys.admin)
            #expect(list.json["data"]?.arrayValue?.first?["status"]?.stringValue != "delivered",
                    "an impossible delivery must not move the shipment")

            let codes = try await api.send(.get, "/v1/unmapped-codes", key: keys.admin)
            #expect(codes.status == 200)
            let rows = codes.json["data"]?.arrayValue ?? []
            #expect(rows.count == 1)
            #expect(rows.first?["carrier"]?.stringValue == "ups")
            #expect(rows.first?["carrier_code"]?.stringValue == "Q7X")
            #expect(rows.first?["count"] == .number(1))
            #expect(rows.first?["texts"]?.arrayValue?.first?["text"]?.stringValue == "Status Q7")
            #expect(try await api.send(.get, "/v1/unmapped-codes", key: keys.viewer).status == 403)

            // The metrics registry is the process's: other cases may have counted before this one.
            let metrics = String(decoding: try await api.send(.get, "/metrics").body, as: UTF8.self)
            let counted = metrics.split(separator: "\n").first { $0.hasPrefix(#"waybill_unmapped_events_total{carrier="ups"} "#) }
            #expect((counted?.split(separator: " ").last.flatMap { Double($0) } ?? 0) >= 1, "no unmapped count for ups in /metrics")
        }
    }

    static func upsDate(_ date: Date) -> (date: String, time: String) {
        let text = Timestamp.utcString(date) // 2026-12-07T00:18:06.000Z
        let digits = text.filter(\.isNumber)
        return (String(digits.prefix(8)), String(digits.dropFirst(8).prefix(6)))
    }
}
