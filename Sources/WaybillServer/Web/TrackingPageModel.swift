import Foundation
import WaybillCarriers
import WaybillCore
import WaybillStore

/// One shipment as a customer sees it: catalog texts only, never a raw carrier code.
struct ShipmentView: Sendable {
    struct Action: Sendable { var label: String; var text: String }
    struct ETA: Sendable { var label: String; var text: String; var iso: String; var late: Bool; var lateLabel: String; var lateNotice: String }
    struct Milestone: Sendable { var label: String; var state: String; var stateLabel: String?; var isCurrent: Bool }
    /// `scannedBy` names the carrier only when the timeline spans several (a last-mile hand-over).
    struct Event: Sendable { var text: String; var detail: String?; var when: String; var iso: String; var place: String?; var scannedBy: String? }
    struct Carrier: Sendable { var label: String; var name: String; var url: String?; var linkText: String }
    struct Delivered: Sendable { var when: String; var `where`: String?; var signedBy: String? }

    var index: Int
    var statusKey: String
    var statusText: String
    var substatusText: String?
    var action: Action?
    var eta: ETA?
    var noEstimate: String?
    var delivered: Delivered?
    var nextStepLabel: String
    var nextStep: String
    var progressLabel: String
    var stopped: Bool
    var milestones: [Milestone]
    var trackingNumberLabel: String
    var trackingNumber: String
    var carrier: Carrier?
    /// The carriers the parcel was handed to (legs whose scans are in the timeline), latest last.
    var lastMileCarriers: [Carrier] = []
    var timelineLabel: String
    var hasEvents: Bool
    var events: [Event]
    var noEvents: String
    var lastUpdated: String

    /// Builds the view. `events` are oldest first (as the store returns them); the page lists newest first.
    /// `legs` are the shipment's other carriers' numbers (for their tracking links).
    init(shipment: Shipment, events: [StoredEvent], legs: [ShipmentLeg] = [], language: Language, now: Date, index: Int = 1) {
        let messages = language.messages
        let formatter = CustomerDateFormatter(language: language)
        let zone = Self.destinationZone(shipment, events)
        let status = shipment.status
        self.index = index
        self.statusKey = status.rawValue
        self.statusText = MessageCatalog.statusText(status, language: language)
        self.substatusText = shipment.substatus.flatMap { MessageCatalog.substatusText($0, language: language) }

        let latest = events.last { !$0.event.isInformational && $0.event.status == status } ?? events.last
        if let latest, latest.event.actionRequired, !status.isTerminal {
            action = Action(label: messages.text(.actionRequired),
                            text: MessageCatalog.actionRequiredText(reason: latest.event.reason, language: language))
        }

        if status != .delivered, let estimate = shipment.estimatedDelivery, let first = estimate.earliest ?? estimate.latest {
            let last = estimate.latest ?? first
            let firstDay = formatter.date(first, in: zone)
            let lastDay = formatter.date(last, in: zone)
            let text = firstDay == lastDay ? firstDay : messages.text(.estimatedWindow, ["start": firstDay, "end": lastDay])
            let late = last < now && !status.isTerminal
            eta = ETA(label: messages.text(.estimatedDelivery), text: text, iso: Timestamp.utcString(first), late: late,
                      lateLabel: messages.text(.late), lateNotice: messages.text(.lateNotice))
        } else if !status.isTerminal {
            noEstimate = messages.text(.noEstimate)
        }

        if status == .delivered {
            let deliveredEvent = events.last { $0.event.status == .delivered }
            let when: String
            if let at = shipment.deliveredAt {
                when = formatter.dateTime(at, in: Self.eventZone(deliveredEvent?.event) ?? zone)
            } else if let local = deliveredEvent?.event.localTime {
                when = formatter.local(local)
            } else {
                when = ""
            }
            delivered = Delivered(
                when: messages.text(.deliveredAt, ["date": when]),
                where: deliveredEvent?.event.location.flatMap(Self.place).map { messages.text(.deliveredWhere, ["place": $0]) },
                signedBy: shipment.signedBy.map { messages.text(.signedBy, ["name": $0]) })
        }

        nextStepLabel = messages.text(.whatHappensNext)
        nextStep = MessageCatalog.nextStepText(for: status, language: language)
        progressLabel = messages.text(.progress)
        (milestones, stopped) = Self.milestones(status, messages)

        trackingNumberLabel = messages.text(.trackingNumber)
        trackingNumber = shipment.trackingNumber
        func carrierRow(_ id: String, _ number: String) -> Carrier {
            let name = Self.carrierName(id)
            let url = TrackingNumberDetector.trackingURL(for: number, carrier: id)?.absoluteString
            return Carrier(label: messages.text(.carrier), name: name, url: url.flatMap(BrandingRules.safeURL),
                           linkText: messages.text(.trackWithCarrier, ["carrier": name]))
        }
        if !shipment.carrier.isEmpty { carrier = carrierRow(shipment.carrier, shipment.trackingNumber) }
        let scanningCarriers = Set(events.compactMap(\.carrier))
        lastMileCarriers = legs.filter { $0.carrier != shipment.carrier && scanningCarriers.contains($0.carrier) }
            .map { carrierRow($0.carrier, $0.trackingNumber) }
        let namesEachScan = scanningCarriers.union(shipment.carrier.isEmpty ? [] : [shipment.carrier]).count > 1

        timelineLabel = messages.text(.timeline)
        self.events = events.reversed().map { stored in
            let event = stored.event
            let text = MessageCatalog.statusText(event.status, language: language)
            var detail = event.substatus.flatMap { MessageCatalog.substatusText($0, language: language) }
            if let reason = event.reason.flatMap({ MessageCatalog.reasonText($0, language: language) }) {
                detail = detail.map { "\($0) \(reason)" } ?? reason
            }
            let (when, iso) = Self.when(event, formatter: formatter, zone: zone)
            let scannedBy = namesEachScan ? (stored.carrier ?? (shipment.carrier.isEmpty ? nil : shipment.carrier)).map(Self.carrierName) : nil
            return Event(text: text, detail: detail, when: when, iso: iso, place: event.location.flatMap(Self.place), scannedBy: scannedBy)
        }
        hasEvents = !self.events.isEmpty
        noEvents = messages.text(.noEvents)
        lastUpdated = messages.text(.lastUpdated, ["date": formatter.dateTime(shipment.updatedAt, in: zone)])
    }

