import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import WaybillCore

/// SMS through a Twilio-compatible HTTP API: `POST .../Messages.json` with form fields To, From
/// and Body, HTTP basic auth with the account SID and auth token. The provider is reached only
/// through the egress policy (its `base_url` is the tenant's choice).
public struct SMSChannel: PersonChannel {
    public let kind = ChannelKind.sms
    public let configuration: SMSConfiguration
    private let httpClients: EgressHTTPClients
    private let logger: Logger

    public init(configuration: SMSConfiguration, httpClients: EgressHTTPClients,
                logger: Logger = Logger(label: "waybill.notify.sms")) {
        self.configuration = configuration
        self.httpClients = httpClients
        self.logger = logger
    }

    /// 2xx is delivered; 408, 429 and 5xx answers and network errors are retryable; other 4xx
    /// answers (bad number, rejected credentials) and an invalid recipient are permanent.
    public func send(_ message: PersonMessage) async throws -> DeliveryAttemptResult {
        let start = ContinuousClock.now
        guard let recipient = PhoneNumber(message.recipient) else {
            throw DeliveryFailure(reason: "recipient must be a phone number in E.164 form, e.g. +14155550123", retryable: false)
        }
        let body = SMSText.truncated(message.rendered.text, maxSegments: configuration.maxSegments)
        var request = HTTPClientRequest(url: configuration.messagesURL)
        request.method = .POST
        let credentials = Data("\(configuration.accountSID):\(configuration.authToken)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "I-Twilio-Idempotency-Token", value: String(message.idempotencyKey.prefix(64)))
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode([
            ("To", recipient.e164), ("From", configuration.from.e164), ("Body", body),
        ])))

        let httpClient: HTTPClient
        do {
            httpClient = try await httpClients.client(for: configuration.messagesURL)
        } catch {
            throw DeliveryFailure(reason: error.description, retryable: false)
        }
        let response: HTTPClientResponse
        let responseBody: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: configuration.timeout)
            responseBody = try await response.body.collect(upTo: 64 * 1024)
        } catch {
            let text = DeliveryErrorText.describe(error, url: configuration.messagesURL, timeout: configuration.timeout)
            logger.warning("sms delivery failed", metadata: ["tenant_id": "\(message.tenantID)", "error": "\(text)"])
            throw DeliveryFailure(reason: "SMS provider unreachable: \(text)", retryable: true,
                                  attempt: DeliveryAttemptResult(statusCode: nil, latency: ContinuousClock.now - start,
                                                                 responseExcerpt: text))
        }
        let code = Int(response.status.code)
        let attempt = DeliveryAttemptResult(statusCode: code, latency: ContinuousClock.now - start,
                                            responseExcerpt: String(String(buffer: responseBody).prefix(300)))
        guard (200..<300).contains(code) else {
            let retryable = code == 408 || code == 429 || code >= 500
            logger.warning("sms delivery failed", metadata: [
                "tenant_id": "\(message.tenantID)", "status": "\(code)", "retryable": "\(retryable)",
            ])
            throw DeliveryFailure(reason: "SMS provider answered \(code)\(Self.providerMessage(responseBody).map { ": \($0)" } ?? "")",
                                  retryable: retryable, attempt: attempt)
        }
        return attempt
    }

    /// Twilio's error body is `{"code":21211,"message":"...","status":400}`.
    private static func providerMessage(_ body: ByteBuffer) -> String? {
        guard let json = try? JSONValue.parse(Data(body.readableBytesView)) else { return nil }
        return json["message"]?.stringValue.map { String($0.prefix(200)) }
    }
}

/// `application/x-www-form-urlencoded` (WHATWG URL standard): unreserved bytes as is, space as `+`.
enum FormEncoding {
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "*"):
                output.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: " "):
                output.append("+")
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}
