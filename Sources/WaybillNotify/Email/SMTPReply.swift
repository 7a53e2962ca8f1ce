import NIOCore

/// A server reply: a three-digit code and one or more lines of text (RFC 5321 4.2).
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    public var isPositive: Bool { (200..<400).contains(code) }
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    public var isPermanentFailure: Bool { code >= 500 }

    /// The reply as the server sent it, lines joined by spaces, shortened for logs.
    public var description: String {
        let text = "\(code) " + lines.joined(separator: " ")
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}

/// Splits the server's bytes into replies, joining continuation lines (`250-...`) with the last (`250 ...`).
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    private static let maximumLineLength = 4096
    private static let maximumLines = 200
    private var pendingLines: [String] = []
    private var pendingCode: Int?

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength { throw SMTPProtocolViolation("reply line longer than \(Self.maximumLineLength) bytes") }
            return .needMoreData
        }
        let length = view.distance(from: view.startIndex, to: newline) + 1
        guard var bytes = buffer.readBytes(length: length) else { return .needMoreData }
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let code = Int(String(decoding: bytes[0...2], as: UTF8.self)), (200...599).contains(code) else {
            throw SMTPProtocolViolation("malformed reply line: \(line.prefix(80))")
        }
        let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPProtocolViolation("malformed reply line: \(line.prefix(80))")
        }
        if let pendingCode, pendingCode != code { throw SMTPProtocolViolation("reply code changed from \(pendingCode) to \(code) within a reply") }
        pendingLines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        if separator == UInt8(ascii: "-") {
            guard pendingLines.count < Self.maximumLines else { throw SMTPProtocolViolation("reply with more than \(Self.maximumLines) lines") }
            pendingCode = code
            return .continue
        }
        let reply = SMTPReply(code: code, lines: pendingLines)
        pendingLines = []
        pendingCode = nil
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// The server broke the protocol (a reply that does not parse).
struct SMTPProtocolViolation: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
