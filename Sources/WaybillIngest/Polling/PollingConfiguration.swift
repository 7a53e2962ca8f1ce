import Foundation
import WaybillCarriers

/// How to reach one carrier's tracking API.
public struct CarrierEndpoint: Sendable, Hashable {
    /// Registry id (`ups`, `fedex`, ...).
    public var carrier: String
    public var baseURL: String
    public var clientID: String?
    public var clientSecret: String?
    public var apiKey: String?
    /// Calls per second on average, and at most `burst` at once.
    public var ratePerSecond: Double
    public var burst: Double

    public init(carrier: String, baseURL: String, clientID: String? = nil, clientSecret: String? = nil, apiKey: String? = nil,
                ratePerSecond: Double = 5, burst: Double = 10) {
        self.carrier = carrier
        self.baseURL = baseURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.apiKey = apiKey
        self.ratePerSecond = ratePerSecond
        self.burst = burst
    }

    /// The adapter's configuration; credential names cover the adapters' spellings.
    func configuration(accessToken: String?) -> CarrierConfiguration {
        var credentials: [String: String] = [:]
        if let clientID { credentials["client_id"] = clientID }
        if let clientSecret { credentials["client_secret"] = clientSecret }
        if let apiKey { credentials["api_key"] = apiKey; credentials["apiKey"] = apiKey }
        if let accessToken { credentials["access_token"] = accessToken; credentials["accessToken"] = accessToken }
        return CarrierConfiguration(baseURL: baseURL, credentials: credentials)
    }
}

/// Adaptive polling settings, from the environment of `waybill serve`.
public struct PollingConfiguration: Sendable {
    public var carriers: [CarrierEndpoint]
    public var policy: PollingPolicy
    /// Shipments claimed per carrier at a time.
    public var batchSize: Int = 50
    /// How often the push subscriber looks for numbers to subscribe (UPS Track Alert).
    public var subscriptionInterval: Duration = .seconds(60)
    /// Calls in flight per carrier.
    public var concurrency: Int = 8
    public var requestTimeout: Duration = .seconds(20)
    /// A claimed shipment is given back to others if its poller has not finished by then.
    public var leaseDuration: Duration = .seconds(120)
    /// How often a carrier with nothing due looks again.
    public var idleInterval: Duration = .seconds(5)
    public var breakerThreshold: Int = 5
    public var breakerCoolDown: TimeInterval = 30
    /// Backoff of a failing shipment: full jitter over base·2^n, capped.
    public var backoffBase: TimeInterval = 30
    public var backoffCap: TimeInterval = 3600

    public init(carriers: [CarrierEndpoint], policy: PollingPolicy = PollingPolicy()) {
        self.carriers = carriers
        self.policy = policy
    }

    /// Reads `WAYBILL_CARRIER_<ID>_*` for every carrier of the registry with a base URL, and the
    /// `WAYBILL_POLL_*` settings; nil when no carrier is configured (polling off).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(PollingConfigurationError) -> PollingConfiguration? {
        var endpoints: [CarrierEndpoint] = []
        for adapter in CarrierRegistry.adapters {
            let prefix = "WAYBILL_CARRIER_\(adapter.id.uppercased())_"
            guard let baseURL = environment[prefix + "BASE_URL"], !baseURL.isEmpty else { continue }
            guard URL(string: baseURL)?.host != nil else { throw .invalid(prefix + "BASE_URL", baseURL) }
            var endpoint = CarrierEndpoint(carrier: adapter.id, baseURL: baseURL, clientID: environment[prefix + "CLIENT_ID"],
                                           clientSecret: environment[prefix + "CLIENT_SECRET"], apiKey: environment[prefix + "API_KEY"])
            if let rate = environment[prefix + "RATE_PER_SECOND"] {
                guard let value = Double(rate), value > 0 else { throw .invalid(prefix + "RATE_PER_SECOND", rate) }
                endpoint.ratePerSecond = value
                endpoint.burst = max(1, value * 2)
            }
            if let burst = environment[prefix + "BURST"] {
                guard let value = Double(burst), value >= 1 else { throw .invalid(prefix + "BURST", burst) }
                endpoint.burst = value
            }
            endpoints.append(endpoint)
        }
        guard !endpoints.isEmpty else { return nil }
        var configuration = PollingConfiguration(carriers: endpoints)
        if let text = environment["WAYBILL_POLL_BATCH_SIZE"] {
            guard let value = Int(text), value > 0 else { throw .invalid("WAYBILL_POLL_BATCH_SIZE", text) }
            configuration.batchSize = value
        }
        if let text = environment["WAYBILL_POLL_CONCURRENCY"] {
            guard let value = Int(text), value > 0 else { throw .invalid("WAYBILL_POLL_CONCURRENCY", text) }
            configuration.concurrency = value
        }
        if let text = environment["WAYBILL_POLL_TIMEOUT_SECONDS"] {
            guard let value = Int(text), value > 0 else { throw .invalid("WAYBILL_POLL_TIMEOUT_SECONDS", text) }
            configuration.requestTimeout = .seconds(value)
        }
        if let text = environment["WAYBILL_PUSH_SUBSCRIBE_INTERVAL_SECONDS"] {
            guard let value = Double(text), value > 0 else { throw .invalid("WAYBILL_PUSH_SUBSCRIBE_INTERVAL_SECONDS", text) }
            configuration.subscriptionInterval = .seconds(value)
        }
        if let text = environment["WAYBILL_POLL_FRESHNESS_TARGET_MINUTES"] {
            guard let value = Double(text), value > 0 else { throw .invalid("WAYBILL_POLL_FRESHNESS_TARGET_MINUTES", text) }
            configuration.policy.settings.freshnessTarget = value * 60
        }
        return configuration
    }
}

public enum PollingConfigurationError: Error, Sendable, CustomStringConvertible {
    case invalid(String, String)

    public var description: String {
        switch self {
        case .invalid(let name, let value): "\(name)=\(value) is not valid"
        }
    }
}
