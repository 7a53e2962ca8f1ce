import AsyncHTTPClient
import Foundation
import NIOCore
import WaybillCore

/// HTTP clients for destinations tenants choose, under the egress policy: each host's client
/// connects only to the address the policy checked (pinned, so a second DNS answer cannot send
/// it elsewhere), follows no redirects (a 3xx is the answer), and gives up connecting after 3 s
/// without retrying the connection inside the attempt (the message's retry policy retries it). A
/// host is resolved again after five minutes.
public actor EgressHTTPClients {
    public let policy: EgressPolicy
    private let connectTimeout: TimeAmount
    private var clients: [String: Pinned] = [:]

    private struct Pinned {
        var address: IPAddress
        var client: HTTPClient
        var resolvedAt: ContinuousClock.Instant
    }

    public init(policy: EgressPolicy, connectTimeout: TimeAmount = DeliveryErrorText.connectTimeout) {
        self.policy = policy
        self.connectTimeout = connectTimeout
    }

    /// The client for `url`'s host; throws when the policy refuses the host.
    public func client(for url: String) async throws(EgressRefusal) -> HTTPClient {
        guard let host = URL(string: url)?.host(percentEncoded: false), !host.isEmpty else {
            throw EgressRefusal(host: url, reason: "\(url) has no host")
        }
        if let pinned = clients[host], ContinuousClock.now - pinned.resolvedAt < .seconds(300) { return pinned.client }
        let address = try await policy.address(of: host)
        if let pinned = clients[host], pinned.address == address {
            clients[host]?.resolvedAt = .now
            return pinned.client
        }
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: connectTimeout))
        configuration.connectionPool.retryConnectionEstablishment = false
        // No spans of AsyncHTTPClient's own (they record the receiver's full URL, query included);
        // the delivery's span is sent as the traceparent instead (`WebhookSender`).
        configuration.tracing.tracer = nil
        if IPAddress(host) == nil { configuration.dnsOverride = [host: address.description] }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        if let replaced = clients[host]?.client { Self.retire(replaced) }
        clients[host] = Pinned(address: address, client: client, resolvedAt: .now)
        return client
    }

    /// A client must be shut down before it goes: whoever forgot `shutdown()` gets it here.
    deinit {
        for pinned in clients.values {
            let client = pinned.client
            Task { try? await client.shutdown() }
        }
    }

    /// Closes every client.
    public func shutdown() async {
        for pinned in clients.values { try? await pinned.client.shutdown() }
        clients.removeAll()
    }

    /// Closes a replaced client once the requests it may still carry are over.
    private static func retire(_ client: HTTPClient) {
        Task {
            try? await Task.sleep(for: .seconds(120))
            try? await client.shutdown()
        }
    }
}
