import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Testing
import WaybillCore
@testable import WaybillServer
import WaybillStore
import WaybillTestSupport

/// `waybill clients create|list|delete` as the real executable, and the OAuth token flow against a
/// real `waybill serve` on SQLite and PostgreSQL: a client made by the CLI gets a token over HTTP
/// and uses it; a token minted in this process from the same installation key is accepted too (so
/// instances sharing `WAYBILL_SECRET_KEY` agree on the signing key); deleting the client stops both.
@Suite("waybill clients", .serialized)
struct ClientCommandTests {
    @Test(.enabled(if: WaybillProcess.isBuilt, "needs the built waybill executable"), arguments: TestDatabase.available)
    func aClientMadeByTheCLIUsesTheAPIUntilDeleted(_ database: TestDatabase) async throws {
        switch database {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-clients-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try await run(on: "sqlite:" + folder.appendingPathComponent("waybill.sqlite").path)
        case .postgres:
            try await TestDatabase.withPostgresDatabase { try await run(on: $0) }
        }
    }

    private func run(on database: String) async throws {
        let environment = [SecretBox.environmentVariable: TestSecretKey.base64]
        func waybill(_ arguments: String...) throws -> (status: Int32, output: String, errors: String) {
            try WaybillProcess.run(arguments + ["--database", database], environment: environment)
        }
        #expect(try waybill("migrate").status == 0)
        #expect(try waybill("tenants", "create", "acme").status == 0)
        let refused = try waybill("clients", "create", "--tenant", "acme", "--role", "root")
        #expect(refused.status != 0 && refused.errors.contains("--role must be one of"), "\(refused.errors)")

        let created = try waybill("clients", "create", "--tenant", "acme", "--role", "integration", "--name", "erp", "--json")
        #expect(created.status == 0, "\(created.errors)")
        let json = try JSONValue.parse(Data(created.output.utf8))
        let clientID = try #require(json["client_id"]?.stringValue)
        let secret = try #require(json["client_secret"]?.stringValue)
        #expect(Identifier.isValid(clientID, kind: .oauthClient))
        #expect(secret.hasPrefix("wbcs_") && secret.count >= 45)
        #expect(json["role"]?.stringValue == "integration" && json["name"]?.stringValue == "erp")
        let plain = try waybill("clients", "create", "--tenant", "acme", "--role", "viewer")
        #expect(plain.output.contains("client_id: wbc_") && plain.output.contains("client_secret: wbcs_"), "\(plain.output)")

        let server = WaybillProcess(database: database, port: try WaybillProcess.freePort(), environment: environment)
        try await server.start()
        defer { server.stop() }
        let token = try await Self.token(server, clientID: clientID, secret: secret)
        #expect(token.status == 200, "\(token.body)")
        let accessToken = try #require(try JSONValue.parse(Data(token.body.utf8))["access_token"]?.stringValue)
        #expect(try await Self.get(server, "/v1/shipments", token: accessToken) == 200)

        // The same installation key in another process signs tokens the server accepts.
        try TestSecretKey.installShared()
        let minted = try await Self.withStore(database) { store in
            let client = try #require(try await store.liveOAuthClient(id: clientID)?.client)
            return try await OAuthTokens(issuer: "waybill").issue(for: client, scopes: [.readShipments]).accessToken
        }
        #expect(try await Self.get(server, "/v1/shipments", token: minted) == 200)

        let listed = try waybill("clients", "list", "--tenant", "acme")
        #expect(listed.output.contains(clientID) && !listed.output.contains(secret), "\(listed.output)")
        #expect(try waybill("clients", "delete", clientID).status == 0)
        #expect(try waybill("clients", "delete", clientID).status != 0)
        #expect(try await Self.get(server, "/v1/shipments", token: accessToken) == 401)
        #expect(try await Self.get(server, "/v1/shipments", token: minted) == 401)
        #expect(try await Self.token(server, clientID: clientID, secret: secret).status == 401)
        let afterDelete = try waybill("clients", "list")
        #expect(afterDelete.output.split(separator: "\n").contains { $0.hasPrefix(clientID) && !$0.hasSuffix("\t-") },
                "the deleted client is listed with when it was deleted: \(afterDelete.output)")
    }

    /// Runs `body` with a store of its own on `database` (PostgreSQL's pool running meanwhile).
    static func withStore<T: Sendable>(_ database: String, _ body: @Sendable @escaping (SQLStore) async throws -> T) async throws -> T {
        var logger = Logger(label: "test.clients")
        logger.logLevel = .critical
        let store = try await SQLStore.open(try DatabaseURL(parsing: database), logger: logger)
        let result: Result<T, any Error> = await withTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            do { return .success(try await body(store)) } catch { return .failure(error) }
        }
        await store.shutdown()
        return try result.get()
    }

    static func token(_ server: WaybillProcess, clientID: String, secret: String) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: server.baseURL + "/oauth/token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(clientID):\(secret)".utf8).base64EncodedString())
        request.body = .bytes(ByteBuffer(string: "grant_type=client_credentials"))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    static func get(_ server: WaybillProcess, _ path: String, token: String) async throws -> Int {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status.code)
    }
}
