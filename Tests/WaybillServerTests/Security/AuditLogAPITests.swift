import Crypto
import Foundation
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

/// `GET /v1/audit-log` and `waybill audit verify|anchor` on a real server and database.
@Suite("Audit log API and commands")
struct AuditLogAPITests {
    @Test(arguments: TestDatabase.available)
    func adminsPageFilterAndExportTheChainedLog(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, _ in
            let created = try await api.send(.post, "/v1/api-keys", key: keys.admin, json: #"{"role":"viewer"}"#)
            let keyID = try #require(created.string("id"))
            #expect(try await api.send(.delete, "/v1/api-keys/\(keyID)", key: keys.admin).status == 204)

            var entries: [JSONValue] = []
            var cursor: String?
            repeat {
                let page = try await api.send(.get, "/v1/audit-log?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), key: keys.admin)
                #expect(page.status == 200)
                entries += page.json["data"]?.arrayValue ?? []
                cursor = page.string("next_cursor")
            } while cursor != nil
            #expect(entries.map { $0["chain_seq"] } == (1...entries.count).map { JSONValue.number(Double($0)) })
            for (previous, entry) in zip(entries, entries.dropFirst()) { #expect(entry["prev_hash"] == previous["hash"]) }
            #expect(entries.contains { $0["action"]?.stringValue == "api_key.revoked" && $0["subject_id"]?.stringValue == keyID })

            let filtered = try await api.send(.get, "/v1/audit-log?subject_id=\(keyID)", key: keys.admin)
            #expect(filtered.json["data"]?.arrayValue?.compactMap { $0["action"]?.stringValue } == ["api_key.created", "api_key.revoked"])
            #expect(try await api.send(.get, "/v1/audit-log?action=api_key.revoked&since=2999-01-01T00:00:00Z", key: keys.admin)
                .json["data"]?.arrayValue?.isEmpty == true)

            let export = try await api.send(.get, "/v1/audit-log?format=ndjson", key: keys.admin)
            #expect(export.status == 200 && export.headers[.contentType] == "application/x-ndjson")
            let lines = String(decoding: export.body, as: UTF8.self).split(separator: "\n")
            // The export records itself first, so it ends with its own entry.
            let exportedEntries = try lines.map { try JSONValue.parse(Data($0.utf8)) }
            #expect(exportedEntries.map { $0["hash"] } == entries.map { $0["hash"] } + [exportedEntries.last?["hash"]])
            #expect(exportedEntries.last?["action"]?.stringValue == "audit_log.exported")
            // An export verifies without Waybill: each hash recomputed from the line's own fields.
            var previous = String(repeating: "0", count: 64)
            for entry in exportedEntries {
                let fields = ["v1", "tenant_id", "chain_seq", "id", "at", "actor", "action", "subject_type", "subject_id", "details_text"]
                    .map { name -> String in
                        if name == "v1" { return name }
                        if name == "chain_seq", case .number(let seq)? = entry[name] { return String(Int(seq)) }
                        return entry[name]?.stringValue ?? "?"
                    }
                var bytes = Data(previous.utf8)
                for field in fields { bytes += Data("\(field.utf8.count):\(field),".utf8) }
                let hash = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
                #expect(entry["prev_hash"]?.stringValue == previous && entry["hash"]?.stringValue == hash, "\(entry)")
                previous = hash
            }
            let exported = try await api.send(.get, "/v1/audit-log?action=audit_log.exported", key: keys.admin)
            #expect(exported.json["data"]?.arrayValue?.count == 1)

            for key in [keys.integration, keys.support, keys.viewer] {
                #expect(try await api.send(.get, "/v1/audit-log", key: key).status == 403)
            }
            let otherTenant = try await api.send(.get, "/v1/audit-log?subject_id=\(keyID)", key: keys.otherTenantAdmin)
            #expect(otherTenant.json["data"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
    func verifyAndAnchorFromTheCommandLine() async throws {
        let served = try ServedWaybill()
        defer { served.remove() }
        _ = try served.adminKey(tenant: "acme")
        _ = try served.adminKey(tenant: "globex")
        let anchored = try WaybillProcess.run(["audit", "anchor", "--tenant", "acme", "--json", "--database", served.database])
        let anchor = try #require(try JSONValue.parse(Data(anchored.output.utf8))["anchor"]?.stringValue, "\(anchored.output)\(anchored.errors)")
        let intact = try WaybillProcess.run(["audit", "verify", "--database", served.database])
        #expect(intact.status == 0 && intact.output.contains("acme\tok") && intact.output.contains("globex\tok"), "\(intact.output)")
        #expect(try WaybillProcess.run(["audit", "verify", "--tenant", "acme", "--anchor", anchor, "--database", served.database]).status == 0)

        try await served.withStore { store in
            try await store.backend.transaction { db in
                try await db.raw("UPDATE audit_log SET details = '{\"role\":\"viewer\"}' WHERE chain_seq = 1 AND action = 'api_key.created'").run()
            }
        }
        let broken = try WaybillProcess.run(["audit", "verify", "--database", served.database])
        #expect(broken.status == 1 && broken.output.contains("acme\tBROKEN\tentry 1 (aud_") && broken.output.contains("edited"), "\(broken.output)")
        let badAnchor = try WaybillProcess.run(["audit", "verify", "--anchor", anchor, "--database", served.database])
        #expect(badAnchor.status != 0 && badAnchor.errors.contains("--anchor needs --tenant"), "\(badAnchor.errors)")
    }
}
