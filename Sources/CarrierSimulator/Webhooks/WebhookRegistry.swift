import Foundation

/// Where the simulator pushes carrier webhooks. UPS targets get Track Alert bodies with the
/// subscription's opaque credential echoed in the `credential` header; AfterShip targets get
/// every carrier's trackings, signed with the credential as the webhook secret.
public struct WebhookTarget: Sendable, Hashable {
    public let id: String
    public let carrier: String
    public let url: String
    public let credential: String?
    /// The parcels subscribed to (UPS Track Alert subscriptions); nil for every parcel of the carrier.
    public var trackingNumbers: Set<String>?
}

/// Registered targets and, per target and parcel, how many steps have been pushed.
public final class WebhookRegistry: Sendable {
    private struct Contents {
        var targets: [WebhookTarget] = []
        /// target id → journey key → steps pushed.
        var pushed: [String: [String: Int]] = [:]
    }

    private let contents = Locked(Contents())

    /// The carriers whose push format the simulator can send.
    public static let supportedCarriers: Set<String> = ["ups", "aftership"]

    init() {}

    public func all() -> [WebhookTarget] { contents.withLock { $0.targets } }

    /// Adds a target; `alreadyPushed` marks steps that happened before it as not to be sent.
    func add(carrier: String, url: String, credential: String?, trackingNumbers: Set<String>? = nil,
             alreadyPushed: [String: Int]) -> WebhookTarget {
        let target = WebhookTarget(id: "wh_" + UUID().uuidString.prefix(8).lowercased(), carrier: carrier, url: url, credential: credential,
                                   trackingNumbers: trackingNumbers)
        contents.withLock {
            $0.targets.append(target)
            $0.pushed[target.id] = alreadyPushed
        }
        return target
    }

    /// Adds `numbers` to the subscription target for this destination, made on first use; steps
    /// already visible are not pushed (Track Alert sends no history).
    func subscribe(carrier: String, url: String, credential: String?, numbers: [(key: String, visible: Int, number: String)]) {
        contents.withLock { contents in
            let index = contents.targets.firstIndex {
                $0.carrier == carrier && $0.url == url && $0.credential == credential && $0.trackingNumbers != nil
            }
            let id: String
            if let index {
                id = contents.targets[index].id
            } else {
                id = "wh_" + UUID().uuidString.prefix(8).lowercased()
                contents.targets.append(WebhookTarget(id: id, carrier: carrier, url: url, credential: credential, trackingNumbers: []))
                contents.pushed[id] = [:]
            }
            let at = contents.targets.firstIndex { $0.id == id }!
            for item in numbers where contents.targets[at].trackingNumbers?.insert(item.number).inserted == true {
                contents.pushed[id]?[item.key] = item.visible
            }
        }
    }

    @discardableResult
    public func remove(id: String) -> Bool {
        contents.withLock { contents in
            contents.pushed[id] = nil
            let before = contents.targets.count
            contents.targets.removeAll { $0.id == id }
            return contents.targets.count != before
        }
    }

    /// The steps of `journey` not yet pushed to `target` among the first `visible`, claimed as pushed.
    func claim(target: String, journey: SimulatedJourney, visible: Int) -> ArraySlice<SimulatedStep> {
        let key = Self.key(journey)
        let from = contents.withLock { contents -> Int in
            let done = contents.pushed[target]?[key] ?? 0
            if visible > done { contents.pushed[target]?[key] = visible }
            return done
        }
        return from < visible ? journey.steps[from..<visible] : []
    }

    static func key(_ journey: SimulatedJourney) -> String { "\(journey.carrier)|\(journey.trackingNumber)" }
}

extension CarrierSimulator {
    /// Registers a webhook target for `carrier` (`ups`, or `aftership` for every parcel). Steps
    /// before now are not pushed unless `includeHistory`.
    @discardableResult
    public func registerWebhook(carrier: String, url: String, credential: String?, includeHistory: Bool = false) throws -> WebhookTarget {
        let carrier = SimulatedCarrier.canonical(carrier)
        guard WebhookRegistry.supportedCarriers.contains(carrier) else { throw WebhookRegistrationError.unsupportedCarrier(carrier) }
        guard let parsed = URL(string: url), parsed.scheme == "http" || parsed.scheme == "https", parsed.host != nil else {
            throw WebhookRegistrationError.invalidURL(url)
        }
        var pushed: [String: Int] = [:]
        if !includeHistory {
            let now = clock.now()
            for journey in journeys(for: carrier) { pushed[WebhookRegistry.key(journey)] = journey.visibleSteps(at: now).count }
        }
        return webhooks.add(carrier: carrier, url: url, credential: credential, alreadyPushed: pushed)
    }

    /// The parcels a target hears about: its carrier's, or all of them for an aggregator.
    func journeys(for target: String) -> [SimulatedJourney] {
        target == "aftership" ? shipments.all() : shipments.all(carrier: target)
    }

    /// The parcels a registered target hears about: those it subscribed to, if it did.
    func journeys(for target: WebhookTarget) -> [SimulatedJourney] {
        let all = journeys(for: target.carrier)
        guard let numbers = target.trackingNumbers else { return all }
        return all.filter { numbers.contains($0.trackingNumber) }
    }

    /// UPS Track Alert: subscribes `numbers` for pushes to `url`; returns the valid and invalid numbers.
    func subscribeTrackAlert(numbers: [String], url: String, credential: String?) -> (valid: [String], invalid: [String]) {
        let now = clock.now()
        var valid: [String] = []
        var invalid: [String] = []
        var subscribed: [(key: String, visible: Int, number: String)] = []
        for number in numbers {
            guard let journey = shipments.journey(carrier: "ups", trackingNumber: number) else { invalid.append(number); continue }
            valid.append(number)
            subscribed.append((WebhookRegistry.key(journey), journey.visibleSteps(at: now).count, number))
        }
        webhooks.subscribe(carrier: "ups", url: url, credential: credential, numbers: subscribed)
        return (valid, invalid)
    }
}

public enum WebhookRegistrationError: Error, CustomStringConvertible {
    case unsupportedCarrier(String)
    case invalidURL(String)

    public var description: String {
        switch self {
        case .unsupportedCarrier(let carrier):
            "no webhook format for carrier \(carrier) (supported: \(WebhookRegistry.supportedCarriers.sorted().joined(separator: ", ")))"
        case .invalidURL(let url): "not an http(s) URL: \(url)"
        }
    }
}
