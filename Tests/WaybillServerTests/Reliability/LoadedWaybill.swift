import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import WaybillCore

/// A real `waybill serve` on a SQLite file in a folder of its own, with an admin key and a UPS
/// webhook endpoint (a sealed secret), for the load tests that kill, back up or restore it.
struct LoadedWaybill {
    let folder: URL
    let path: String
    let server: WaybillProcess
    let ingressPath: String
    let credential: String

    var database: String { "sqlite:\(path)" }
    var ingress: String { server.baseURL + ingressPath }

    static func start(in folder: URL) async throws -> LoadedWaybill {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("waybill.sqlite").path
        let created = try WaybillProcess.run(["keys", "create", "--tenant", "acme", "--create-tenant", "--role", "admin", "--json", "--database", "sqlite:\(path)"])
        let key = try #require(try JSONValue.parse(Data(created.output.utf8))["key"]?.stringValue, "keys create: \(created.output)")
        let server = WaybillProcess(database: "sqlite:\(path)", port: try WaybillProcess.freePort())
        try await server.start()
        let endpoint = try await server.createWebhookEndpoint(key: key)
        return LoadedWaybill(folder: folder, path: path, server: server, ingressPath: try #require(URL(string: endpoint.url)?.path),
                             credential: endpoint.secret)
    }

    /// Posts one body to the endpoint at `baseURL` with `credential`; the answer's status.
    static func post(_ body: String, to url: String, credential: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Credential", value: credential)
        request.body = .bytes(ByteBuffer(string: body))
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status.code)
    }
}
