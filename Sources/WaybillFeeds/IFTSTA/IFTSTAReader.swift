import Foundation
import WaybillCarriers
import WaybillCore

/// Reads an EDIFACT IFTSTA interchange (D.01B–D.04A; standards.md §1.5) into shipments: one
/// per consignment number (CNI02), events from its STS groups. Bad segments are reported with
/// their number, tag and reason; everything readable is kept.
public enum IFTSTAReader {
    static let formatID = "iftsta"

    /// Throws only when `data` is not an EDIFACT interchange at all.
    public static func read(_ data: Data, fileName: String) throws(CarrierParseError) -> IFTSTARead {
        let tokens = EDIFACTTokenizer.tokenize(data)
        guard let first = tokens.segments.first, first.tag == "UNB" || first.tag == "UNH" else {
            throw CarrierParseError(carrier: formatID, location: "segment 1",
                                    reason: "not an EDIFACT interchange: expected UNA or UNB at the start")
        }
        var walker = IFTSTAWalker()
        if first.tag == "UNH" {
            walker.recordMissingUNB()
        }
        for segment in tokens.segments { walker.consume(segment) }
        walker.finish()
        let issues = (tokens.issues + walker.issues).sorted { $0.segment < $1.segment }
        let shipments = shipments(from: walker.consignments, sender: walker.sender)
        return IFTSTARead(result: CarrierParseResult(shipments: shipments),
                          report: IFTSTAReport(fileName: fileName, issues: issues, messageCount: walker.messageCount))
    }

    /// Merges consignments with the same number (across messages) into one shipment each, in
    /// order of first appearance.
    static func shipments(from consignments: [IFTSTAConsignmentDraft], sender: String?) -> [ParsedShipment] {
        var order: [String] = []
        var grouped: [String: [IFTSTAConsignmentDraft]] = [:]
        for consignment in consignments {
            guard let number = consignment.trackingNumber else { continue }
            if grouped[number] == nil { order.append(number) }
            grouped[number, default: []].append(consignment)
        }
        return order.map { number in shipment(number: number, consignments: grouped[number] ?? [], sender: sender) }
    }

    private static func shipment(number: String, consignments: [IFTSTAConsignmentDraft], sender: String?) -> ParsedShipment {
        var shipment = ParsedShipment(carrier: formatID, trackingNumber: number)
        var drafts: [IFTSTAStatusDraft] = []
        for consignment in consignments {
            for reference in consignment.references where reference.value != number && !shipment.references.contains(reference.value) {
                shipment.references.append(reference.value)
            }
            for id in consignment.packageIDs where id != number && !shipment.alternateTrackingNumbers.contains(id) {
                shipment.alternateTrackingNumbers.append(id)
            }
            drafts += consignment.statuses
        }
        var previous = ShipmentStatus.inTransit
        var events: [CanonicalEvent] = []
        for (index, draft) in ordered(drafts.map { ($0, resolvedEvent(from: $0)) }).enumerated() {
            var event = draft.1
            let entry = draft.0.code.flatMap { IFTSTAMapping.entry(code: $0, agency: draft.0.agency, sender: sender) }
            event.apply(entry, fallbackStatus: previous)
            event.sequence = index
            previous = event.status
            events.append(event)
        }
        shipment.events = events
        shipment.deliveredAt = events.last { $0.status == .delivered }?.occurredAt
        if let estimate = consignments.compactMap(\.estimate).last {
            let resolved = ZoneResolver.resolve(local: estimate.local, offset: estimate.offset, location: events.last?.location)
            shipment.estimatedDelivery = CarrierEstimate(earliest: CarrierTime(
                instant: resolved.occurredAt, local: resolved.localTime, offset: resolved.utcOffset, zoneSource: resolved.zoneSource))
        }
        return shipment
    }

    /// The event of one STS group, its time resolved: an offset from DTM 205/303/304 wins, else
    /// the zone of the event's place (LOC, else NAD), else the time stays local with no instant.
    private static func resolvedEvent(from draft: IFTSTAStatusDraft) -> CanonicalEvent {
        let location = draft.location ?? draft.partyLocation
        var event = CanonicalEvent(status: .inTransit, carrierCode: draft.code, carrierDescription: draft.text ?? draft.freeText,
                                   location: location)
        if let time = draft.time {
            let resolved = ZoneResolver.resolve(local: time.local, offset: time.offset, location: location)
            event.occurredAt = resolved.occurredAt
            event.localTime = resolved.localTime
            event.utcOffset = resolved.utcOffset
            event.zoneSource = resolved.zoneSource
        }
        return event
    }

    /// Oldest first. Sorted by instant (or local time where no instant is known) only when
    /// every event has a time; otherwise the file's order is the best chronology there is.
    private static func ordered(_ events: [(IFTSTAStatusDraft, CanonicalEvent)]) -> [(IFTSTAStatusDraft, CanonicalEvent)] {
        let keys = events.map { $0.1.occurredAt ?? $0.1.localTime.map { $0.instant(atOffset: UTCOffset(seconds: 0)) } }
        guard keys.allSatisfy({ $0 != nil }) else { return events }
        return events.indices.sorted { (keys[$0]!, $0) < (keys[$1]!, $1) }.map { events[$0] }
    }
}
