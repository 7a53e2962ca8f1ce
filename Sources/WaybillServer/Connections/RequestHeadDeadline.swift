import Metrics
import NIOCore

/// Closes a new connection whose first request head has not fully arrived within `timeout`
/// (a client trickling header lines to hold the connection), then leaves the pipeline.
/// Later requests on a kept-alive connection are bounded by the idle timeout.
final class RequestHeadDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?
    private var endOfHead = EndOfHeadScanner()

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let headIsComplete = endOfHead.scan(unwrapInboundIn(data).readableBytesView)
        context.fireChannelRead(data)
        if headIsComplete {
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    private func arm(_ context: ChannelHandlerContext) {
        guard deadline == nil else { return }
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            Counter(label: "waybill_connections_closed_total", dimensions: [("reason", "request_head_timeout")]).increment()
            context.close(promise: nil)
        }
    }
}

/// Finds the blank line that ends an HTTP head, across reads (`CRLF CRLF`, or bare `LF LF` as
/// lenient parsers accept).
struct EndOfHeadScanner {
    private var afterLineFeed = false

    /// True once the bytes seen so far contain the end of the head.
    mutating func scan(_ bytes: ByteBufferView) -> Bool {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"):
                if afterLineFeed { return true }
                afterLineFeed = true
            case UInt8(ascii: "\r"):
                continue
            default:
                afterLineFeed = false
            }
        }
        return false
    }
}
