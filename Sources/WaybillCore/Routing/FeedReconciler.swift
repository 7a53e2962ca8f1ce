import Foundation

/// When a carrier's own feed and an aggregator both report a shipment, the same scan arrives twice
/// with different codes, texts and often a few minutes apart. Fingerprints cannot see that; this
/// pairs them up and says which copy the tenant's routing rule does not trust.
public enum FeedReconciler {
    /// What the reconciler needs to know of a stored event.
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var status: ShipmentStatus
        public var substatus: Substatus?
        public var occurredAt: Date?
        public var localTime: LocalDateTime?
        /// The scanning carrier (nil: the shipment's).
        public var carrier: String?
        /// The raw payload's feed (nil: the carrier's own or the API).
        public var reportedBy: String?

        public init(id: String, status: ShipmentStatus, substatus: Substatus?, occurredAt: Date?, localTime: LocalDateTime?,
                    carrier: String?, reportedBy: String?) {
            self.id = id
            self.status = status
            self.substatus = substatus
            self.occurredAt = occurredAt
            self.localTime = localTime
            self.carrier = carrier
            self.reportedBy = reportedBy
        }

        var feed: RoutingRule.TrustedFeed { CarrierFeeds.isAggregator(reportedBy) ? .aggregator : .carrier }
    }

    /// Two reports of one scan may differ by this much (aggregators round, or relay the time the
    /// carrier's API listed rather than the scan's).
    public static let window: TimeInterval = 30 * 60

    /// For each event that repeats a trusted-feed event, the id of that event. `trusted` gives the
    /// trusted feed for an event's carrier (`shipmentCarrier` when the event names none).
    public static func supersessions(of entries: [Entry], shipmentCarrier: String,
                                     trusted: (String) -> RoutingRule.TrustedFeed) -> [String: String] {
        let feeds = Set(entries.map(\.feed))
        guard feeds.count > 1 else { return [:] }
        // Every (copy, original) pair that could be one scan, nearest first; each event pairs once.
        var pairs: [(copy: String, original: String, distance: TimeInterval)] = []
        for entry in entries {
            let carrier = entry.carrier ?? shipmentCarrier
            guard entry.feed != trusted(carrier) else { continue }
            for candidate in entries where candidate.feed != entry.feed && (candidate.carrier ?? shipmentCarrier) == carrier
                && candidate.status == entry.status && candidate.substatus == entry.substatus {
                if let distance = distance(entry, candidate), distance <= window {
                    pairs.append((entry.id, candidate.id, distance))
                }
            }
        }
        var result: [String: String] = [:]
        var paired = Set<String>()
        for pair in pairs.sorted(by: { $0.distance < $1.distance }) where !paired.contains(pair.copy) && !paired.contains(pair.original) {
            paired.insert(pair.copy)
            paired.insert(pair.original)
            result[pair.copy] = pair.original
        }
        return result
    }

    /// How far apart two reports are: by instant when both have one, else by wall-clock time.
    static func distance(_ a: Entry, _ b: Entry) -> TimeInterval? {
        if let x = a.occurredAt, let y = b.occurredAt { return abs(x.timeIntervalSince(y)) }
        if let x = a.localTime, let y = b.localTime {
            return abs(x.instant(atOffset: UTCOffset(seconds: 0)).timeIntervalSince(y.instant(atOffset: UTCOffset(seconds: 0))))
        }
        return nil
    }
}
