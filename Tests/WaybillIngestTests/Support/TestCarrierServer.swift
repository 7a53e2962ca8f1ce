import Foundation
import Hummingbird
import Logging
import NIOCore
import WaybillCore

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }

    var function: @Sendable () -> Date { { [self] in now } }
}

/// What the loopback carrier answers, and what it was asked.
actor CarrierScript {
    /// A forced answer for a carrier's tracking calls instead of the fixture.
    enum Answer: Sendable { case fixture, notFound, status(Int, retryAfter: String?), hang(Duration) }

    var answers: [String: Answer] = [:]
    var tokenLifetime = 3600
    var issuedTokens: [String] = []
    var validTokens: Set<String> = []
    var tokenFetches = 0
    var callsByNumber: [String: Int] = [:]
    var callsByCarrier: [String: Int] = [:]
    var inFlight: [String: Int] = [:]
    var maxInFlight: [String: Int] = [:]
    var conditionalHits = 0
    var unauthorized = 0
    var responseDelay: Duration = .zero

    func set(_ carrier: String, _ answer: Answer) { answers[carrier] = answer }
    func setTokenLifetime(_ seconds: Int) { tokenLifetime = seconds }
    func setDelay(_ delay: Duration) { responseDelay = delay }
    func revokeTokens() { validTokens.removeAll() }

    func issueToken() -> (String, Int) {
        tokenFetches += 1
        let token = "tok-\(tokenFetches)"
        issuedTokens.append(token)
        validTokens.insert(token)
        return (token, tokenLifetime)
    }

    func begin(_ carrier: String, _ number: String, authorization: String?) -> (Answer, authorized: Bool) {
        if carrier == "ups" {
            guard let authorization, authorization.hasPrefix("Bearer "), validTokens.contains(String(authorization.dropFirst(7))) else {
                unauthorized += 1
                return (.fixture, false)
            }
        }
        callsByNumber[number, default: 0] += 1
        callsByCarrier[carrier, default: 0] += 1
        inFlight[number, default: 0] += 1
        maxInFlight[number] = max(maxInFlight[number] ?? 0, inFlight[number]!)
        return (answers[carrier] ?? .fixture, true)
    }

    func end(_ number: String) { inFlight[number, default: 1] -= 1 }
    func conditionalHit() { conditionalHits += 1 }
}

/// A loopback carrier API on an ephemeral port: UPS (OAuth, ETag) and DHL (API key) tracking,
/// answering with the carriers' fixture bodies from Tests/WaybillCarriersTests/Fixtures/.
enum TestCarrierServer {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("WaybillCarriersTests/Fixtures")
    static let upsNumber = "1Z5R89390357567127"
    static let dhlNumber = "00340434161094042557"

    static func fixture(_ path: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
    }

    /// Runs the server for the duration of `body`, passing its base URL.
    static func run<T: Sendable>(_ script: CarrierScript, _ body: @Sendable (String) async throws -> T) async throws -> T {
        let upsBody = try fixture("ups/track-delivered-signed.json")
        let dhlBody = try fixture("dhl/delivered-parcel-de-local-times.json")
        let dhlNotFound = try fixture("dhl/not-found-404.json")
        let upsNotFound = try fixture("ups/track-not-found.json")
        let router = Router()
        router.post("security/v1/oauth/token") { request, _ -> Response in
            guard request.headers[.authorization]?.hasPrefix("Basic ") == true else { return Response(status: .unauthorized) }
            let (token, lifetime) = await script.issueToken()
            return json(#"{"token_type":"Bearer","access_token":"\#(token)","expires_in":"\#(lifetime)","status":"approved"}"#)
        }
        router.get("api/track/v1/details/:number") { request, context -> Response in
            let number = context.parameters.get("number") ?? ""
            let (answer, authorized) = await script.begin("ups", number, authorization: request.headers[.authorization])
            guard authorized else { return json(#"{"response":{"errors":[{"code":"250002","message":"Invalid Authentication Information."}]}}"#, status: .unauthorized) }
            defer { Task { await script.end(number) } }
            try await Task.sleep(for: await script.responseDelay)
            if case .status(let code, let retryAfter) = answer { return failure(code, retryAfter) }
            if case .notFound = answer { return json(upsNotFound.replacingOccurrences(of: "1Z0000000000000000", with: number)) }
            let etag = "\"ups-\(number)-v1\""
            if request.headers[.ifNoneMatch] == etag {
                await script.conditionalHit()
                return Response(status: .notModified, headers: [.eTag: etag])
            }
            var response = json(upsBody.replacingOccurrences(of: upsNumber, with: number))
            response.headers[.eTag] = etag
            return response
        }
        router.get("track/shipments") { request, context -> Response in
            let number = request.uri.queryParameters.get("trackingNumber") ?? ""
            let (answer, _) = await script.begin("dhl", number, authorization: nil)
            defer { Task { await script.end(number) } }
            guard request.headers.first(where: { $0.name.canonicalName == "dhl-api-key" })?.value == "dhl-key" else {
                return json(#"{"status":401,"title":"Unauthorized"}"#, status: .unauthorized)
            }
            if case .status(let code, let retryAfter) = answer { return failure(code, retryAfter) }
            if case .notFound = answer { return json(dhlNotFound, status: .notFound) }
            if case .hang(let duration) = answer { try? await Task.sleep(for: duration) }
            return json(dhlBody.replacingOccurrences(of: dhlNumber, with: number))
        }
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        var quiet = Logger(label: "test.carrier-server")
        quiet.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: quiet)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []); return nil }
            var port = 0
            for await value in stream { port = value; break }
            defer { group.cancelAll() }
            return try await body("http://127.0.0.1:\(port)")
        }
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func failure(_ code: Int, _ retryAfter: String?) -> Response {
        var response = json(#"{"error":"simulated"}"#, status: HTTPResponse.Status(code: code))
        if let retryAfter { response.headers[.retryAfter] = retryAfter }
        return response
    }
}
