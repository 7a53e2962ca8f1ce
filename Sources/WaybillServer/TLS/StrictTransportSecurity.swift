import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Adds `Strict-Transport-Security` to every response head written on an HTTPS connection
/// (HTTP/1.1 or an HTTP/2 stream), the error responses Hummingbird writes itself included.
final class StrictTransportSecurity: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private static let name = HTTPField.Name("Strict-Transport-Security")!
    private let value: String

    init(value: String) {
        self.value = value
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        head.headerFields[Self.name] = value
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}
