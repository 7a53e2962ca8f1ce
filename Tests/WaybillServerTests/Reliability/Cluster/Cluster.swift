import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import WaybillCore

/// `waybill serve` processes on one PostgreSQL database, started one after the other so that each
/// is known by the instance id it registered (the name its claims carry).
final class Cluster: @unchecked Sendable {
    let servers: [WaybillProcess]
    let instanceIDs: [String]

    private init(servers: [WaybillProcess], instanceIDs: [String]) {
        self.servers = servers
        self.instanceIDs = instanceIDs
    }

    /// Starts `count` servers on `database`; `environment(k)` is the k-th one's.
    static func start(_ count: Int, database: String, observer: ClusterDatabase,
                      environment: (Int) -> [String: String]) async throws -> Cluster {
        var servers: [WaybillProcess] = []
        var ids: [String] = []
        do {
            for index in 0..<count {
                let server = WaybillProcess(database: database, port: try WaybillProcess.freePort(), environment: environment(index))
                servers.append(server)
                try await server.start()
                ids.append(try await registeredInstance(after: ids, observer: observer, server: index))
            }
        } catch {
            for server in servers { server.kill9() }
            throw error
        }
        return Cluster(servers: servers, instanceIDs: ids)
    }

    /// The instance id a just-started server registered (its heartbeat registers within a second or two).
    private static func registeredInstance(after known: [String], observer: ClusterDatabase, server: Int) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let new = try await observer.instanceIDs.filter { !known.contains($0) }
            if new.count == 1 { return new[0] }
            #expect(new.count <= 1, "more than one instance registered at once: \(new)")
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ClusterError.notRegistered(server)
    }

    func stopAll() { for server in servers { server.stop() } }
    func killAll() { for server in servers { server.kill9() } }

    /// The server logs, for a failure's message.
    var logs: String {
        servers.map { "--- \($0.logPath)\n" + ((try? String(contentsOfFile: $0.logPath, encoding: .utf8))?.suffix(1500) ?? "") }
            .joined(separator: "\n")
    }

    /// An admin API call to `server`; the answer's JSON.
    func call(_ server: Int, _ method: HTTPMethod, _ path: String, key: String, body: String) async throws -> (status: Int, json: JSONValue) {
        var request = HTTPClientRequest(url: servers[server].baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let data = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        return (Int(response.status.code), (try? JSONValue.parse(data)) ?? .null)
    }
}

enum ClusterError: Error, CustomStringConvertible {
    case notRegistered(Int)

    var description: String {
        switch self {
        case .notRegistered(let server): "server \(server) answered /healthz but registered no instance within 20 s"
        }
    }
}

/// Where the webhook load goes: round-robin over the instances that are up; a post whose instance
/// died under it is sent to the next one, as a load balancer would.
actor Ingress {
    private var urls: [String]
    private var turn = 0

    init(_ urls: [String]) { self.urls = urls }

    func next() -> String {
        defer { turn += 1 }
        return urls[turn % urls.count]
    }

    func remove(_ url: String) { urls.removeAll { $0 == url } }
}
