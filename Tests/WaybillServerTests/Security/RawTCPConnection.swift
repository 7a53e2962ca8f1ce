#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// A plain TCP connection from a chosen loopback source address, for attacks an HTTP client
/// library will not make (trickling a request head) and for telling clients apart by address.
final class RawTCPConnection {
    private var descriptor: Int32

    /// Connects to `127.0.0.1:port` from `source` (any 127.x.y.z address is this machine).
    init(port: Int, source: String = "127.0.0.1") throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawTCPError("socket: errno \(errno)") }
        var local = Self.address(source, port: 0)
        var remote = Self.address("127.0.0.1", port: port)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, connected == 0 else {
            let error = errno
            close(descriptor)
            throw RawTCPError("bind/connect from \(source) to port \(port): errno \(error)")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends `text`; false when the peer has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Whether the server has closed the connection (end of stream or reset), without waiting;
    /// what the server sent before is read and dropped.
    var isClosedByPeer: Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let received = recv(descriptor, &chunk, chunk.count, Int32(MSG_DONTWAIT))
            if received > 0 { continue }
            return received == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)
        }
    }

    /// Reads until the server closes the connection or `seconds` pass.
    func readToEnd(seconds: Int) -> String {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            data += chunk[..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func address(_ text: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, text, &address.sin_addr)
        return address
    }
}

struct RawTCPError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
