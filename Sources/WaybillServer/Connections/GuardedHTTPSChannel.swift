import HummingbirdCore
import HummingbirdHTTP2
import Logging
import NIOCore
import NIOSSL
import WaybillCore

extension HTTPServerBuilder {
    /// HTTPS: TLS with ALPN (HTTP/2 when the client offers `h2`, HTTP/1.1 otherwise), the
    /// connection limits of `http1`, and `Strict-Transport-Security` on every response.
    static func https(tls: ServerTLS, limits: ConnectionLimits, trustedProxies: [IPRange]) -> HTTPServerBuilder {
        let connections = ConnectionsPerAddress(limit: limits.maxConnectionsPerAddress, exempt: trustedProxies)
        let hsts = tls.strictTransportSecurity
        // The idle timeout closes an HTTP/1.1 connection, or an HTTP/2 connection without open
        // streams, and each HTTP/2 stream left without a request or response part that long.
        let configuration = HTTP2ChannelConfiguration(
            idleTimeout: limits.idleTimeout,
            streamConfiguration: .init(additionalChannelHandlers: [StrictTransportSecurity(value: hsts)],
                                       idleTimeout: TimeAmount(limits.idleTimeout)))
        return HTTPServerBuilder { responder in
            GuardedHTTPSChannel(
                https: try HTTP2UpgradeChannel(tlsConfiguration: tls.configuration, configuration: configuration, responder: responder),
                requestHeadTimeout: TimeAmount(limits.requestHeadTimeout), connections: connections)
        }
    }
}

/// Hummingbird's HTTPS channel with ALPN behind the same guards as `GuardedHTTP1Channel`: the
/// per-address cap before the handshake, and a deadline from connecting to the end of the first
/// request head (HTTP/1.1) or of the HTTP/2 connection preface, so a client that never completes
/// the handshake is closed too.
struct GuardedHTTPSChannel: ServerChildChannel {
    let https: HTTP2UpgradeChannel
    let requestHeadTimeout: TimeAmount
    let connections: ConnectionsPerAddress

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP2UpgradeChannel.Value> {
        do {
            try connections.admit(channel)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return https.setup(channel: channel, logger: logger).flatMapThrowing { value in
            // Behind the TLS handler the deadline scans decrypted bytes; the handshake happens
            // before it sees any, so it runs within the same deadline.
            let operations = channel.pipeline.syncOperations
            let tls = try operations.handler(type: NIOSSLServerHandler.self)
            try operations.addHandler(RequestHeadDeadline(timeout: requestHeadTimeout), position: .after(tls))
            return value
        }
    }

    func handle(value: HTTP2UpgradeChannel.Value, logger: Logger) async {
        await https.handle(value: value, logger: logger)
    }
}
