import Foundation
import Hummingbird
import Synchronization

/// Large uploads are written to a temporary file as they arrive, so a slow or concurrent upload
/// holds disk, not memory.
enum UploadSpool {
    /// Writes `body` to a new file in the temporary directory (`TMPDIR`) and returns it; the caller
    /// removes it. More than `limit` bytes: 413, and nothing is kept.
    static func write(_ body: RequestBody, limit: Int, context: WaybillRequestContext) async throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-upload-\(UUID().uuidString)")
        let limited = SizeLimitedBody(base: body, limit: limit)
        do {
            try await FileIO().writeFile(contents: limited, path: file.path, context: context)
            return file
        } catch {
            try? FileManager.default.removeItem(at: file)
            // The file system wraps what the body threw.
            if limited.wasExceeded { throw APIError.bodyTooLarge(limit: limit) }
            throw error
        }
    }
}

/// The chunks of a body, failing once they add up to more than `limit` bytes.
struct SizeLimitedBody<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    let base: Base
    let limit: Int
    private let exceeded = Flag()

    init(base: Base, limit: Int) {
        self.base = base
        self.limit = limit
    }

    var wasExceeded: Bool { exceeded.isSet }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let limit: Int
        let exceeded: Flag
        var total = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            total += chunk.readableBytes
            guard total <= limit else {
                exceeded.set()
                throw BodyTooLarge()
            }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit, exceeded: exceeded)
    }

    final class Flag: Sendable {
        private let value = Mutex(false)
        var isSet: Bool { value.withLock { $0 } }
        func set() { value.withLock { $0 = true } }
    }
}

struct BodyTooLarge: Error {}

extension APIError {
    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "payload_too_large", message: "the body is larger than \(limit) bytes")
    }
}
