import Foundation
import NIOCore
import NIOPosix
import WaybillCore
#if canImport(Glibc)
import Glibc
#endif

/// Where connections whose destination a tenant chooses may go: outbound webhooks, the SMS
/// provider's `base_url`, the SMTP host. A name is resolved here and the connection is made to an
/// address that was checked (never resolved again by someone else: no DNS rebinding). Loopback,
/// private, link-local (cloud metadata at 169.254.169.254), shared, multicast and reserved
/// addresses are refused unless the operator allows a block with `WAYBILL_EGRESS_ALLOW`
/// (comma-separated CIDRs, e.g. `127.0.0.1/32,10.20.0.0/16`).
public struct EgressPolicy: Sendable, Hashable {
    /// Blocks the operator allows although they are refused by default.
    public var allowed: [IPRange]

    public init(allowing allowed: [IPRange] = []) {
        self.allowed = allowed
    }

    /// Loopback allowed: for a receiver on this machine (tests, `waybill bench notify`).
    public static let allowingLoopback = EgressPolicy(allowing: [IPRange("127.0.0.0/8")!, IPRange("::1/128")!])

    /// `WAYBILL_EGRESS_ALLOW`; throws naming the entry that is not a CIDR block.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> EgressPolicy {
        do {
            return EgressPolicy(allowing: try IPRange.list(environment["WAYBILL_EGRESS_ALLOW"] ?? ""))
        } catch {
            throw EgressConfigurationError(entry: error.entry)
        }
    }

    /// The blocks refused by default, with why.
    static let refused: [(range: IPRange, reason: String)] = [
        ("0.0.0.0/8", "this network"), ("10.0.0.0/8", "private"), ("100.64.0.0/10", "shared address space"),
        ("127.0.0.0/8", "loopback"), ("169.254.0.0/16", "link-local (cloud metadata)"), ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "protocol assignments"), ("192.168.0.0/16", "private"), ("198.18.0.0/15", "benchmarking"),
        ("224.0.0.0/4", "multicast"), ("240.0.0.0/4", "reserved"),
        ("::/128", "unspecified"), ("::1/128", "loopback"), ("64:ff9b::/96", "IPv4 translation"), ("fc00::/7", "unique local"),
        ("fe80::/10", "link-local"), ("ff00::/8", "multicast"),
    ].map { (IPRange($0.0)!, $0.1) }

    /// Why `address` may not be reached, or nil when it may.
    public func refusal(of address: IPAddress) -> String? {
        if allowed.contains(where: { $0.contains(address) }) { return nil }
        return Self.refused.first { $0.range.contains(address) }.map { "\(address) is \($0.reason)" }
    }

    /// The address to connect to for `host`: the host itself when it is an address, else the
    /// first of its resolved addresses that may be reached.
    public func address(of host: String) async throws(EgressRefusal) -> IPAddress {
        if let literal = IPAddress(host) {
            if let reason = refusal(of: literal) { throw EgressRefusal(host: host, reason: reason) }
            return literal
        }
        let resolved: [IPAddress]
        do {
            resolved = try await NIOThreadPool.singleton.runIfActive { try Self.resolve(host) }
        } catch {
            throw EgressRefusal(host: host, reason: "\(host) does not resolve", isUnresolved: true)
        }
        if let permitted = resolved.first(where: { refusal(of: $0) == nil }) { return permitted }
        guard let first = resolved.first, let reason = refusal(of: first) else {
            throw EgressRefusal(host: host, reason: "\(host) does not resolve", isUnresolved: true)
        }
        throw EgressRefusal(host: host, reason: reason)
    }

    /// Why a destination a tenant is saving must be refused now, or nil: an address the policy
    /// refuses, or a name whose every address it refuses. A name that does not resolve (yet) is
    /// saved; delivery checks again and fails with the reason.
    public func refusalOnSave(host: String) async -> String? {
        do {
            _ = try await address(of: host)
            return nil
        } catch {
            return error.isUnresolved ? nil : error.reason
        }
    }

    /// Every address of `host` (getaddrinfo; blocking, so run on a thread pool).
    private static func resolve(_ host: String) throws -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { throw ResolutionFailed() }
        defer { freeaddrinfo(list) }
        var addresses: [IPAddress] = []
        var entry = list
        while let current = entry {
            if let socket = current.pointee.ai_addr {
                switch Int32(socket.pointee.sa_family) {
                case AF_INET:
                    var address = socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    addresses.append(IPAddress(bytes: withUnsafeBytes(of: &address) { Array($0) }))
                case AF_INET6:
                    var address = socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    addresses.append(IPAddress(bytes: withUnsafeBytes(of: &address) { Array($0) }))
                default:
                    break
                }
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }
}

/// A destination the egress policy does not let Waybill reach.
public struct EgressRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var reason: String
    /// The name has no address (yet): not an attack by itself, and saved as a destination.
    public var isUnresolved = false

    public init(host: String, reason: String, isUnresolved: Bool = false) {
        self.host = host
        self.reason = reason
        self.isUnresolved = isUnresolved
    }

    public var description: String { "refused by the egress policy: \(reason) (WAYBILL_EGRESS_ALLOW widens it)" }
}

private struct ResolutionFailed: Error {}

/// An entry of `WAYBILL_EGRESS_ALLOW` that is not a CIDR block.
public struct EgressConfigurationError: Error, CustomStringConvertible {
    public var entry: String
    public var description: String { "WAYBILL_EGRESS_ALLOW: \"\(entry)\" is not an address or CIDR block (e.g. 10.20.0.0/16)" }
}
