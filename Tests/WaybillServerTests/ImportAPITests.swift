import Foundation
import Hummingbird
import Testing
import WaybillCore
@testable import WaybillServer
import WaybillTestSupport

@Suite("Imports API")
struct ImportAPITests {
    static let shipmentsCSV = """
        tracking_number,carrier,order_id,email
        1Z999AA10123456784,ups,ORD-1,ann@example.com
        JJD000390007,dhl,ORD-2,bob@example.de
        9400100000000000000000,usps,ORD-3,not-an-email

        """

    static let x12 = """
        ISA*00*          *00*          *ZZ*ABCD           *ZZ*MERCHANT       *261120*1200*U*00401*000000301*0*P*>~\
        GS*QM*ABCD*MERCHANT*20261120*1200*4001*X*004010~\
        ST*214*0001~B10*PRO9001*SHIP-A*ABCD~LX*1~AT7*D1*NS***20261120*1432*ET~MS1*ATLANTA*GA*US~SE*6*0001~\
        GE*1*4001~IEA*1*000000301~

        """

    static func waitUntilFinished(_ api: APIClient, _ key: String, _ id: String) async throws -> APIResponse {
        for _ in 0..<200 {
            let status = try await api.send(.get, "/v1/imports/\(id)", key: key)
            if ["done", "failed"].contains(status.string("status")) { return status }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("import \(id) did not finish")
        return try await api.send(.get, "/v1/imports/\(id)", key: key)
    }

    @Test(arguments: TestDatabase.available)
    func anUploadedFileIsImportedInTheBackground(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            let csv: HTTPFields = [.contentType: "text/csv"]
            #expect(try await api.send(.post, "/v1/imports?file_name=a.csv", key: keys.viewer, json: Self.shipmentsCSV,
                                       headers: csv).status == 403)
            let created = try await api.send(.post, "/v1/imports?file_name=shipments.csv", key: keys.integration,
                                             json: Self.shipmentsCSV, headers: csv)
            #expect(created.status == 202)
            let id = try #require(created.string("id"))
            #expect(created.string("status") == "queued")

            let finished = try await Self.waitUntilFinished(api, keys.integration, id)
            #expect(finished.string("status") == "done")
            #expect(finished.string("format") == "csv_shipments")
            #expect(finished.json["shipments_registered"] == .number(2))
            #expect(finished.json["records_done"] == .number(2))
            #expect(finished.json["issues"]?.arrayValue?.first?.stringValue?.includes("shipments.csv: line 4: email") == true)
            let shipments = try await api.send(.get, "/v1/shipments?tracking_number=JJD000390007", key: keys.integration)
            #expect(shipments.json["data"]?.arrayValue?.count == 1)

            // The same file again is the same import.
            let again = try await api.send(.post, "/v1/imports?file_name=copy.csv", key: keys.integration,
                                           json: Self.shipmentsCSV, headers: csv)
            #expect(again.status == 200 && again.string("id") == id)
            let list = try await api.send(.get, "/v1/imports", key: keys.viewer)
            #expect(list.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [id])
            #expect(try await api.send(.get, "/v1/imports/\(id)", key: keys.otherTenantAdmin).status == 404)

            // A row naming another order than its number's shipment is reported as a conflict, not applied.
            let moved = try await api.send(.post, "/v1/imports?file_name=moved.csv", key: keys.integration,
                                           json: "tracking_number,carrier,order_id\n1Z999AA10123456784,ups,ORD-9\n", headers: csv)
            let conflicted = try await Self.waitUntilFinished(api, keys.integration, try #require(moved.string("id")))
            #expect(conflicted.string("status") == "done")
            let issues = (conflicted.json["issues"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(issues.count == 1 && issues[0].hasPrefix("conflict: moved.csv: line 2") && issues[0].includes("order ORD-1"))
            let kept = try await api.send(.get, "/v1/shipments?tracking_number=1Z999AA10123456784", key: keys.integration)
            #expect(kept.json["data"]?.arrayValue?.compactMap { $0["order_id"]?.stringValue } == ["ORD-1"])
        }
    }

    @Test func x12ImportsAnswerWithA997AndBadUploadsAreRefused() async throws {
        try await TestApp.run { api, keys, _ in
            let created = try await api.send(.post, "/v1/imports?file_name=status.edi", key: keys.admin, json: Self.x12,
                                             headers: [.contentType: "application/edi-x12"])
            let id = try #require(created.string("id"))
            let finished = try await Self.waitUntilFinished(api, keys.admin, id)
            #expect(finished.json["events_inserted"] == .number(1))
            #expect(finished.json["acknowledged_interchanges"] == .array([.string("000000301")]))
            let shipment = try await api.send(.get, "/v1/shipments?tracking_number=PRO9001", key: keys.admin).json["data"]?.arrayValue?.first
            #expect(shipment?["status"]?.stringValue == "delivered")
            #expect(shipment?["last_event_source"]?.stringValue == "file")
            if case .number(let lag)? = shipment?["last_event_lag_seconds"] { #expect(lag > 0) } else { Issue.record("no freshness lag") }
            let ack = try await api.send(.get, "/v1/imports/\(id)/acknowledgment", key: keys.admin)
            #expect(ack.status == 200)
            #expect(String(decoding: ack.body, as: UTF8.self).includes("AK9*A*1*1*1"))

            let garbage = try await api.send(.post, "/v1/imports", key: keys.admin, json: "just some words\n",
                                             headers: [.contentType: "text/plain"])
            #expect(garbage.status == 400 && garbage.errorCode == "unsupported_format")
            let empty = try await api.send(.post, "/v1/imports", key: keys.admin, json: "", headers: [.contentType: "text/csv"])
            #expect(empty.status == 400)
            let badName = try await api.send(.post, "/v1/imports?file_name=a/b.csv", key: keys.admin, json: Self.shipmentsCSV,
                                             headers: [.contentType: "text/csv"])
            #expect(badName.status == 400 && badName.errorPath == "file_name")
        }
    }
}
