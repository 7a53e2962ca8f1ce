import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import WaybillCore

extension HTTPServerBuilder {
    /// HTTP/1.1 with the connection limits: an idle timeout, a deadline for the first request
    /// head, and a cap on connections per client address.
    static func http1(limits: ConnectionLimits, trustedProxies: [IPRange]) -> HTTPServerBuilder {
        let connections = ConnectionsPerAddress(limit: limits.maxConnectionsPerAddress, exempt: trustedProxies)
        return HTTPServerBuilder { responder in
            GuardedHTTP1Channel(
                http1: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: TimeAmount(limits.idleTimeout))),
                requestHeadTimeout: TimeAmount(limits.requestHeadTimeout), connections: connections)
        }
    }
}

/// Hummingbird's HTTP/1 channel behind two guards that run before any byte is parsed.
struct GuardedHTTP1Channel: ServerChildChannel {
    let http1: HTTP1Channel
    let requestHeadTimeout: TimeAmount
    let connections: ConnectionsPerAddress

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        do {
            try connections.admit(channel)
            try channel.pipeline.syncOperations.addHandler(RequestHeadDeadline(timeout: requestHeadTimeout), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return http1.setup(channel: channel, logger: logger)
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

