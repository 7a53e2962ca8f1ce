import Foundation
import HTTPTypes
import Testing
import WaybillCore
import WaybillStore
import WaybillTestSupport

/// Attack: the support console's `wb_support` cookie held the raw API key (a copied cookie was the
/// key, for the API too, until someone revoked it); sign-out only asked the browser to forget it;
/// any site could post the sign-in and sign-out forms.
/// Defence: sign-in opens a server-side session (a random id in the cookie, stored hashed, with an
/// 8-hour expiry, deleted at sign-out, dead with its key); the sign-out form carries a CSRF token
/// derived from the session; both forms refuse another site's `Origin`; only support and admin
/// keys sign in.
@Suite("Attack: support console sessions")
struct SupportSessionAttackTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Signs in with `key`; returns the session cookie (`wb_support=...`) and the answer's headers.
    static func signIn(_ api: APIClient, key: String, origin: String? = nil) async throws -> (status: Int, cookie: String?, headers: HTTPFields) {
        var headers = form
        if let origin { headers[.origin] = origin }
        let response = try await api.send(.post, "/support/login", json: "key=\(key)", headers: headers)
        let cookie = response.headers[.setCookie]?.split(separator: ";").first.map(String.init)
        return (response.status, cookie, response.headers)
    }

    static func csrfToken(inPage html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func theCookieHoldsAnOpaqueSessionStoredHashedNotTheKey() async throws {
        try await TestApp.run(over: .live) { api, keys, store in
            let (status, cookie, headers) = try await Self.signIn(api, key: keys.support)
            #expect(status == 303)
            let session = try #require(cookie)
            let value = String(session.dropFirst("wb_support=".count))
            #expect(value.hasPrefix("wbs_") && !session.contains(keys.support), "the cookie is a session id, not the key")
            let setCookie = try #require(headers[.setCookie])
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/support", "Max-Age=28800", "Secure"] {
                #expect(setCookie.contains(attribute), "\(attribute) in \(setCookie)")
            }
            // The store keeps only the hash: the id itself finds nothing.
            #expect(try await store.supportSessionKey(idHash: APIKeyMaterial.hash(of: value), now: Date()) != nil)
            #expect(try await store.supportSessionKey(idHash: value, now: Date()) == nil)
            // The session is not an API key.
            #expect(try await api.send(.get, "/v1/shipments", key: value).status == 401)

            let signedIn = try await api.send(.get, "/support", headers: [.cookie: session])
            #expect(signedIn.status == 200)
            let html = String(decoding: signedIn.body, as: UTF8.self)
            #expect(html.contains("Exceptions queue"))
            #expect(Self.csrfToken(inPage: html)?.count == 64, "the sign-out form carries its CSRF token")
            // The old cookie (the raw key) no longer signs anyone in.
            #expect(try await api.send(.get, "/support", headers: [.cookie: "wb_support=\(keys.support)"]).status == 401)
        }
    }

    @Test func signOutNeedsTheFormsTokenAndEndsTheSessionOnTheServer() async throws {
        try await TestApp.run(over: .live) { api, keys, _ in
            let session = try #require(try await Self.signIn(api, key: keys.admin).cookie)
            let page = String(decoding: try await api.send(.get, "/support", headers: [.cookie: session]).body, as: UTF8.self)
            let token = try #require(Self.csrfToken(inPage: page))

            // A forged sign-out (no token, or another one) changes nothing.
            var headers = Self.form
            headers[.cookie] = session
            #expect(try await api.send(.post, "/support/logout", json: "", headers: headers).status == 403)
            #expect(try await api.send(.post, "/support/logout", json: "csrf=\(String(repeating: "0", count: 64))", headers: headers).status == 403)
            #expect(try await api.send(.get, "/support", headers: [.cookie: session]).status == 200)

            let signedOut = try await api.send(.post, "/support/logout", json: "csrf=\(token)", headers: headers)
            #expect(signedOut.status == 303)
            #expect(signedOut.headers[.setCookie]?.contains("Max-Age=0") == true)
            // A copy of the cookie kept by anyone is worthless now.
            #expect(try await api.send(.get, "/support", headers: [.cookie: session]).status == 401)
        }
    }

    @Test func anotherSitesFormsAreRefused() async throws {
        try await TestApp.run(over: .live) { api, keys, _ in
            for origin in ["https://evil.example", "null", "http://track.example.com.evil.example"] {
                let attempt = try await Self.signIn(api, key: keys.support, origin: origin)
                #expect(attempt.status == 403 && attempt.cookie == nil, "sign-in from \(origin)")
            }
            #expect(try await Self.signIn(api, key: keys.support, origin: TestApp.publicBaseURL).status == 303)

            let session = try #require(try await Self.signIn(api, key: keys.support).cookie)
            let page = String(decoding: try await api.send(.get, "/support", headers: [.cookie: session]).body, as: UTF8.self)
            var headers = Self.form
            headers[.cookie] = session
            headers[.origin] = "https://evil.example"
            let forged = try await api.send(.post, "/support/logout", json: "csrf=\(try #require(Self.csrfToken(inPage: page)))", headers: headers)
            #expect(forged.status == 403)
            #expect(try await api.send(.get, "/support", headers: [.cookie: session]).status == 200)
        }
    }

    @Test func onlySupportAndAdminKeysSignInAndARevokedKeysSessionEnds() async throws {
        try await TestApp.run(over: .live) { api, keys, store in
            for key in [keys.viewer, keys.integration, "wb_nope"] {
                let attempt = try await Self.signIn(api, key: key)
                #expect(attempt.status == 401 && attempt.cookie == nil)
            }
            // A real key refused is logged in its tenant's audit log; an unknown one has no tenant.
            let acme = try #require(try await store.tenant(named: "acme"))
            var refusals = AuditLogQuery(tenantID: acme.id)
            refusals.action = "support_session.refused"
            let refused = try await store.auditLog(refusals)
            #expect(refused.count == 2 && refused.allSatisfy { $0.details.contains("may not sign in") }, "\(refused)")
            let session = try #require(try await Self.signIn(api, key: keys.support).cookie)
            #expect(try await api.send(.get, "/support", headers: [.cookie: session]).status == 200)
            let supportKey = try #require(try await store.apiKey(secretHash: APIKeyMaterial.hash(of: keys.support)))
            #expect(try await store.revokeAPIKey(id: supportKey.id, tenantID: nil, actor: "test"))
            #expect(try await api.send(.get, "/support", headers: [.cookie: session]).status == 401)
        }
    }

    @Test(arguments: TestDatabase.available)
    func sessionsExpireAndEndInTheStore(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let material = APIKeyMaterial.generate()
            let key = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: material.prefix, secretHash: material.hash, role: .support))
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            try await store.createSupportSession(NewSupportSession(idHash: "h1", apiKeyID: key.id, tenantID: tenant.id,
                                                                   createdAt: start, expiresAt: start + 3600))
            #expect(try await store.supportSessionKey(idHash: "h1", now: start + 3599)?.id == key.id)
            #expect(try await store.supportSessionKey(idHash: "h1", now: start + 3600) == nil, "expired at its expiry")
            #expect(try await store.supportSessionKey(idHash: "h2", now: start) == nil)
            // A later sign-in forgets the expired session; deleting it again finds nothing.
            try await store.createSupportSession(NewSupportSession(idHash: "h2", apiKeyID: key.id, tenantID: tenant.id,
                                                                   createdAt: start + 7200, expiresAt: start + 9000))
            #expect(try await store.deleteSupportSession(idHash: "h1") == false)
            #expect(try await store.deleteSupportSession(idHash: "h2"))
            #expect(try await store.supportSessionKey(idHash: "h2", now: start + 7200) == nil)
            let audit = try await store.auditTrail(tenantID: tenant.id, subjectID: key.id).map(\.action)
            #expect(audit.filter { $0 == "support_session.created" }.count == 2 && audit.contains("support_session.ended"))
        }
    }
}
