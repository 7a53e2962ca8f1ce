import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// OAuth2 client-credentials tokens of one carrier: fetched once, shared by every call, refreshed
/// shortly before they expire (or at once after a 401). Concurrent callers share one fetch.
public actor OAuthTokenCache {
    public struct Token: Sendable, Hashable {
        public var value: String
        public var expiresAt: Date
    }

    private let tokenURL: String
    private let clientID: String
    private let clientSecret: String
    private let client: HTTPClient
    private let timeout: Duration
    private let now: @Sendable () -> Date
    /// Refresh this long before expiry, so a token never expires in flight.
    private let refreshMargin: TimeInterval
    private var token: Token?
    private var inFlight: Task<Token, any Error>?
    public private(set) var fetchCount = 0

    public init(tokenURL: String, clientID: String, clientSecret: String, client: HTTPClient, timeout: Duration = .seconds(20),
                refreshMargin: TimeInterval = 60, now: @escaping @Sendable () -> Date = Date.init) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.client = client
        self.timeout = timeout
        self.refreshMargin = refreshMargin
        self.now = now
    }

    /// A valid access token; `invalidating` is the token a 401 rejected (fetch a new one unless already replaced).
    public func accessToken(invalidating rejected: String? = nil) async throws -> String {
        if let token, token.value != rejected, now() < token.expiresAt.addingTimeInterval(-refreshMargin) {
            return token.value
        }
        if let inFlight { return try await inFlight.value.value }
        let task = Task { try await self.fetch() }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        token = fresh
        return fresh.value
    }

    private func fetch() async throws -> Token {
        fetchCount += 1
        var request = HTTPClientRequest(url: tokenURL)
        request.method = .POST
        let credentials = Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        let form = "grant_type=client_credentials&client_id=\(Self.formEncoded(clientID))&client_secret=\(Self.formEncoded(clientSecret))"
        request.body = .bytes(ByteBuffer(string: form))
        let started = now()
        let response = try await client.execute(request, timeout: .init(timeout))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw PollError.tokenRejected(status: Int(response.status.code))
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
              let value = object["access_token"] as? String, !value.isEmpty else {
            throw PollError.tokenUnreadable
        }
        // UPS sends expires_in as a string, FedEx as a number.
        let lifetime = (object["expires_in"] as? Double) ?? (object["expires_in"] as? String).flatMap(Double.init) ?? 3600
        return Token(value: value, expiresAt: started.addingTimeInterval(lifetime))
    }

    private static func formEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
