import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Testing
import WaybillCore
import WaybillStore
import WaybillTestSupport

/// Real `waybill serve` processes on loopback under webhook load, killed with SIGKILL mid-way.
@Suite("Webhook reliability", .serialized)
struct WebhookLoadTests {
    static let trackingNumbers = 2000
    static let eventsPerNumber = 4
    static let posts = 10_000
    static let connections = 50

    /// One UPS Track Alert post: event `k` of tracking number `n`, an hour after the one before.
    struct Post: Sendable {
        var number: Int
        var event: Int
        var trackingNumber: String { "1ZLOAD" + String(format: "%010d", number) }

        var body: String {
            let hour = 6 + event * 3
            let codes = [("M", "MP", "Shipper created a label"), ("P", "OR", "Origin scan"), ("I", "DP", "Departed from facility"),
                         ("I", "AR", "Arrived at facility")]
            let (type, code, text) = codes[event % codes.count]
            return """
                {"trackingNumber":"\(trackingNumber)","localActivityDate":"20261120","localActivityTime":"\(String(format: "%02d", hour))0000",
                 "activityLocation":{"city":"Louisville","stateProvince":"KY","postalCode":"40209","country":"US"},
                 "activityStatus":{"type":"\(type)","code":"\(code)","description":"\(text)"},
                 "gmtActivityDate":"20261120","gmtActivityTime":"\(String(format: "%02d", hour + 5))0000"}
                """
        }
    }

    /// 8,000 distinct events and 2,000 repeats of random ones, shuffled.
    static func workload() -> [Post] {
        var generator = SeededGenerator(seed: 214)
        var posts = (0..<trackingNumbers).flatMap { n in (0..<eventsPerNumber).map { Post(number: n, event: $0) } }
        let distinct = posts
        for _ in 0..<(Self.posts - distinct.count) { posts.append(distinct.randomElement(using: &generator)!) }
        posts.shuffle(using: &generator)
        return posts
    }

