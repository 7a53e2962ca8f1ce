import Foundation
import WaybillCore

/// A small PNG progress bar (4 milestones) for emails, where CSS and SVG are unreliable.
/// Encoded by hand: RGB rows, stored (uncompressed) deflate blocks, CRC-32 and Adler-32.
enum StatusImage {
    static let width = 480
    static let height = 24

    static func png(status: ShipmentStatus, color: String?) -> Data {
        png(filled: status.filledSegments, stopped: status.stopped, color: color)
    }

    static func png(filled: Int, stopped: Bool, color: String?) -> Data {
        let on = stopped ? (0xB9, 0x1C, 0x1C) : rgb(color) ?? (0x04, 0x78, 0x57)
        let off = (0xD1, 0xD5, 0xDB)
        let white = (0xFF, 0xFF, 0xFF)
        let segment = width / 4
        var raw = [UInt8]()
        raw.reserveCapacity((width * 3 + 1) * height)
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width {
                let index = x / segment
                let gap = x % segment >= segment - 6 || y < 6 || y >= height - 6
                let pixel = gap ? white : (index < filled ? on : off)
                raw += [UInt8(pixel.0), UInt8(pixel.1), UInt8(pixel.2)]
            }
        }
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]
        data.appendChunk("IHDR", header)
        data.appendChunk("IDAT", zlibStored(raw))
        data.appendChunk("IEND", Data())
        return data
    }

    private static func rgb(_ color: String?) -> (Int, Int, Int)? {
        guard let color, BrandingRules.isColor(color) else { return nil }
        var hex = String(color.dropFirst())
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        guard let value = Int(hex, radix: 16) else { return nil }
        return ((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)
    }

    private static func zlibStored(_ bytes: [UInt8]) -> Data {
        var out = Data([0x78, 0x01])
        var offset = 0
        repeat {
            let length = min(65_535, bytes.count - offset)
            let final: UInt8 = offset + length >= bytes.count ? 1 : 0
            out.append(final)
            out.append(UInt8(length & 0xFF)); out.append(UInt8(length >> 8))
            out.append(UInt8(~length & 0xFF)); out.append(UInt8((~length >> 8) & 0xFF))
            out.append(contentsOf: bytes[offset..<offset + length])
            offset += length
        } while offset < bytes.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        out.appendBigEndian((b << 16) | a)
        return out
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

extension ShipmentStatus {
    /// Milestones the progress image fills for this status.
    var filledSegments: Int {
        switch self {
        case .pending: 0
        case .exception, .returnedToSender, .expired: 2
        default: progressRank
        }
    }

    /// Whether the journey stopped short (drawn in red).
    var stopped: Bool { self == .exception || self == .returnedToSender || self == .expired }
}

private extension Data {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }

    mutating func appendChunk(_ type: String, _ body: Data) {
        appendBigEndian(UInt32(body.count))
        let typed = Data(type.utf8) + body
        append(typed)
        appendBigEndian(StatusImage.crc32(typed))
    }
}
