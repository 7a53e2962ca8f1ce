import AsyncHTTPClient
import Foundation
import Hummingbird
import Testing
import WaybillCore
@testable import WaybillNotify

/// SMSChannel against a Hummingbird server on loopback that answers like Twilio's Messages API.
struct SMSChannelTests {
    struct Received: Sendable {
        var path: String
        var authorization: String?
        var contentType: String?
        var idempotencyToken: String?
        var form: [String: String]
    }

    actor Recorder {
        var requests: [Received] = []
        func record(_ request: Received) { requests.append(request) }
    }

    /// `To` decides the answer: +15005550006 → 429, +15005550007 → 503, +15005550009 → 400, else 201.
    @discardableResult
    static func withTwilio<T: Sendable>(_ body: @Sendable (_ baseURL: String, _ recorder: Recorder) async throws -> T) async throws -> T {
        let recorder = Recorder()
        let router = Router()
        router.post("/2010-04-01/Accounts/:sid/Messages.json") { request, context -> Response in
            let bytes = try await request.body.collect(upTo: 65536)
            let form = Self.decodeForm(String(buffer: bytes))
            await recorder.record(Received(path: request.uri.path, authorization: request.headers[.authorization],
                                           contentType: request.headers[.contentType],
                                           idempotencyToken: request.headers.first { $0.name.canonicalName == "i-twilio-idempotency-token" }?.value,
                                           form: form))
            func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
                Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
            }
            switch form["To"] {
            case "+15005550006": return json(.tooManyRequests, #"{"code":20429,"message":"Too Many Requests","status":429}"#)
            case "+15005550007": return json(.serviceUnavailable, #"{"message":"Service unavailable"}"#)
            case "+15005550009": return json(.badRequest, #"{"code":21211,"message":"The 'To' number is not a valid phone number.","status":400}"#)
            default: return json(.created, #"{"sid":"SM0123456789abcdef","status":"queued"}"#)
            }
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        return try await withThrowingTaskGroup(of: Void.self) { group -> T in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            do {
                let result = try await body("http://127.0.0.1:\(port)", recorder)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    static func decodeForm(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            result[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }

    static func channel(_ baseURL: String, maxSegments: Int = 3) -> SMSChannel {
        SMSChannel(configuration: SMSConfiguration(baseURL: baseURL, accountSID: "AC0123abc", authToken: "s3cret+token",
                                                   from: PhoneNumber("+14155550100")!, maxSegments: maxSegments),
                   httpClients: EgressHTTPClients(policy: .allowingLoopback))
    }

    static func message(to: String, text: String = "Your parcel is out for delivery & arrives today: 14:00–16:00 ✓") -> PersonMessage {
        PersonMessage(tenantID: "ten_1", recipient: to, rendered: RenderedMessage(text: text), idempotencyKey: "ntf_1:sms")
    }

    @Test func sendsTheTwilioFormWithBasicAuth() async throws {
        try await Self.withTwilio { baseURL, recorder in
            let text = "Your parcel is out for delivery & arrives today: 14:00–16:00 ✓"
            let result = try await Self.channel(baseURL).send(Self.message(to: "+44 7700 900123", text: text))
            #expect(result.statusCode == 201)
            #expect(result.responseExcerpt?.includes("SM0123456789abcdef") == true)
            let requests = await recorder.requests
            try #require(requests.count == 1)
            let request = requests[0]
            #expect(request.path == "/2010-04-01/Accounts/AC0123abc/Messages.json")
            #expect(request.authorization == "Basic " + Data("AC0123abc:s3cret+token".utf8).base64EncodedString())
            #expect(request.contentType == "application/x-www-form-urlencoded")
            #expect(request.idempotencyToken == "ntf_1:sms")
            #expect(request.form == ["To": "+447700900123", "From": "+14155550100", "Body": text])
        }
    }

    @Test func classifiesProviderAnswers() async throws {
        try await Self.withTwilio { baseURL, _ in
            let channel = Self.channel(baseURL)
            for (number, status, retryable) in [("+15005550006", 429, true), ("+15005550007", 503, true), ("+15005550009", 400, false)] {
                let failure = await #expect(throws: DeliveryFailure.self) { try await channel.send(Self.message(to: number)) }
                #expect(failure?.retryable == retryable, "\(number)")
                #expect(failure?.attempt?.statusCode == status, "\(number)")
            }
            let invalid = await #expect(throws: DeliveryFailure.self) { try await channel.send(Self.message(to: "06 12 34 56 78")) }
            #expect(invalid?.retryable == false)
            #expect(invalid?.reason.includes("E.164") == true)
        }
    }

    @Test func providerDownIsRetryable() async throws {
        let port = try await Self.withTwilio { baseURL, _ in Int(baseURL.split(separator: ":").last!)! }
        // A refused connection fails the attempt at once (security item 14: it used to hold it for the whole timeout).
        let configuration = SMSConfiguration(baseURL: "http://127.0.0.1:\(port)", accountSID: "AC1", authToken: "t",
                                             from: PhoneNumber("+14155550100")!, timeout: .seconds(10))
        let started = ContinuousClock.now
        let failure = await #expect(throws: DeliveryFailure.self) {
            try await SMSChannel(configuration: configuration, httpClients: EgressHTTPClients(policy: .allowingLoopback))
                .send(Self.message(to: "+14155550123"))
        }
        #expect(ContinuousClock.now - started < .milliseconds(3_500))
        #expect(failure?.retryable == true)
        #expect(failure?.reason == "SMS provider unreachable: connection refused by 127.0.0.1:\(port)")
    }

    @Test func longTextIsCutToTheConfiguredSegments() async throws {
        try await Self.withTwilio { baseURL, recorder in
            let words = Array(repeating: "parcel", count: 60).joined(separator: " ")
            _ = try await Self.channel(baseURL, maxSegments: 1).send(Self.message(to: "+14155550123", text: words))
            let body = try #require(await recorder.requests.first?.form["Body"])
            #expect(body.count <= 160)
            #expect(body.hasSuffix("parcel..."))
            #expect(SMSText.segmentCount(body) == 1)
        }
    }
}
