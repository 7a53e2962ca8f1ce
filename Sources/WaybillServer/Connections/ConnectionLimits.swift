import Foundation

/// How long a client may hold a connection without using it, and how many it may hold.
public struct ConnectionLimits: Sendable, Hashable {
    /// A connection with no request in progress for this long is closed (`WAYBILL_IDLE_TIMEOUT_SECONDS`).
    public var idleTimeout: Duration
    /// A new connection must have sent its first request head within this time (`WAYBILL_REQUEST_HEAD_TIMEOUT_SECONDS`):
    /// a client that trickles header lines is closed instead of holding a descriptor.
    public var requestHeadTimeout: Duration
    /// Open connections one client address may hold; further ones are closed at once
    /// (`WAYBILL_MAX_CONNECTIONS_PER_ADDRESS`). The trusted proxies are exempt: all their clients share their address.
    public var maxConnectionsPerAddress: Int

    public init(idleTimeout: Duration = .seconds(30), requestHeadTimeout: Duration = .seconds(10), maxConnectionsPerAddress: Int = 128) {
        self.idleTimeout = idleTimeout
        self.requestHeadTimeout = requestHeadTimeout
        self.maxConnectionsPerAddress = maxConnectionsPerAddress
    }

    /// The limits set in the environment, the defaults for what is unset.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConnectionLimits {
        var limits = ConnectionLimits()
        if let seconds = try positiveNumber("WAYBILL_IDLE_TIMEOUT_SECONDS", environment) { limits.idleTimeout = .seconds(seconds) }
        if let seconds = try positiveNumber("WAYBILL_REQUEST_HEAD_TIMEOUT_SECONDS", environment) { limits.requestHeadTimeout = .seconds(seconds) }
        if let count = try positiveNumber("WAYBILL_MAX_CONNECTIONS_PER_ADDRESS", environment) {
            guard count == count.rounded() else { throw ConfigurationError("WAYBILL_MAX_CONNECTIONS_PER_ADDRESS: \(count) is not a whole number") }
            limits.maxConnectionsPerAddress = Int(count)
        }
        return limits
    }

    private static func positiveNumber(_ variable: String, _ environment: [String: String]) throws -> Double? {
        guard let text = environment[variable], !text.isEmpty else { return nil }
        guard let value = Double(text), value > 0, value.isFinite else {
            throw ConfigurationError("\(variable): \"\(text)\" is not a positive number")
        }
        return value
    }
}
