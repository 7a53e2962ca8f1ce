#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as bytes (4 or 16). An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`)
/// is read as the IPv4 address it carries, so that it meets the same rules.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(_ text: String) {
        let literal = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, literal, &v6) == 1 {
            let all = withUnsafeBytes(of: &v6) { Array($0) }
            bytes = all.prefix(12) == Self.mappedPrefix[...] ? Array(all.suffix(4)) : all
        } else {
            return nil
        }
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes.count == 16 && bytes.prefix(12) == Self.mappedPrefix[...] ? Array(bytes.suffix(4)) : bytes
    }

    private static let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]

    public var isIPv4: Bool { bytes.count == 4 }

    public var description: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var raw = bytes
        let family = isIPv4 ? AF_INET : AF_INET6
        return raw.withUnsafeMutableBytes { pointer in
            inet_ntop(family, pointer.baseAddress, &text, socklen_t(text.count)).map { String(cString: $0) } ?? "?"
        }
    }
}

/// A block of addresses in CIDR notation (`10.0.0.0/8`, `fc00::/7`, `127.0.0.1` for one address).
public struct IPRange: Sendable, Hashable, CustomStringConvertible {
    public let network: IPAddress
    public let prefixLength: Int

    public init?(_ text: String) {
        let parts = text.trimmed.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let network = IPAddress(first) else { return nil }
        let maximum = network.bytes.count * 8
        let length = parts.count == 2 ? Int(parts[1]) : maximum
        guard let length, (0...maximum).contains(length) else { return nil }
        self.network = network
        self.prefixLength = length
    }

    public func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        var remaining = prefixLength
        for (mine, theirs) in zip(network.bytes, address.bytes) where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if mine & mask != theirs & mask { return false }
            remaining -= bits
        }
        return true
    }

    public var description: String { "\(network)/\(prefixLength)" }
}

extension IPRange {
    /// A comma-separated list of blocks (`127.0.0.1/32, 10.20.0.0/16`), as operators write them in
    /// the environment; throws naming the entry that is not an address or CIDR block.
    public static func list(_ text: String) throws(IPRangeListError) -> [IPRange] {
        var ranges: [IPRange] = []
        for entry in text.split(separator: ",").map({ $0.trimmed }) where !entry.isEmpty {
            guard let range = IPRange(entry) else { throw IPRangeListError(entry: entry) }
            ranges.append(range)
        }
        return ranges
    }
}

/// An entry of a CIDR list that is neither an address nor a block.
public struct IPRangeListError: Error, Sendable, Hashable {
    public var entry: String
}
