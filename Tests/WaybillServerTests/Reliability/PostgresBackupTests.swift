import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import WaybillCore
import WaybillStore
import WaybillTestSupport

/// In the serialized load-test suite: run beside the other load tests, the timings would measure
/// their competition for the two cores, not this.
extension WebhookLoadTests {
    /// `waybill backup` and `waybill restore` on PostgreSQL: a wrapped `pg_dump`/`pg_restore` and the
    /// key, restored into another database that a `waybill serve` given that key then runs.
    @Suite("Backup and restore on PostgreSQL", .serialized)
    struct PostgresBackupTests {
        static var enabled: Bool {
            WaybillProcess.isBuilt && TestDatabase.postgresURL != nil
                && ["pg_dump", "pg_restore", "psql"].allSatisfy { program in
                    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
                        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
                }
        }

        @Test(.enabled(if: enabled, "needs WAYBILL_TEST_POSTGRES_URL, the built waybill executable, pg_dump, pg_restore and psql"))
        func aDumpWithItsKeyRestoresIntoAnotherDatabaseThatServesTheSameEndpoint() async throws {
            let base = try #require(TestDatabase.postgresURL)
            let names = (0..<2).map { _ in "waybill_backup_\(UUID().uuidString.prefix(8).lowercased())" }
            for name in names { try Self.psql(base, "CREATE DATABASE \(name)") }
            defer { for name in names { try? Self.psql(base, "DROP DATABASE \(name) WITH (FORCE)") } }
            let (original, restored) = (Self.url(base, database: names[0]), Self.url(base, database: names[1]))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-pg-backup-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let key = SecretBox.generateKey()
            let withKey = [SecretBox.environmentVariable: key]

            let created = try WaybillProcess.run(["keys", "create", "--tenant", "acme", "--create-tenant", "--role", "admin", "--json", "--database", original])
            let admin = try #require(try JSONValue.parse(Data(created.output.utf8))["key"]?.stringValue, "keys create: \(created.output)")
            let first = WaybillProcess(database: original, port: try WaybillProcess.freePort(), environment: withKey)
            try await first.start()
            defer { first.kill9() }
            let endpoint = try await Self.createEndpoint(on: first, admin: admin)
            let posts = (0..<20).map { WebhookLoadTests.Post(number: $0, event: 0) }
            for post in posts {
                #expect(try await LoadedWaybill.post(post.body, to: first.baseURL + endpoint.path, credential: endpoint.secret) == 202)
            }
            #expect(try await ServedWaybill.waitUntil(seconds: 20) { try await Self.shipmentCount(first, admin: admin) == posts.count })
            first.stop()

            let archive = folder.appendingPathComponent("waybill.backup").path
            let backup = try WaybillProcess.run(["backup", "--database", original, archive], environment: withKey)
            #expect(backup.status == 0, "\(backup.output)")
            #expect(try BackupRestoreTests.tarListing(archive) == ["manifest.json", "waybill.pgdump", "waybill-secret.key"])
            let keyFile = folder.appendingPathComponent("restored.key").path
            let restore = try WaybillProcess.run(["restore", archive, "--database", restored, "--key-file", keyFile])
            #expect(restore.status == 0, "\(restore.output)")
            #expect(try String(contentsOfFile: keyFile, encoding: .utf8).trimmed == key)
            #expect(try WaybillProcess.run(["restore", archive, "--database", restored, "--key-file", keyFile]).status != 0,
                    "an existing database is not replaced without --force")

            // Another key does not open the restored secrets: the server refuses to start.
            let wrong = WaybillProcess(database: restored, port: try WaybillProcess.freePort(),
                                       environment: [SecretBox.environmentVariable: SecretBox.generateKey()])
            await #expect(throws: WaybillProcess.ProcessError.self) { try await wrong.start() }
            wrong.kill9()

            let second = WaybillProcess(database: restored, port: try WaybillProcess.freePort(), environment: withKey)
            try await second.start()
            defer { second.kill9() }
            #expect(try await Self.shipmentCount(second, admin: admin) == posts.count)
            let next = WebhookLoadTests.Post(number: 4242, event: 0)
            #expect(try await LoadedWaybill.post(next.body, to: second.baseURL + endpoint.path, credential: endpoint.secret) == 202)
            #expect(try await ServedWaybill.waitUntil(seconds: 20) { try await Self.shipmentCount(second, admin: admin) == posts.count + 1 })
            second.stop()
        }

        static func url(_ base: String, database: String) -> String {
            var components = URLComponents(string: base)!
            components.path = "/" + database
            return components.string!
        }

        static func psql(_ base: String, _ sql: String) throws {
            guard case .postgres(let settings) = try DatabaseURL(parsing: base) else { return }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["psql", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql]
            process.environment = ProcessInfo.processInfo.environment.merging([
                "PGHOST": settings.host, "PGPORT": "\(settings.port)", "PGUSER": settings.username,
                "PGPASSWORD": settings.password ?? "", "PGDATABASE": settings.database]) { $1 }
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw PostgresBackupTestError.psql(sql) }
        }

        static func createEndpoint(on server: WaybillProcess, admin: String) async throws -> (path: String, secret: String) {
            let endpoint = try await server.createWebhookEndpoint(key: admin)
            return (try #require(URL(string: endpoint.url)?.path), endpoint.secret)
        }

        static func shipmentCount(_ server: WaybillProcess, admin: String) async throws -> Int {
            var request = HTTPClientRequest(url: "\(server.baseURL)/v1/shipments?limit=500")
            request.headers.add(name: "Authorization", value: "Bearer \(admin)")
            let body = try await HTTPClient.shared.execute(request, timeout: .seconds(10)).body.collect(upTo: 1 << 22)
            return try JSONValue.parse(Data(body.readableBytesView))["data"]?.arrayValue?.count ?? -1
        }
    }
}

enum PostgresBackupTestError: Error {
    case psql(String)
}
