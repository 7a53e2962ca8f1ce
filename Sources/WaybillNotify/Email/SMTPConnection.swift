import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP connection: sends command lines and reads replies, each read bounded by a timeout.
struct SMTPConnection {
    private let channel: any Channel
    private var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    private let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    private let host: String
    private let commandTimeout: TimeAmount

    /// Reading the next reply hit its deadline (thrown into the reply stream by a timer).
    private struct DeadlinePassed: Error {}

    /// Connects to the address of `host` the egress policy checked (TLS still names `host`).
    static func connect(host: String, port: Int, timeouts: SMTPTimeouts, egress: EgressPolicy) async throws(SMTPError) -> SMTPConnection {
        let address: SocketAddress
        do {
            address = try SocketAddress(ipAddress: try await egress.address(of: host).description, port: port)
        } catch let refusal as EgressRefusal {
            throw SMTPError(stage: .connect, kind: .connectionFailed("\(host):\(port): \(refusal)"))
        } catch {
            throw SMTPError(stage: .connect, kind: .connectionFailed("\(host):\(port): \(error)"))
        }
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: SMTPReply.self)
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeouts.connect)
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyForwarder(continuation: continuation))
                }
            }
        do {
            let channel = try await bootstrap.connect(to: address).get()
            return SMTPConnection(channel: channel, replies: stream.makeAsyncIterator(), continuation: continuation,
                                  host: host, commandTimeout: timeouts.command)
        } catch {
            continuation.finish()
            throw SMTPError(stage: .connect, kind: .connectionFailed("\(host):\(port): \(error)"))
        }
    }

    /// The next reply, or an error naming `stage`.
    mutating func readReply(stage: SMTPStage, timeout: TimeAmount? = nil) async throws(SMTPError) -> SMTPReply {
        let continuation = self.continuation
        let channel = self.channel
        let timer = channel.eventLoop.scheduleTask(in: timeout ?? commandTimeout) {
            continuation.finish(throwing: DeadlinePassed())
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        do {
            guard let reply = try await replies.next() else { throw SMTPError(stage: stage, kind: .connectionClosed) }
            return reply
        } catch let error as SMTPError {
            throw error
        } catch is DeadlinePassed {
            throw SMTPError(stage: stage, kind: .timedOut)
        } catch let error as SMTPProtocolViolation {
            throw SMTPError(stage: stage, kind: .protocolViolation(error.description))
        } catch let error as NIOSSLError {
            throw SMTPError(stage: stage == .ehlo ? .tlsHandshake : stage, kind: .tls("\(error)"))
        } catch let error as BoringSSLError {
            throw SMTPError(stage: stage == .ehlo ? .tlsHandshake : stage, kind: .tls("\(error)"))
        } catch {
            throw SMTPError(stage: stage, kind: .connectionFailed("\(error)"))
        }
    }

    /// Sends raw bytes (a command line with its CRLF, or the message data).
    func write(_ bytes: ByteBuffer, stage: SMTPStage) async throws(SMTPError) {
        do {
            try await channel.writeAndFlush(bytes)
        } catch let error as NIOSSLError {
            throw SMTPError(stage: .tlsHandshake, kind: .tls("\(error)"))
        } catch let error as BoringSSLError {
            throw SMTPError(stage: .tlsHandshake, kind: .tls("\(error)"))
        } catch {
            throw SMTPError(stage: stage, kind: .connectionFailed("write failed: \(error)"))
        }
    }

    /// Sends one command line and returns the reply, throwing unless its code is in `accepted`.
    @discardableResult
    mutating func command(_ line: String, stage: SMTPStage, accepted: ClosedRange<Int> = 200...299,
                          timeout: TimeAmount? = nil) async throws(SMTPError) -> SMTPReply {
        try await write(ByteBuffer(string: line + "\r\n"), stage: stage)
        let reply = try await readReply(stage: stage, timeout: timeout)
        guard accepted.contains(reply.code) else { throw SMTPError(stage: stage, kind: .rejected(reply)) }
        return reply
    }

    /// Puts TLS under the conversation (after the server's 220 to STARTTLS).
    func startTLS(verify: Bool) async throws(SMTPError) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !verify { configuration.certificateVerification = .none }
        // SNI carries names only; for an address literal the certificate is checked against the peer's IP.
        let serverHostname: String? = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        do {
            let context = try NIOSSLContext(configuration: configuration)
            let channel = self.channel
            try await channel.eventLoop.submit {
                let handler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
        } catch {
            throw SMTPError(stage: .starttls, kind: .tls("\(error)"))
        }
    }

    func close() async {
        try? await channel.close()
    }
}

/// Hands decoded replies to the conversation; ends the stream when the connection ends.
private final class SMTPReplyForwarder: ChannelInboundHandler {
    typealias InboundIn = SMTPReply

    let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation

    init(continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }
}
