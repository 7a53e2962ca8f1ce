import Foundation
import WaybillCore

/// EasyPost Tracker(s) → shipments. `tracking_details` are oldest first.
enum EasyPostParser {
    static func parse(_ body: EasyPostBody, notices: [CarrierNotice]) -> CarrierParseResult {
        var result = CarrierParseResult(shipments: [], notices: notices)
        if let error = body.error {
            let code = EasyPostText.clean(error.code)
            result.notices.append(CarrierNotice(trackingNumber: nil, kind: code?.uppercased().contains("NOT_FOUND") == true ? .notFound : .error,
                                                code: code, message: EasyPostText.clean(error.message) ?? "EasyPost error"))
        }
        // An Event envelope was written when EasyPost sent it: no scan it carries can be later.
        let envelopeTime = body.tracker == nil ? EasyPostTime.latest([body.createdAt, body.updatedAt]) : nil
        var trackers: [(EasyPostTracker, String)] = []
        if let tracker = body.tracker { trackers.append((tracker, "")) }
        if let tracker = body.result { trackers.append((tracker, "result.")) }
        for (index, tracker) in (body.trackers ?? []).enumerated() { trackers.append((tracker, "trackers[\(index)].")) }
        for (tracker, path) in trackers where tracker.object == nil || tracker.object == "Tracker" {
            add(tracker, path: path, envelopeTime: envelopeTime, to: &result)
        }
        return result
    }

    static func add(_ tracker: EasyPostTracker, path: String, envelopeTime: Date?, to result: inout CarrierParseResult) {
        guard let number = EasyPostText.clean(tracker.trackingCode) else {
            result.notices.append(.warning("a Tracker without its tracking code; skipped", path: path + "tracking_code"))
            return
        }
        let details = tracker.trackingDetails ?? []
        let status = EasyPostText.clean(tracker.status)?.lowercased()
        if details.isEmpty, status == "unknown" || status == "error" {
            result.notices.append(CarrierNotice(
                trackingNumber: number, kind: status == "error" ? .error : .notFound, code: status,
                message: status == "error" ? "EasyPost could not track this number with the carrier" : "No tracking information yet"))
            return
        }
        let destination = EasyPostText.location(tracker.carrierDetail?.destinationTrackingLocation)
        var shipment = ParsedShipment(
            carrier: EasyPostText.carrierID(tracker.carrier), trackingNumber: number,
            service: EasyPostText.clean(tracker.carrierDetail?.service),
            estimatedDelivery: estimate(tracker, destination: destination),
            signedBy: SignatoryName.name(in: tracker.signedBy),
            alternateTrackingNumbers: [EasyPostText.clean(tracker.carrierDetail?.alternateIdentifier)].compactMap { $0 })
        let reportedAt = EasyPostTime.latest([tracker.createdAt, tracker.updatedAt], and: envelopeTime)
        var previous = ShipmentStatus.pending
        for (sequence, detail) in details.enumerated() {
            let location = EasyPostText.location(detail.trackingLocation)
            let time = EasyPostTime.resolve(detail.datetime, location: location, reportedAt: reportedAt)
            if let warning = time.warning {
                result.notices.append(.warning(warning, path: path + "tracking_details[\(sequence)].datetime", trackingNumber: number))
            }
            let event = self.event(detail, time: time.reading, location: location, sequence: sequence, fallback: previous)
            previous = event.status
            shipment.events.append(event)
        }
        if let signer = shipment.signedBy, let index = shipment.events.lastIndex(where: { $0.status == .delivered }) {
            shipment.events[index].signedBy = signer
            shipment.events[index].substatus = shipment.events[index].substatus ?? .deliveredSigned
        }
        result.shipments.append(shipment)
    }

    static func event(_ detail: EasyPostTracker.Detail, time: ZoneResolver.Resolved, location: Location?, sequence: Int,
                      fallback: ShipmentStatus) -> CanonicalEvent {
        let code = EasyPostText.clean(detail.status)
        var event = CanonicalEvent(
            status: fallback, carrierCode: code, carrierDescription: EasyPostText.clean(detail.message) ?? EasyPostText.clean(detail.description),
            occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
            location: location, sequence: sequence)
        event.apply(code.flatMap(EasyPostAdapter.table.entry(for:)), fallbackStatus: fallback)
        // A detail refines a moving or failing parcel; "delivered" with "arrived_at_destination"
        // stays plain delivered.
        if event.substatus != .unmapped, event.status != .delivered, event.status != .pending,
           let refinement = EasyPostText.clean(detail.statusDetail).flatMap({ EasyPostAdapter.detailRefinements[$0.lowercased()] }) {
            let overridable: Set<ShipmentStatus> = [.inTransit, .outForDelivery, .attemptFailed, .exception]
            if let status = refinement.status, overridable.contains(event.status) { event.status = status }
            event.substatus = refinement.substatus ?? event.substatus
            event.reason = refinement.reason ?? event.reason
            event.actionRequired = event.actionRequired || refinement.action
        }
        return event
    }

    /// The carrier's local estimate (`est_delivery_date_local` and `_time_local`) at the
    /// destination, else the date of `est_delivery_date` (EasyPost sends dates there as midnight).
    static func estimate(_ tracker: EasyPostTracker, destination: Location?) -> CarrierEstimate? {
        let detail = tracker.carrierDetail
        var local = EasyPostText.clean(detail?.estDeliveryDateLocal).flatMap(LocalDateTime.init(parsing:))?.date
        if let date = local, let time = EasyPostText.clean(detail?.estDeliveryTimeLocal),
           let withTime = LocalDateTime(parsing: "\(date)T\(time)") {
            local = withTime
        }
        if local == nil { local = EasyPostText.wallClock(tracker.estDeliveryDate)?.date }
        guard let local else { return nil }
        let resolved = ZoneResolver.resolve(local: local, location: destination)
        return CarrierEstimate(earliest: CarrierTime(instant: resolved.occurredAt, local: local, offset: resolved.utcOffset,
                                                     zoneSource: resolved.zoneSource))
    }
}

enum EasyPostText {
    static func clean(_ text: String?) -> String? {
        guard let trimmed = text?.trimmed, !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// The digits of `2014-08-24T15:33:00Z` without the `Z`.
    static func wallClock(_ text: String?) -> LocalDateTime? {
        guard var text = clean(text) else { return nil }
        if text.hasSuffix("Z") || text.hasSuffix("z") { text.removeLast() }
        return LocalDateTime(parsing: text)
    }

    static func location(_ location: EasyPostTracker.TrackingLocation?) -> Location? {
        guard let location else { return nil }
        let state = clean(location.state)?.uppercased()
        var country = clean(location.country)?.uppercased()
        if let value = country, value.count != 2 { country = value == "UNITED STATES" || value == "USA" ? "US" : nil }
        // US carriers leave the country empty at home.
        if country == nil, let state, USPSText.usStates.contains(state) { country = "US" }
        let result = Location(city: clean(location.city), region: state, postalCode: clean(location.zip), country: country)
        return result.isEmpty ? nil : result
    }

    /// An EasyPost carrier name as a Waybill carrier id: the carrier that declares the name
    /// (`CarrierAPI.aggregatorNames`), else the name in lower case.
    static func carrierID(_ carrier: String?) -> String {
        guard let carrier = clean(carrier) else { return "easypost" }
        return CarrierRegistry.carrierID(named: carrier, by: "easypost") ?? carrier.lowercased()
    }
}
