import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// Attack: `POST /v1/imports` accepts files up to 100 MiB and collected each body in memory
/// until it was complete: a few uploads sent slowly held hundreds of megabytes of the server's
/// memory for as long as the client liked.
/// Defence: the body is written to a temporary file in `TMPDIR` as it arrives (unnamed until it is
/// complete, removed once stored, gone if the upload fails), so an upload in flight costs disk,
/// not memory.
@Suite("Security: imports in memory")
struct ImportSpoolAttackTests {
    static let uploadSize = 40 << 20
    static let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 1 << 20)

    /// The server's resident memory, in MiB (Linux).
    static func residentMiB(_ pid: Int32) throws -> Double {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try #require(Double(line.split(separator: " ", omittingEmptySubsequences: true)[1])) / 1024
    }

    static func upload(_ server: WaybillProcess, key: String, body: AsyncThrowingStream<ByteBuffer, any Error>,
                       size: Int = uploadSize) async throws -> Int {
        var request = HTTPClientRequest(url: server.baseURL + "/v1/imports?file_name=big.csv")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.body = .stream(body, length: .known(Int64(size)))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    func spooledFiles(_ served: ServedWaybill) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: served.folder.path).filter { $0.hasPrefix("waybill-upload-") }
    }

    @Test func uploadsInFlightHoldDiskNotMemory() async throws {
        let served = try ServedWaybill()
        defer { served.remove() }
        let key = try served.adminKey(tenant: "acme")
        try await served.start(environment: ["TMPDIR": served.folder.path])
        let server = try #require(served.server)
        let pid = try #require(server.processIdentifier)
        let before = try Self.residentMiB(pid)

        let streams = (0..<4).map { _ in AsyncThrowingStream<ByteBuffer, any Error>.makeStream() }
        let statuses = Task {
            await withTaskGroup(of: (Int, Int?).self) { group in
                for (index, (stream, _)) in streams.enumerated() {
                    group.addTask { (index, try? await Self.upload(server, key: key, body: stream)) }
                }
                return await group.reduce(into: [Int: Int?]()) { $0[$1.0] = $1.1 }
            }
        }
        // All but the last MiB of four 40 MiB uploads, then the clients wait.
        for (_, feed) in streams {
            for _ in 0..<(Self.uploadSize >> 20) - 1 { feed.yield(Self.chunk) }
        }
        var inFlight = before
        for _ in 0..<10 {
            try await Task.sleep(for: .milliseconds(500))
            inFlight = max(inFlight, try Self.residentMiB(pid))
        }
        // One client gives up; the others send their last MiB.
        streams[0].continuation.finish(throwing: CancellationError())
        for (_, feed) in streams.dropFirst() {
            feed.yield(Self.chunk)
            feed.finish()
        }
        let answered = await statuses.value

        #expect(inFlight - before < 64, "resident memory grew by \(Int(inFlight - before)) MiB with 156 MiB of uploads in flight")
        // Forty MiB of "x" is no supported file: 400 once read; the abandoned upload gets no answer.
        #expect(answered == [0: nil, 1: 400, 2: 400, 3: 400])
        try await ServedWaybill.waitUntil(seconds: 10) { try spooledFiles(served).isEmpty }
        #expect(try spooledFiles(served).isEmpty, "spooled files are removed after storing or failing")
    }

    @Test func aSpooledFileIsImported() async throws {
        let served = try ServedWaybill()
        defer { served.remove() }
        let key = try served.adminKey(tenant: "acme")
        try await served.start(environment: ["TMPDIR": served.folder.path])
        let created = try await served.post("/v1/imports?file_name=shipments.csv", key: key,
                                            json: "tracking_number,carrier\n1Z999AA10123456784,ups\n")
        #expect(created.status == 202, "\(created.body)")
        try await ServedWaybill.waitUntil(seconds: 10) { try await served.trackingNumbers(key: key) == ["1Z999AA10123456784"] }
        #expect(try await served.trackingNumbers(key: key) == ["1Z999AA10123456784"])
        #expect(try spooledFiles(served).isEmpty)
    }

    @Test func aFileOverTheLimitIsRefusedAndNotKept() async throws {
        let served = try ServedWaybill()
        defer { served.remove() }
        let key = try served.adminKey(tenant: "acme")
        try await served.start(environment: ["TMPDIR": served.folder.path])
        let (body, feed) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        for _ in 0...100 { feed.yield(Self.chunk) }
        feed.finish()
        let status = try await Self.upload(try #require(served.server), key: key, body: body, size: 101 << 20)
        #expect(status == 413)
        #expect(try spooledFiles(served).isEmpty)
    }
}
