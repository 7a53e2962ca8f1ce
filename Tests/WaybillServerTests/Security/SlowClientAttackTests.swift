import Foundation
import NIOCore
import Testing
@testable import WaybillServer

/// Attack: slow clients. Connections that send one header line every few seconds, or nothing
/// at all, stayed open forever; a few hundred of them exhaust the server's descriptors.
/// Defence: a new connection must complete its first request head within
/// `WAYBILL_REQUEST_HEAD_TIMEOUT_SECONDS` (default 10), an idle connection is closed after
/// `WAYBILL_IDLE_TIMEOUT_SECONDS` (default 30), and one client address may hold at most
/// `WAYBILL_MAX_CONNECTIONS_PER_ADDRESS` connections (default 128, trusted proxies exempt).
@Suite("Security: slow clients", .serialized)
struct SlowClientAttackTests {
    static let limits = [
        "WAYBILL_REQUEST_HEAD_TIMEOUT_SECONDS": "2",
        "WAYBILL_IDLE_TIMEOUT_SECONDS": "3",
        "WAYBILL_MAX_CONNECTIONS_PER_ADDRESS": "100",
    ]

    /// One normal request from another client address (127.0.0.2), answered in full.
    static func healthCheck(port: Int) throws -> String {
        let client = try RawTCPConnection(port: port, source: "127.0.0.2")
        client.send("GET /healthz HTTP/1.1\r\nHost: waybill\r\nConnection: close\r\n\r\n")
        return client.readToEnd(seconds: 5)
    }

    /// One sample of `/metrics`, read on a connection of its own from 127.0.0.2: a pooled
    /// client connection may meet the short idle timeout these tests set.
    static func metric(_ sample: String, port: Int) throws -> Double {
        let client = try RawTCPConnection(port: port, source: "127.0.0.2")
        client.send("GET /metrics HTTP/1.1\r\nHost: waybill\r\nConnection: close\r\n\r\n")
        return ServedWaybill.value(of: sample, inMetricsPage: client.readToEnd(seconds: 5))
    }

    @Test func twoHundredTricklingConnectionsAreClosedWhileOthersAreServed() async throws {
        let served = try ServedWaybill()
        defer { served.remove() }
        try await served.start(environment: Self.limits)
        let port = try #require(served.server).port

        let slow = try (0..<200).map { _ in try RawTCPConnection(port: port) }
        for connection in slow { connection.send("GET /healthz HTTP/1.1\r\n") }
        let opened = Date()
        // Sampled on its own first: inside the trickling loop below, one round of 200 sends and a
        // health check could take past 1.2 s on a loaded machine and leave the sample at 0.
        var closedAfterOneSecond = 0
        while Date().timeIntervalSince(opened) < 1.2, closedAfterOneSecond < 100 {
            let closed = slow.count { $0.isClosedByPeer }
            if Date().timeIntervalSince(opened) < 1.2 { closedAfterOneSecond = closed }
            try await Task.sleep(for: .milliseconds(20))
        }
        var answers: [String] = []
        while Date().timeIntervalSince(opened) < 8, !slow.allSatisfy(\.isClosedByPeer) {
            try await Task.sleep(for: .milliseconds(500))
            for connection in slow where !connection.isClosedByPeer { connection.send("X-Trickle: 1\r\n") }
            answers.append(try Self.healthCheck(port: port))
        }
        let seconds = Date().timeIntervalSince(opened)

        let allClosed = slow.allSatisfy(\.isClosedByPeer)
        #expect(allClosed, "\(slow.count { !$0.isClosedByPeer }) trickling connections still open after \(seconds) s")
        #expect(seconds < 6, "closed \(seconds) s after opening; the head deadline is 2 s")
        #expect(closedAfterOneSecond >= 100, "the connections over the per-address cap are closed at once, not at the deadline")
        #expect(!answers.isEmpty && answers.allSatisfy { $0.hasPrefix("HTTP/1.1 200") }, "\(answers.filter { !$0.hasPrefix("HTTP/1.1 200") })")
        let refused = try Self.metric("waybill_connections_refused_total{reason=\"per_address_limit\"}", port: port)
        let closedAtDeadline = try Self.metric("waybill_connections_closed_total{reason=\"request_head_timeout\"}", port: port)
        #expect(refused >= 90 && closedAtDeadline >= 90 && refused + closedAtDeadline >= 195,
                "refused at once: \(refused), closed at the deadline: \(closedAtDeadline)")
    }

    @Test func anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() async throws {
        let served = try ServedWaybill()
        defer { served.remove() }
        try await served.start(environment: Self.limits)
        let port = try #require(served.server).port

        let client = try RawTCPConnection(port: port)
        client.send("GET /healthz HTTP/1.1\r\nHost: waybill\r\n\r\n")
        let answered = Date()
        try await Task.sleep(for: .seconds(1))
        #expect(!client.isClosedByPeer, "a kept-alive connection stays open while it is within the idle timeout")
        while !client.isClosedByPeer, Date().timeIntervalSince(answered) < 10 {
            try await Task.sleep(for: .milliseconds(200))
        }
        let seconds = Date().timeIntervalSince(answered)
        #expect(client.isClosedByPeer && seconds < 6, "closed after \(seconds) s; the idle timeout is 3 s")
    }

    @Test func theLimitsComeFromTheEnvironmentWithSafeDefaults() throws {
        let defaults = try ConnectionLimits.fromEnvironment([:])
        #expect(defaults == ConnectionLimits(idleTimeout: .seconds(30), requestHeadTimeout: .seconds(10), maxConnectionsPerAddress: 128))
        let set = try ConnectionLimits.fromEnvironment(["WAYBILL_IDLE_TIMEOUT_SECONDS": "45", "WAYBILL_REQUEST_HEAD_TIMEOUT_SECONDS": "2.5",
                                                        "WAYBILL_MAX_CONNECTIONS_PER_ADDRESS": "16"])
        #expect(set == ConnectionLimits(idleTimeout: .seconds(45), requestHeadTimeout: .milliseconds(2500), maxConnectionsPerAddress: 16))
        #expect(throws: ConfigurationError.self) { try ConnectionLimits.fromEnvironment(["WAYBILL_IDLE_TIMEOUT_SECONDS": "0"]) }
        #expect(throws: ConfigurationError.self) { try ConnectionLimits.fromEnvironment(["WAYBILL_MAX_CONNECTIONS_PER_ADDRESS": "1.5"]) }
    }

    @Test func theEndOfAHeadIsFoundAcrossReads() {
        var scanner = EndOfHeadScanner()
        let endInFirstRead = scanner.scan(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: a\r").readableBytesView)
        let endInSecondRead = scanner.scan(ByteBuffer(string: "\n\r\n").readableBytesView)
        #expect(!endInFirstRead && endInSecondRead)
        var lenient = EndOfHeadScanner()
        let lenientEnd = lenient.scan(ByteBuffer(string: "GET / HTTP/1.1\nHost: a\n\n").readableBytesView)
        #expect(lenientEnd)
    }
}
