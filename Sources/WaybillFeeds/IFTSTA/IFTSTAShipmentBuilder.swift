import Foundation
import WaybillCarriers
import WaybillCore

/// Turns the consignments read from an interchange into shipments: merges consignments with
/// the same number, reads identical status blocks once, maps each status, and sets the
/// signatory, delivery time and estimate.
enum IFTSTAShipmentBuilder {
    private struct Item {
        var draft: IFTSTAStatusDraft
        var event: CanonicalEvent
        var sender: String?
    }

    /// One shipment per consignment number, in order of first appearance.
    static func shipments(from consignments: [IFTSTAConsignmentDraft]) -> [ParsedShipment] {
        var order: [String] = []
        var grouped: [String: [IFTSTAConsignmentDraft]] = [:]
        for consignment in consignments {
            guard let number = consignment.trackingNumber else { continue }
            if grouped[number] == nil { order.append(number) }
            grouped[number, default: []].append(consignment)
        }
        return order.map { number in shipment(number: number, consignments: grouped[number] ?? []) }
    }

    private static func shipment(number: String, consignments: [IFTSTAConsignmentDraft]) -> ParsedShipment {
        var shipment = ParsedShipment(carrier: IFTSTAReader.formatID, trackingNumber: number)
        var resolved: [Item] = []
        for consignment in consignments {
            for reference in consignment.references where reference.value != number {
                if IFTSTAReference.isParcel(reference.qualifier) {
                    if !shipment.alternateTrackingNumbers.contains(reference.value) { shipment.alternateTrackingNumbers.append(reference.value) }
                } else if !shipment.references.contains(reference.value) {
                    shipment.references.append(reference.value)
                }
            }
            for id in consignment.packageIDs where id != number && !shipment.alternateTrackingNumbers.contains(id) {
                shipment.alternateTrackingNumbers.append(id)
            }
            for draft in consignment.statuses {
                let event = resolvedEvent(from: draft, partyCountry: consignment.partyCountry)
                // The same status block sent twice (a resent message, a second interchange) is
                // one event: same code, words, time and place.
                if resolved.contains(where: { $0.draft.carrierCode == draft.carrierCode && $0.event == event }) { continue }
                resolved.append(Item(draft: draft, event: event, sender: consignment.sender))
            }
        }
        var previous = ShipmentStatus.inTransit
        var events: [CanonicalEvent] = []
        for (index, item) in ordered(resolved).enumerated() {
            var event = item.event
            let entry = IFTSTAMapping.entry(codes: item.draft.codes, agency: item.draft.agency, sender: item.sender)
            event.apply(entry, fallbackStatus: previous)
            if event.substatus == .unmapped, item.draft.signatory != nil {
                // NAD+AP is the accepting party (3035): someone took the goods, so an unknown
                // code reports their acceptance (Emons 681/360, Kuehne+Nagel 600).
                event.status = .delivered
                event.substatus = .deliveredSigned
            }
            if event.status == .delivered, let name = item.draft.signatory.flatMap(SignatoryName.cleaned) {
                event.signedBy = name
            }
            event.sequence = index
            previous = event.status
            events.append(event)
        }
        shipment.events = events
        let lastDelivered = events.last { $0.status == .delivered }
        shipment.deliveredAt = lastDelivered?.occurredAt
        shipment.signedBy = lastDelivered?.signedBy
        shipment.estimatedDelivery = estimate(consignments.map(\.estimate), location: events.last?.location)
        return shipment
    }

    /// The delivery date to come: the latest consignment's delivery estimate, else its window,
    /// else the estimated arrival of the means of transport.
    private static func estimate(_ estimates: [IFTSTAEstimate], location: Location?) -> CarrierEstimate? {
        func time(_ date: EDIFACTDate?) -> CarrierTime? {
            guard let date else { return nil }
            let resolved = ZoneResolver.resolve(local: date.local, offset: date.offset, location: location)
            return CarrierTime(instant: resolved.occurredAt, local: resolved.localTime, offset: resolved.utcOffset,
                               zoneSource: resolved.zoneSource)
        }
        for estimate in estimates.reversed() {
            if let delivery = time(estimate.delivery) { return CarrierEstimate(earliest: delivery) }
            if let earliest = time(estimate.earliest ?? estimate.latest) {
                return CarrierEstimate(earliest: earliest, latest: estimate.earliest == nil ? nil : time(estimate.latest))
            }
        }
        for estimate in estimates.reversed() {
            if let arrival = time(estimate.arrival) { return CarrierEstimate(earliest: arrival) }
        }
        return nil
    }

    /// The event of one STS group, its time resolved: an offset from DTM 205/303/304 wins, else
    /// the zone of the event's place (LOC, else NAD); a place without a country, or no place,
    /// takes the one country the message's parties name (a domestic forwarder's consignment
    /// happens in that country); else the time stays local with no instant.
    private static func resolvedEvent(from draft: IFTSTAStatusDraft, partyCountry: String?) -> CanonicalEvent {
        let location = draft.location ?? draft.partyLocation
        var event = CanonicalEvent(status: .inTransit, carrierCode: draft.carrierCode, carrierDescription: draft.description,
                                   location: location)
        if let time = draft.time {
            var place = location ?? Location()
            if place.country == nil { place.country = partyCountry }
            let resolved = ZoneResolver.resolve(local: time.local, offset: time.offset, location: place.isEmpty ? nil : place)
            event.occurredAt = resolved.occurredAt
            event.localTime = resolved.localTime
            event.utcOffset = resolved.utcOffset
            event.zoneSource = resolved.zoneSource
        }
        return event
    }

    /// Oldest first. Sorted by instant (or local time where no instant is known) only when
    /// every event has a time; otherwise the file's order is the best chronology there is.
    private static func ordered(_ items: [Item]) -> [Item] {
        let keys = items.map { $0.event.occurredAt ?? $0.event.localTime.map { $0.instant(atOffset: UTCOffset(seconds: 0)) } }
        guard keys.allSatisfy({ $0 != nil }) else { return items }
        return items.indices.sorted { (keys[$0]!, $0) < (keys[$1]!, $1) }.map { items[$0] }
    }
}

/// A signatory as a name, or nothing: carriers put placeholders where no one signed.
enum SignatoryName {
    static let placeholders: Set<String> = ["N/A", "NA", "NONE", "UNKNOWN", "-", ".", "SIGNATURE NOT REQUIRED",
                                            "SIGNATURE WAIVED", "NO SIGNATURE", "NOT REQUIRED", "DRIVER RELEASE"]

    static func cleaned(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains(where: \.isLetter), !placeholders.contains(trimmed.uppercased()) else { return nil }
        return trimmed
    }
}
