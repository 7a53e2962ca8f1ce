import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import WaybillCore

/// Attack (by circumstance): the database is restored from a backup of `waybill.sqlite*` without
/// `waybill-secret.key`, or beside another installation's key. A server that quietly made a new
/// key would answer 500 to every carrier webhook, since no stored secret opens any more.
/// Defence: `waybill serve` checks its key against the sealed secrets before it starts, refuses to
/// start (non-zero exit, a message naming the key file and what to do) when the key cannot open
/// them, and makes a new key file only while nothing is sealed.
@Suite("Security: the wrong secret key", .serialized)
struct SecretKeyLossTests {
    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
    func aServerWithoutTheKeyOfItsSecretsRefusesToStart() async throws {
        let served = try ServedWaybill()
        defer { served.remove() }
        let admin = try served.adminKey(tenant: "acme")
        try await served.start(environment: [:])
        let endpoint = try JSONValue.parse(Data(try await served.post("/v1/webhook-endpoints", key: admin, json: #"{"carrier":"ups"}"#).body.utf8))
        let ingress = try #require(endpoint["url"]?.stringValue)
        let credential = try #require(endpoint["secret"]?.stringValue)
        served.stop()

        let keyFile = served.folder.appendingPathComponent("waybill-secret.key").path
        let rightKey = try #require(FileManager.default.contents(atPath: keyFile))

        // Restored without the key file: no new key is made, and the server does not start.
        try FileManager.default.removeItem(atPath: keyFile)
        let missing = try await refusal(served, environment: [:])
        #expect(missing.status != 0)
        #expect(missing.log.contains(keyFile) && missing.log.contains("restore waybill-secret.key"), "\(missing.log)")
        #expect(!FileManager.default.fileExists(atPath: keyFile), "no new key while secrets are sealed")

        // Beside another installation's key file, or with another key in the variable.
        try Data((SecretBox.generateKey() + "\n").utf8).write(to: URL(fileURLWithPath: keyFile))
        let otherFile = try await refusal(served, environment: [:])
        #expect(otherFile.status != 0)
        #expect(otherFile.log.contains("from \(keyFile) does not open"), "\(otherFile.log)")
        try rightKey.write(to: URL(fileURLWithPath: keyFile))
        let otherVariable = try await refusal(served, environment: [SecretBox.environmentVariable: SecretBox.generateKey()])
        #expect(otherVariable.status != 0)
        #expect(otherVariable.log.contains("from WAYBILL_SECRET_KEY does not open"), "\(otherVariable.log)")

        // With the right key it starts, and the endpoint's secret still checks the carrier's posts.
        try await served.start(environment: [:])
        let baseURL = try #require(served.server?.baseURL)
        var request = HTTPClientRequest(url: baseURL + (try #require(URL(string: ingress)?.path)))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Credential", value: credential)
        request.body = .bytes(ByteBuffer(string: WebhookLoadTests.Post(number: 1, event: 0).body))
        #expect(try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status == .accepted)
        served.stop()
    }

    /// Starts `waybill serve` on the served database, expecting it to exit; its status and log.
    private func refusal(_ served: ServedWaybill, environment: [String: String]) async throws -> (status: Int32, log: String) {
        let server = WaybillProcess(database: served.database, port: try WaybillProcess.freePort(), environment: environment)
        try? FileManager.default.removeItem(atPath: server.logPath)
        defer { server.kill9() }
        do {
            try await server.start()
        } catch WaybillProcess.ProcessError.exited(let status) {
            return (status, (try? String(contentsOfFile: server.logPath, encoding: .utf8)) ?? "")
        }
        Issue.record("waybill serve started with the wrong key")
        return (0, "")
    }
}
