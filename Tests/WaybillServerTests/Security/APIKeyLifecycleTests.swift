import Foundation
import Testing
import WaybillCore
import WaybillStore
import WaybillTestSupport

/// Keys that expire, record their last use, rotate with an overlap and are managed by admins
/// through `/v1/api-keys` without ever handing out a stronger role.
@Suite("API key lifecycle")
struct APIKeyLifecycleTests {
    @Test(arguments: TestDatabase.available)
    func rotationKeepsTheOldKeyWorkingUntilTheOverlapEnds(_ database: TestDatabase) async throws {
        try await TestApp.run(database, over: .live) { api, keys, store in
            let created = try await api.send(.post, "/v1/api-keys", key: keys.admin,
                                             json: #"{"role":"integration","name":"shop sync","expires_in":"90d"}"#)
            #expect(created.status == 201)
            let old = try #require(created.string("key"))
            let oldID = try #require(created.string("id"))
            #expect(created.string("status") == "active" && created.string("name") == "shop sync")
            #expect(old.hasPrefix(try #require(created.string("prefix"))))
            let expiresAt = try #require(created.string("expires_at").flatMap(Self.date))
            #expect(abs(expiresAt.timeIntervalSinceNow - 90 * 86_400) < 120)

            #expect(try await api.send(.get, "/v1/shipments", key: old).status == 200)
            let listed = try await api.send(.get, "/v1/api-keys", key: keys.admin)
            let entry = try #require(listed.json["data"]?.arrayValue?.first { $0["id"]?.stringValue == oldID })
            #expect(entry["key"] == .null, "a listing never shows a secret")
            #expect(entry["last_used_at"]?.stringValue.flatMap(Self.date).map { abs($0.timeIntervalSinceNow) < 120 } == true)

            let rotated = try await api.send(.post, "/v1/api-keys/\(oldID)/rotate", key: keys.admin, json: #"{"overlap":"1h"}"#)
            #expect(rotated.status == 201)
            let new = try #require(rotated.string("key"))
            let newID = try #require(rotated.string("id"))
            #expect(rotated.string("role") == "integration" && rotated.string("name") == "shop sync")
            #expect(rotated.string("previous_key", "status") == "rotating" && rotated.string("previous_key", "replaced_by") == newID)
            let oldEnd = try #require(rotated.string("previous_key", "expires_at").flatMap(Self.date))
            #expect(abs(oldEnd.timeIntervalSinceNow - 3600) < 120)
            let newEnd = try #require(rotated.string("expires_at").flatMap(Self.date))
            #expect(abs(newEnd.timeIntervalSinceNow - 90 * 86_400) < 120, "the successor lives as long as the old key was meant to")

            // Both work during the overlap.
            #expect(try await api.send(.get, "/v1/shipments", key: old).status == 200)
            #expect(try await api.send(.get, "/v1/shipments", key: new).status == 200)
            // A key is rotated once.
            let again = try await api.send(.post, "/v1/api-keys/\(oldID)/rotate", key: keys.admin)
            #expect(again.status == 409 && again.errorCode == "conflict")

            // Without a body the overlap is 24 h; 0s stops the old key at once.
            let noBody = try await api.send(.post, "/v1/api-keys/\(newID)/rotate", key: keys.admin)
            #expect(noBody.status == 201)
            let thirdID = try #require(noBody.string("id"))
            let dayEnd = try #require(noBody.string("previous_key", "expires_at").flatMap(Self.date))
            #expect(abs(dayEnd.timeIntervalSinceNow - 86_400) < 120)
            let third = try #require(noBody.string("key"))
            let immediate = try await api.send(.post, "/v1/api-keys/\(thirdID)/rotate", key: keys.admin, json: #"{"overlap":"0s"}"#)
            #expect(immediate.status == 201)
            let refused = try await api.send(.get, "/v1/shipments", key: third)
            #expect(refused.status == 401 && refused.string("error", "message")?.contains("expired") == true)
            #expect(try await api.send(.get, "/v1/shipments", key: try #require(immediate.string("key"))).status == 200)

            let trail = try await store.auditTrail(tenantID: try #require(try await store.tenant(named: "acme")).id, subjectID: oldID)
            #expect(trail.map(\.action) == ["api_key.created", "api_key.rotated"])
            #expect(trail.allSatisfy { $0.actor.hasPrefix("api_key:") })
        }
    }

    @Test(arguments: TestDatabase.available)
    func theOverlapEndsAndExpiredKeysAreRefused(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let material = APIKeyMaterial.generate()
            let key = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: material.prefix, secretHash: material.hash,
                                                             role: .viewer, expiresAt: Date().addingTimeInterval(-1)))
            let found = try #require(try await store.apiKey(secretHash: material.hash))
            #expect(!found.isLive(at: Date()) && found.status(at: Date()) == .expired)

            // Rotated two hours ago with a one-hour overlap: the old key has stopped, its successor has not.
            let live = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: "wb_x", secretHash: "h1", role: .viewer))
            let (successor, previous) = try await store.rotateAPIKey(APIKeyRotation(
                id: live.id, tenantID: tenant.id, material: APIKeyMaterial.generate(), overlap: 3600, actor: "test",
                at: Date().addingTimeInterval(-7200)))
            let keys = try await store.apiKeys(tenantID: tenant.id)
            #expect(keys.first { $0.id == live.id }?.status(at: Date()) == .expired)
            #expect(keys.first { $0.id == successor.id }?.status(at: Date()) == .active)
            #expect(previous.id == live.id && previous.replacedByID == successor.id && previous.status(at: Date()) == .expired)
            // An expired key cannot be rotated.
            await #expect(throws: StoreError.notFound(kind: "live API key", id: key.id)) {
                try await store.rotateAPIKey(APIKeyRotation(id: key.id, tenantID: tenant.id, material: .generate(), overlap: 0, actor: "test"))
            }
        }
    }

    @Test func expiredKeysAreRefusedOverHTTP() async throws {
        try await TestApp.run { api, keys, store in
            let tenant = try #require(try await store.tenant(named: "acme"))
            let material = APIKeyMaterial.generate()
            _ = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: material.prefix, secretHash: material.hash,
                                                       role: .admin, expiresAt: Date().addingTimeInterval(-60)))
            let refused = try await api.send(.get, "/v1/shipments", key: material.secret)
            #expect(refused.status == 401 && refused.errorCode == "unauthorized")
            #expect(refused.string("error", "details", "expired_at") != nil)
            #expect(try await api.send(.get, "/v1/shipments", key: keys.admin).status == 200)
        }
    }

    @Test func onlyAdminsManageKeysAndOnlyTheirTenants() async throws {
        try await TestApp.run { api, keys, store in
            for key in [keys.integration, keys.support, keys.viewer] {
                #expect(try await api.send(.post, "/v1/api-keys", key: key, json: #"{"role":"admin"}"#).status == 403)
                #expect(try await api.send(.post, "/v1/api-keys", key: key, json: #"{"role":"viewer"}"#).status == 403)
                #expect(try await api.send(.get, "/v1/api-keys", key: key).status == 403)
            }
            let acme = try #require(try await store.tenant(named: "acme"))
            let viewerID = try #require(try await store.apiKeys(tenantID: acme.id).first { $0.role == .viewer }?.id)
            #expect(try await api.send(.post, "/v1/api-keys/\(viewerID)/rotate", key: keys.otherTenantAdmin).status == 404)
            #expect(try await api.send(.delete, "/v1/api-keys/\(viewerID)", key: keys.otherTenantAdmin).status == 404)
            let otherList = try await api.send(.get, "/v1/api-keys", key: keys.otherTenantAdmin)
            #expect(otherList.json["data"]?.arrayValue?.contains { $0["id"]?.stringValue == viewerID } == false)

            #expect(try await api.send(.delete, "/v1/api-keys/\(viewerID)", key: keys.admin).status == 204)
            #expect(try await api.send(.get, "/v1/shipments", key: keys.viewer).status == 401)
            #expect(try await api.send(.delete, "/v1/api-keys/\(viewerID)", key: keys.admin).status == 404)

            for body in [#"{"role":"owner"}"#, #"{"role":"viewer","expires_in":"soon"}"#, #"{"role":"viewer","expires_in":"0d"}"#,
                         #"{"role":"viewer","rate_limit":{"per_second":0}}"#] {
                let bad = try await api.send(.post, "/v1/api-keys", key: keys.admin, json: body)
                #expect(bad.status == 400 && bad.errorCode == "invalid_request", "\(body)")
            }
            let badOverlap = try await api.send(.post, "/v1/api-keys/\(viewerID)/rotate", key: keys.admin, json: #"{"overlap":"90d"}"#)
            #expect(badOverlap.status == 400 && badOverlap.string("error", "details", "path") == "overlap")
        }
    }

    @Test func noRoleHandsOutAStrongerOne() {
        #expect(Role.allCases.allSatisfy { Role.admin.includes($0) })
        #expect(!Role.integration.includes(.admin) && !Role.integration.includes(.support))
        #expect(Role.integration.includes(.viewer) && Role.support.includes(.viewer))
        #expect(!Role.support.includes(.integration) && !Role.viewer.includes(.support))
        #expect(Role.allCases.allSatisfy { $0.includes($0) })
    }

    static func date(_ text: String) -> Date? { Timestamp.parse(text)?.date }

    @Test func durationsAreReadAsOperatorsWriteThem() throws {
        #expect(try DurationText.seconds("90d") == 90 * 86_400)
        #expect(try DurationText.seconds("1h30m") == 5400)
        #expect(try DurationText.seconds("2w") == 14 * 86_400)
        for bad in ["", "d", "90", "1x", "-1d", "0s", "1d 2h", "9999999999d"] {
            #expect(throws: DurationText.ParseError.self, "\(bad)") { try DurationText.seconds(bad) }
        }
        #expect(DurationText.text(seconds: 90 * 86_400) == "90d" && DurationText.text(seconds: 3600) == "1h")
    }
}

