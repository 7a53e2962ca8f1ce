import Foundation

/// What a shipment's events say about it as a whole.
public struct ShipmentState: Sendable, Hashable {
    public var status: ShipmentStatus
    public var substatus: Substatus?
    /// Index (into the resolver's input) of the event that set the status.
    public var decisiveEventIndex: Int?
    /// Index of the chronologically latest event, informational ones included.
    public var latestEventIndex: Int?
    public var deliveredAt: Date?
    public var signedBy: String?

    public static let pending = ShipmentState(status: .pending)

    public init(
        status: ShipmentStatus, substatus: Substatus? = nil, decisiveEventIndex: Int? = nil, latestEventIndex: Int? = nil,
        deliveredAt: Date? = nil, signedBy: String? = nil
    ) {
        self.status = status
        self.substatus = substatus
        self.decisiveEventIndex = decisiveEventIndex
        self.latestEventIndex = latestEventIndex
        self.deliveredAt = deliveredAt
        self.signedBy = signedBy
    }
}

/// Status resolution of DESIGN.md: the status of the most significant latest event, not the
/// newest line received. Pure: the same events always give the same state.
public enum StatusResolver {
    /// Resolves a shipment's state. `events` must be in arrival order (the last tie-breaker).
    public static func resolve(_ events: [CanonicalEvent]) -> ShipmentState {
        let order = chronologicalOrder(events)
        guard let latest = order.last else { return .pending }
        var state = ShipmentState.pending
        state.latestEventIndex = latest

        for index in order {
            let event = events[index]
            if event.isImplausibleTime { continue }
            if event.isInformational {
                if state.status == .delivered, state.signedBy == nil, let signer = event.signedBy {
                    state.signedBy = signer
                }
                continue
            }
            guard mayFollow(current: state.status, next: event.status) else { continue }
            if event.status == .delivered {
                state.deliveredAt = event.occurredAt ?? state.deliveredAt
                state.signedBy = event.signedBy ?? (state.status == .delivered ? state.signedBy : nil)
            } else {
                state.deliveredAt = nil
                state.signedBy = nil
            }
            state.status = event.status
            state.substatus = event.substatus
            state.decisiveEventIndex = index
        }
        return state
    }

    /// `delivered` is final unless a later return or exception follows; a return is final
    /// unless an exception follows (scans on the way back do not make it "in transit" again).
    static func mayFollow(current: ShipmentStatus, next: ShipmentStatus) -> Bool {
        switch current {
        case .delivered: [.delivered, .returnedToSender, .exception].contains(next)
        case .returnedToSender: [.returnedToSender, .exception].contains(next)
        default: true
        }
    }

    /// Indices of `events` from oldest to newest: by instant; events without an instant by
    /// their local time; ties by the carrier's sequence, then by arrival.
    public static func chronologicalOrder(_ events: [CanonicalEvent]) -> [Int] {
        events.indices.sorted { isBefore(events[$0], $0, events[$1], $1) }
    }

    static func isBefore(_ a: CanonicalEvent, _ aIndex: Int, _ b: CanonicalEvent, _ bIndex: Int) -> Bool {
        if let order = timeOrder(a, b) { return order }
        if a.sequence != b.sequence { return a.sequence < b.sequence }
        return aIndex < bIndex
    }

    /// nil when the times do not decide (equal, or too coarse to compare).
    private static func timeOrder(_ a: CanonicalEvent, _ b: CanonicalEvent) -> Bool? {
        if let aInstant = a.occurredAt, let bInstant = b.occurredAt {
            return aInstant == bInstant ? nil : aInstant < bInstant
        }
        guard let aLocal = wallClock(a), let bLocal = wallClock(b) else { return nil }
        if aLocal.time == nil || bLocal.time == nil {
            let (aDate, bDate) = (aLocal.date, bLocal.date)
            return aDate == bDate ? nil : aDate < bDate
        }
        return aLocal == bLocal ? nil : aLocal < bLocal
    }

    /// The wall-clock time of an event: as given, or read off its instant at its offset.
    private static func wallClock(_ event: CanonicalEvent) -> LocalDateTime? {
        if let local = event.localTime { return local }
        guard let instant = event.occurredAt else { return nil }
        return LocalDateTime(instant: instant, offset: event.utcOffset ?? UTCOffset(seconds: 0))
    }
}