    static func milestones(_ status: ShipmentStatus, _ messages: MessageTable) -> ([Milestone], Bool) {
        let labels = [messages.text(.milestoneInfoReceived), messages.text(.milestoneInTransit),
                      messages.text(.milestoneOutForDelivery), messages.text(.milestoneDelivered)]
        let current: Int
        var stopped = false
        switch status {
        case .pending: current = -1
        case .returnedToSender, .expired: current = 1; stopped = true
        case .exception: current = 1; stopped = true
        default: current = status.progressRank - 1
        }
        let milestones = labels.enumerated().map { index, label in
            if index < current || (index == current && status == .delivered) {
                return Milestone(label: label, state: "done", stateLabel: messages.text(.milestoneDone), isCurrent: index == current)
            }
            if index == current { return Milestone(label: label, state: "current", stateLabel: messages.text(.milestoneCurrent), isCurrent: true) }
            return Milestone(label: label, state: "todo", stateLabel: nil, isCurrent: false)
        }
        return (milestones, stopped)
    }

    /// Where the parcel is going, for ETAs: the customer's zone, else the zone of the latest event's place.
    /// How customers know the carrier: its name (`UPS`, `Royal Mail`), else its id in capitals.
    static func carrierName(_ id: String) -> String {
        CarrierRegistry.adapter(id: id)?.displayName ?? id.replacingOccurrences(of: "_", with: " ").uppercased()
    }

    static func destinationZone(_ shipment: Shipment, _ events: [StoredEvent]) -> TimeZone {
        if let name = shipment.customer.timeZone, let zone = TimeZone(identifier: name) { return zone }
        for stored in events.reversed() {
            if let location = stored.event.location, let zone = ZoneResolver.zone(for: location) { return zone }
        }
        return TimeZone(identifier: "UTC")!
    }

    static func eventZone(_ event: CanonicalEvent?) -> TimeZone? {
        guard let event else { return nil }
        if let offset = event.utcOffset { return TimeZone(secondsFromGMT: offset.seconds) }
        return event.location.flatMap(ZoneResolver.zone(for:))
    }

    /// The event's time as the carrier's local clock showed it; a date-only event shows only the date.
    static func when(_ event: CanonicalEvent, formatter: CustomerDateFormatter, zone: TimeZone) -> (String, String) {
        if let local = event.localTime {
            let iso = local.description + (local.hasTime ? (event.utcOffset?.description ?? "") : "")
            return (formatter.local(local), iso)
        }
        if let instant = event.occurredAt {
            let eventZone = eventZone(event) ?? zone
            return (formatter.dateTime(instant, in: eventZone), Timestamp.utcString(instant))
        }
        return ("", "")
    }

    static func place(_ location: Location) -> String? {
        let parts = [location.city, location.region, location.country].compactMap { $0?.trimmed }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
