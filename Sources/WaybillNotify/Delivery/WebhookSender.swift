import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Tracing
import WaybillStore

/// Posts one signed webhook message and classifies the answer. The receiver is reached only
/// through the egress policy (`EgressHTTPClients`); a redirect is an answer, not followed.
struct WebhookSender: Sendable {
    let clients: EgressHTTPClients
    let timeout: TimeInterval

    /// Throws `DeliveryFailure` unless the receiver answered 2xx.
    func send(body: String, messageID: String, to subscription: WebhookSubscription, now: Date) async throws -> DeliveryAttemptResult {
        let timestamp = Int(now.timeIntervalSince1970)
        let data = Data(body.utf8)
        let headers: [(String, String)]
        do {
            headers = try WebhookSigner.headers(id: messageID, timestamp: timestamp, body: data,
                                                secrets: subscription.signingSecrets(at: now))
        } catch {
            throw DeliveryFailure(reason: "the subscription's secret is not a whsec_ base64 key", retryable: false)
        }
        var request = HTTPClientRequest(url: subscription.url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "user-agent", value: "Waybill-Webhooks/1")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        // W3C traceparent of the delivery's span, so the receiver's traces join Waybill's.
        InstrumentationSystem.instrument.inject(ServiceContext.current ?? .topLevel, into: &request.headers, using: HTTPHeadersInjector())
        request.body = .bytes(ByteBuffer(bytes: data))
        let client: HTTPClient
        do {
            client = try await clients.client(for: subscription.url)
        } catch {
            throw DeliveryFailure(reason: error.description, retryable: false)
        }
        let start = ContinuousClock.now
        let response: HTTPClientResponse
        var excerpt = ""
        do {
            response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            let collected = try await response.body.collect(upTo: 64 * 1024)
            excerpt = String(decoding: collected.readableBytesView.prefix(300), as: UTF8.self)
        } catch {
            let latency = ContinuousClock.now - start
            let text = DeliveryErrorText.describe(error, url: subscription.url, timeout: .milliseconds(Int64(timeout * 1000)))
            throw DeliveryFailure(reason: text, retryable: true,
                                  attempt: DeliveryAttemptResult(statusCode: nil, latency: latency, responseExcerpt: nil))
        }
        let result = DeliveryAttemptResult(statusCode: Int(response.status.code), latency: ContinuousClock.now - start,
                                           responseExcerpt: excerpt.isEmpty ? nil : excerpt)
        switch response.status.code {
        case 200..<300:
            return result
        case 408, 429, 500...:
            throw DeliveryFailure(reason: "receiver answered \(response.status.code)", retryable: true, attempt: result)
        case 300..<400:
            throw DeliveryFailure(reason: "receiver answered \(response.status.code) (redirects are not followed)", retryable: false,
                                  attempt: result)
        default:
            throw DeliveryFailure(reason: "receiver answered \(response.status.code)", retryable: false, attempt: result)
        }
    }
}

private struct HTTPHeadersInjector: Injector {
    func inject(_ value: String, forKey name: String, into headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: name, value: value)
    }
}