/// The same lifecycle from the command line, against a real `waybill serve`.
@Suite("API key lifecycle from the command line", .serialized)
struct APIKeyLifecycleCommandTests {
    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
    func keysExpireRotateAndListFromTheCommandLine() async throws {
        let served = try ServedWaybill()
        defer { served.remove() }
        _ = try served.adminKey(tenant: "acme")
        let created = try JSONValue.parse(Data(try WaybillProcess.run([
            "keys", "create", "--tenant", "acme", "--role", "integration", "--name", "erp", "--expires-in", "90d", "--json",
            "--database", served.database]).output.utf8))
        let oldKey = try #require(created["key"]?.stringValue)
        let oldID = try #require(created["id"]?.stringValue)
        let expiry = try #require(created["expires_at"]?.stringValue.flatMap(APIKeyLifecycleTests.date))
        #expect(abs(expiry.timeIntervalSinceNow - 90 * 86_400) < 120 && created["name"]?.stringValue == "erp")

        let rotated = try JSONValue.parse(Data(try WaybillProcess.run([
            "keys", "rotate", oldID, "--overlap", "2h", "--json", "--database", served.database]).output.utf8))
        let newKey = try #require(rotated["key"]?.stringValue)
        let oldEnd = try #require(rotated["previous_key"]?["expires_at"]?.stringValue.flatMap(APIKeyLifecycleTests.date))
        #expect(abs(oldEnd.timeIntervalSinceNow - 7200) < 120)
        let again = try WaybillProcess.run(["keys", "rotate", oldID, "--database", served.database])
        #expect(again.status != 0 && again.errors.contains("already rotated"), "\(again.errors)")
        let badFlag = try WaybillProcess.run(["keys", "create", "--tenant", "acme", "--expires-in", "soon", "--database", served.database])
        #expect(badFlag.status != 0 && badFlag.errors.contains("--expires-in") && badFlag.errors.contains("not a duration"), "\(badFlag.errors)")

        try await served.start(environment: [:])
        #expect(try await served.get("/v1/shipments", key: oldKey).status == 200)
        #expect(try await served.get("/v1/shipments", key: newKey).status == 200)
        let listed = try WaybillProcess.run(["keys", "list", "--tenant", "acme", "--database", served.database]).output
        let oldRow = try #require(listed.split(separator: "\n").first { $0.hasPrefix(oldID) })
        #expect(oldRow.contains("\trotating\t") && oldRow.contains("\terp\t"), "\(oldRow)")
        #expect(!oldRow.split(separator: "\t")[8].hasPrefix("-"), "the old key's last use is listed: \(oldRow)")
        #expect(!listed.contains(oldKey) && !listed.contains(newKey), "listings never show secrets")
    }
}
