import Foundation
import Testing
import WaybillCore
import WaybillIngest
@testable import WaybillStore
import WaybillTestSupport

/// `GET`/`PUT /v1/retention` and `DELETE /v1/customers` over HTTP: admins only, validated,
/// audited; a retention pass shows on `/metrics`.
@Suite("Retention and erasure API")
struct RetentionAPITests {
    @Test(arguments: TestDatabase.available)
    func adminsSetAValidatedPolicyAndOthersAreRefused(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, store in
            let initial = try await api.send(.get, "/v1/retention", key: keys.admin)
            #expect(initial.status == 200)
            #expect(initial.json["personal_data_days"]?.intValue == 90 && initial.json["payload_days"]?.intValue == 400
                    && initial.json["audit_log_days"]?.intValue == 400 && initial.json["default"]?.boolValue == true)
            #expect(initial.json["effective"]?["payload_days"]?.intValue == 400)

            for (body, path) in [(#"{"personal_data_days":0}"#, "personal_data_days"),
                                 (#"{"payload_days":1.5}"#, "payload_days"),
                                 (#"{"payload_days":"400"}"#, "payload_days"),
                                 (#"{"payload_days":100,"audit_log_days":99}"#, "audit_log_days"),
                                 (#"{"personal_data_days":500,"payload_days":400}"#, "personal_data_days"),
                                 (#"{"payload_days":400,"keep":"forever"}"#, "keep")] {
                let refused = try await api.send(.put, "/v1/retention", key: keys.admin, json: body)
                #expect(refused.status == 400 && refused.errorCode == "invalid_request" && refused.errorPath == path, "\(body)")
            }
            let saved = try await api.send(.put, "/v1/retention", key: keys.admin,
                                           json: #"{"personal_data_days":30,"payload_days":200,"audit_log_days":730}"#)
            #expect(saved.status == 200)
            #expect(saved.json["personal_data_days"]?.intValue == 30 && saved.json["payload_days"]?.intValue == 200
                    && saved.json["audit_log_days"]?.intValue == 730 && saved.json["default"]?.boolValue == false)
            #expect(try await api.send(.get, "/v1/retention", key: keys.admin).json["payload_days"]?.intValue == 200)

            for key in [keys.integration, keys.support, keys.viewer] {
                #expect(try await api.send(.get, "/v1/retention", key: key).status == 403)
                #expect(try await api.send(.put, "/v1/retention", key: key, json: #"{"payload_days":1}"#).status == 403)
                #expect(try await api.send(.delete, "/v1/customers", key: key, json: #"{"email":"a@example.com"}"#).status == 403)
            }
            let other = try await api.send(.get, "/v1/retention", key: keys.otherTenantAdmin)
            #expect(other.json["default"]?.boolValue == true, "a policy is the tenant's own")
            let audit = try await api.send(.get, "/v1/audit-log?action=retention.updated", key: keys.admin)
            #expect(audit.json["data"]?.arrayValue?.count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func deletingACustomerErasesThatPersonOnlyAndReportsIt(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, store in
            let ada = #""customer":{"email":"Ada@Example.com","phone":"+44 20 7946 0001"}"#
            let bob = #""customer":{"email":"bob@example.com","phone":"+1 415 555 0199"}"#
            for (order, customer) in [("A-1", ada), ("A-2", ada), ("B-1", bob)] {
                #expect(try await api.send(.post, "/v1/orders", key: keys.admin, json: #"{"order_id":"\#(order)",\#(customer)}"#).status == 201)
            }
            var ids: [String: String] = [:]
            for (tracking, order, customer) in [("1Z999AA10123456784", "A-1", ada), ("1Z999AA10123456791", "A-2", ada),
                                                ("1Z999AA10123456802", "B-1", bob)] {
                let created = try await api.createShipment(keys.admin, tracking, extra: #","order_id":"\#(order)",\#(customer)"#)
                #expect(created.status == 201)
                ids[order] = created.string("id")
            }

            let missing = try await api.send(.delete, "/v1/customers", key: keys.admin, json: "{}")
            #expect(missing.status == 400 && missing.errorCode == "invalid_request")
            let both = try await api.send(.delete, "/v1/customers", key: keys.admin, json: #"{"email":"a@b.c","phone":"+1"}"#)
            #expect(both.status == 400)
            let nobody = try await api.send(.delete, "/v1/customers", key: keys.otherTenantAdmin, json: #"{"email":"ada@example.com"}"#)
            #expect(nobody.status == 200 && nobody.json["erased"]?["shipments"]?.intValue == 0, "another tenant's customers are not reached")

            let erased = try await api.send(.delete, "/v1/customers", key: keys.admin, json: #"{"email":"ada@example.COM"}"#)
            #expect(erased.status == 200)
            #expect(erased.json["erased"]?["shipments"]?.intValue == 2 && erased.json["erased"]?["orders"]?.intValue == 2)
            #expect(erased.json["erased"]?["events_anonymized"]?.intValue == 0 && erased.json["erased"]?["raw_payloads_deleted"]?.intValue == 0)

            for order in ["A-1", "A-2"] {
                let shipment = try await api.send(.get, "/v1/shipments/\(try #require(ids[order]))", key: keys.admin)
                #expect(shipment.status == 200 && shipment.json["customer"]?["email"]?.stringValue == nil
                        && shipment.json["customer"]?["phone"]?.stringValue == nil, "\(order)")
                let stored = try await api.send(.get, "/v1/orders/\(order)", key: keys.admin)
                #expect(!String(decoding: stored.body, as: UTF8.self).contains("7946"), "\(order)")
            }
            let kept = try await api.send(.get, "/v1/shipments/\(try #require(ids["B-1"]))", key: keys.admin)
            #expect(kept.json["customer"]?["email"]?.stringValue == "bob@example.com")
            let audit = try await api.send(.get, "/v1/audit-log?action=customer.erased", key: keys.admin)
            let entry = try #require(audit.json["data"]?.arrayValue?.first)
            #expect(entry["subject_id"]?.stringValue?.hasPrefix("sha256:") == true)
            #expect(!String(decoding: audit.body, as: UTF8.self).lowercased().contains("ada@"))

            // What a copy of the disk would show: neither Ada's email nor her phone, Bob's still there.
            if database == .sqlite, let sqlStore = store as? SQLStore {
                let path = try await sqlStore.backend.read { db in
                    try await db.raw("PRAGMA database_list").all().first { (try? $0.text("name")) == "main" }.map { try $0.text("file") }
                }
                try await sqlStore.checkpointForTests()
                var bytes = Data()
                for name in [try #require(path), try #require(path) + "-wal"] {
                    bytes.append((try? Data(contentsOf: URL(fileURLWithPath: name))) ?? Data())
                }
                for secret in ["Ada@Example.com", "ada@example.com", "7946 0001"] {
                    #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is gone from the SQLite file")
                }
                #expect(bytes.range(of: Data("bob@example.com".utf8)) != nil)
            }
        }
    }

    @Test func aRetentionPassShowsOnMetrics() async throws {
        try await TestApp.run(.sqlite, over: .live) { api, _, store in
            let service = RetentionService(store: store, logger: .init(label: "test.retention"))
            let results = try await service.runOnce(now: Date().addingTimeInterval(800 * 86_400))
            #expect(results.values.contains { $0.auditEntriesDeleted > 0 }, "800 days on, the keys' audit entries are due")
            let page = String(decoding: try await api.send(.get, "/metrics").body, as: UTF8.self)
            #expect(page.contains("waybill_retention_last_run_timestamp_seconds"))
            #expect(page.contains("waybill_retention_run_duration_seconds"))
            #expect(page.contains(#"waybill_retention_rows_purged_total{kind="audit_entries_deleted"}"#))
        }
    }
}

private extension JSONValue {
    var intValue: Int? {
        if case .number(let value) = self { return Int(exactly: value) }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }
}