    /// Sends posts from `connections` concurrent senders, recording each one acknowledged with 202.
    static func send(_ posts: [Post], indices: [Int], to url: String, credential: String,
                     acknowledged: Acknowledgments = Acknowledgments()) async -> Set<Int> {
        let queue = WorkQueue(indices)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<connections {
                group.addTask {
                    while await !acknowledged.stopped, let index = await queue.next() {
                        var request = HTTPClientRequest(url: url)
                        request.method = .POST
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.headers.add(name: "Credential", value: credential)
                        request.body = .bytes(ByteBuffer(string: posts[index].body))
                        do {
                            let response = try await client.execute(request, timeout: .seconds(10))
                            _ = try? await response.body.collect(upTo: 1 << 16)
                            if response.status == .accepted { await acknowledged.add(index) } else { await acknowledged.fail("\(response.status)") }
                        } catch {
                            await acknowledged.fail("\(error)")
                        }
                    }
                }
            }
        }
        try? await client.shutdown()
        await acknowledged.finish()
        return await acknowledged.indices
    }

    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
    func everyAcknowledgedWebhookIsStoredExactlyOnceAcrossAKill() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-load-\(UUID()).sqlite").path
        defer { for file in DatabaseURL.sqliteFiles(at: path) { try? FileManager.default.removeItem(atPath: file) } }
        let database = "sqlite:\(path)"
        let created = try WaybillProcess.run(["keys", "create", "--tenant", "acme", "--create-tenant", "--role", "admin", "--json", "--database", database])
        let key = try #require(try JSONValue.parse(Data(created.output.utf8))["key"]?.stringValue)

        let server = WaybillProcess(database: database, port: try WaybillProcess.freePort())
        try await server.start()
        defer { server.kill9() }
        let (ingress, credential) = try await server.createWebhookEndpoint(key: key)
        #expect(ingress.hasPrefix(server.baseURL + "/v1/webhooks/carriers/ups/"))

        let posts = Self.workload()
        // First half of the load, then a crash in the middle of it.
        let acknowledged = Acknowledgments()
        let firstRun = Task {
            await Self.send(posts, indices: Array(posts.indices), to: ingress, credential: credential, acknowledged: acknowledged)
        }
        while await acknowledged.count < Self.posts / 2, await !acknowledged.finished { try await Task.sleep(for: .milliseconds(5)) }
        server.kill9()
        await acknowledged.stop()
        let acknowledgedBeforeKill = await firstRun.value
        #expect(acknowledgedBeforeKill.count >= Self.posts / 2 && acknowledgedBeforeKill.count < Self.posts,
                "the kill must land in the middle of the load")

        // The carrier retries what was not acknowledged once the server is back.
        try await server.start()
        let rest = posts.indices.filter { !acknowledgedBeforeKill.contains($0) }
        let acknowledgedAfter = await Self.send(posts, indices: rest, to: ingress, credential: credential)
        #expect(acknowledgedAfter.count == rest.count, "every retried post is acknowledged")

        // Everything acknowledged gets parsed (also what was stored but unparsed at the kill).
        var unparsed = -1
        for _ in 0..<600 {
            unparsed = try await Self.unparsedPayloads(path)
            if unparsed == 0 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(unparsed == 0)
        server.stop()

        try await Self.withStore(path) { store in
            let tenant = try #require(try await store.tenant(named: "acme"))
            var total = 0
            var wrong: [String] = []
            for number in 0..<Self.trackingNumbers {
                let trackingNumber = Post(number: number, event: 0).trackingNumber
                let shipments = try await store.shipments(ShipmentQuery(tenantID: tenant.id, trackingNumber: trackingNumber)).items
                guard shipments.count == 1 else { wrong.append("\(trackingNumber): \(shipments.count) shipments"); continue }
                let events = try await store.events(shipmentID: shipments[0].id, tenantID: tenant.id)
                if events.count != Self.eventsPerNumber { wrong.append("\(trackingNumber): \(events.count) events") }
                total += events.count
            }
            #expect(wrong.isEmpty, "\(wrong.prefix(5))")
            #expect(total == Self.trackingNumbers * Self.eventsPerNumber, "each acknowledged event stored exactly once")
        }
    }

    static func withStore<T: Sendable>(_ path: String, _ body: @Sendable (SQLStore) async throws -> T) async throws -> T {
        var logger = Logger(label: "test.load")
        logger.logLevel = .critical
        let store = try await SQLStore.open(.sqlite(path: path), logger: logger)
        do {
            let result = try await body(store)
            await store.shutdown()
            return result
        } catch {
            await store.shutdown()
            throw error
        }
    }

    static func unparsedPayloads(_ path: String) async throws -> Int {
        try await withStore(path) { store in
            guard let tenant = try await store.tenant(named: "acme") else { return 0 }
            let received = try await store.rawPayloads(tenantID: tenant.id, status: .received, cursor: nil, limit: 500).items.count
            let failed = try await store.rawPayloads(tenantID: tenant.id, status: .failed, cursor: nil, limit: 500).items
            #expect(failed.isEmpty, "\(failed.first?.error ?? "")")
            return received
        }
    }
}

actor WorkQueue {
    private var items: [Int]
    private var position = 0
    init(_ items: [Int]) { self.items = items }
    func next() -> Int? {
        guard position < items.count else { return nil }
        defer { position += 1 }
        return items[position]
    }
}

actor Acknowledgments {
    private(set) var indices = Set<Int>()
    private(set) var finished = false
    /// Set when the server was killed: senders stop, like a carrier pausing until it is back.
    private(set) var stopped = false
    private(set) var failures: [String] = []
    var count: Int { indices.count }
    func add(_ index: Int) { indices.insert(index) }
    func fail(_ reason: String) { if failures.count < 5 { failures.append(reason) } }
    func finish() { finished = true }
    func stop() { stopped = true }
}
