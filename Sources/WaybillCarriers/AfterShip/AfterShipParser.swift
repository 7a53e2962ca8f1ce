import Foundation
import WaybillCore

/// AfterShip Tracking(s) → shipments. Checkpoints are oldest first; `checkpoint_time` is the
/// carrier's local time, with an offset only when the carrier gave one.
enum AfterShipParser {
    static func parse(_ body: AfterShipBody, notices: [CarrierNotice]) -> CarrierParseResult {
        var result = CarrierParseResult(shipments: [], notices: notices)
        if let meta = body.meta, let code = metaCode(meta.code), !(200..<300).contains(code) {
            // 4004 "Tracking does not exist": not (yet) known to AfterShip.
            let number = AfterShipText.clean(body.data?.tracking?.trackingNumber) ?? AfterShipText.clean(body.data?.trackingNumber)
            result.notices.append(CarrierNotice(
                trackingNumber: number, kind: code == 4004 ? .notFound : .error, code: String(code),
                message: AfterShipText.clean(meta.message) ?? AfterShipText.clean(meta.type) ?? "AfterShip error"))
            return result
        }
        var trackings: [(AfterShipTracking, String)] = []
        if let tracking = body.msg { trackings.append((tracking, "msg")) }
        if let tracking = body.data?.tracking { trackings.append((tracking, "data.tracking")) }
        for (index, tracking) in (body.data?.trackings ?? []).enumerated() { trackings.append((tracking, "data.trackings[\(index)]")) }
        if let data = body.data, let checkpoint = data.checkpoint {
            trackings.append((AfterShipTracking(trackingNumber: data.trackingNumber, slug: data.slug, tag: data.tag, subtag: data.subtag,
                                                checkpoints: [checkpoint]), "data"))
        }
        for (tracking, path) in trackings {
            guard let number = AfterShipText.clean(tracking.trackingNumber) else {
                result.notices.append(.warning("a tracking without its tracking number; skipped", path: path + ".tracking_number"))
                continue
            }
            result.shipments.append(shipment(tracking, trackingNumber: number, path: path, notices: &result.notices))
        }
        return result
    }

    static func metaCode(_ value: JSONValue?) -> Int? {
        switch value {
        case .number(let number)?: Int(exactly: number.rounded())
        case .string(let text)?: Int(text)
        default: nil
        }
    }

    static func shipment(_ tracking: AfterShipTracking, trackingNumber: String, path: String,
                         notices: inout [CarrierNotice]) -> ParsedShipment {
        let destination = AfterShipCountryCodes.alpha2(tracking.destinationCountryRegion ?? tracking.destinationCountry)
            .map { Location(country: $0) }
        var shipment = ParsedShipment(
            carrier: AfterShipText.clean(tracking.slug).map(AfterShipText.carrierID) ?? "aftership",
            trackingNumber: trackingNumber,
            service: AfterShipText.clean(tracking.shipmentType),
            estimatedDelivery: estimate(tracking, destination: destination),
            // On a return the delivery date is the parcel's arrival back with the sender.
            deliveredAt: tracking.returnToSender == true ? nil : AfterShipText.utcWithoutOffset(tracking.shipmentDeliveryDate),
            signedBy: SignatoryName.name(in: tracking.signedBy),
            references: [tracking.orderID, tracking.orderNumber].compactMap(AfterShipText.clean).reduce(into: []) { list, value in
                if !list.contains(value) { list.append(value) }
            },
            alternateTrackingNumbers: (tracking.nextCouriers ?? []).compactMap { AfterShipText.clean($0.trackingNumber) })
        for next in tracking.nextCouriers ?? [] {
            if let number = AfterShipText.clean(next.trackingNumber), let slug = AfterShipText.clean(next.slug) {
                shipment.alternateCarriers[number] = AfterShipText.carrierID(slug)
            }
        }
        let trackingTime = AfterShipText.latestInstant([tracking.updatedAt, tracking.lastUpdatedAt])
        var previous = ShipmentStatus.pending
        for (sequence, checkpoint) in (tracking.checkpoints ?? []).enumerated() {
            let reportedAt = [trackingTime, AfterShipText.latestInstant([checkpoint.createdAt])].compactMap { $0 }.max()
            let timePath = "\(path).checkpoints[\(sequence)].checkpoint_time"
            let event = self.event(checkpoint, sequence: sequence, fallback: previous, reportedAt: reportedAt) { warning in
                notices.append(.warning(warning, path: timePath, trackingNumber: trackingNumber))
            }
            previous = event.status
            shipment.events.append(event)
        }
        // AfterShip flags a return on the tracking, not on a checkpoint: the return leg's
        // "Delivered" is the parcel back with the sender.
        if tracking.returnToSender == true, let index = shipment.events.indices.last,
           shipment.events[index].status != .returnedToSender {
            let wasDelivered = shipment.events[index].status == .delivered
            shipment.events[index].status = .returnedToSender
            shipment.events[index].substatus = wasDelivered ? .returnedToSender : .returnInitiated
        }
        addDeliveryTheCheckpointsMiss(tracking, to: &shipment)
        if let signer = shipment.signedBy, let index = shipment.events.lastIndex(where: { $0.status == .delivered }) {
            shipment.events[index].signedBy = signer
        }
        return shipment
    }

    /// AfterShip's tag is evidence, not the last word, yet a tracking tagged Delivered (or
    /// with a delivery date) whose checkpoints never say so still was delivered: the tag
    /// becomes the delivery event, at the delivery date when there is one, so the shipment's
    /// status and its `delivered_at` agree.
    static func addDeliveryTheCheckpointsMiss(_ tracking: AfterShipTracking, to shipment: inout ParsedShipment) {
        let tag = AfterShipText.clean(tracking.tag)
        let subtag = AfterShipText.clean(tracking.subtag)
        let entry = subtag.flatMap(AfterShipAdapter.table.entry(for:)) ?? tag.flatMap(AfterShipAdapter.table.entry(for:))
        guard tracking.returnToSender != true, entry?.status == .delivered || shipment.deliveredAt != nil,
              !shipment.events.contains(where: { $0.status == .delivered }) else { return }
        var event = CanonicalEvent(status: .delivered, substatus: entry?.status == .delivered ? entry?.substatus : nil,
                                   carrierCode: subtag ?? tag, carrierDescription: AfterShipText.clean(tracking.subtagMessage),
                                   sequence: shipment.events.count)
        if let deliveredAt = shipment.deliveredAt {
            event.occurredAt = deliveredAt
            event.zoneSource = .carrierUTC
        }
        shipment.events.append(event)
    }

    static func event(_ checkpoint: AfterShipTracking.Checkpoint, sequence: Int, fallback: ShipmentStatus, reportedAt: Date?,
                      warn: (String) -> Void) -> CanonicalEvent {
        let city = AfterShipText.clean(checkpoint.city) ?? AfterShipText.clean(checkpoint.location)
        let location = Location(
            city: city, region: AfterShipText.clean(checkpoint.state),
            postalCode: AfterShipText.clean(checkpoint.postalCode) ?? AfterShipText.clean(checkpoint.zip),
            country: AfterShipCountryCodes.alpha2(checkpoint.countryRegion ?? checkpoint.countryISO3))
        let place = location.isEmpty ? nil : location
        var time = AfterShipText.resolve(checkpoint.checkpointTime, location: place)
        let choice = PlausibleTime.choose([time], reportedAt: reportedAt, wallClock: time.localTime)
        if !choice.isPlausible, let text = AfterShipText.clean(checkpoint.checkpointTime), let reportedAt {
            time = choice.reading
            warn("time '\(text)' is later than AfterShip's record of it (\(Timestamp.utcString(reportedAt))); instant unknown, local time kept")
        }
        let subtag = AfterShipText.clean(checkpoint.subtag)
        let tag = AfterShipText.clean(checkpoint.tag)
        var event = CanonicalEvent(
            status: fallback, carrierCode: subtag ?? tag, carrierDescription: checkpoint.message,
            occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
            location: place, sequence: sequence)
        let entry = subtag.flatMap(AfterShipAdapter.table.entry(for:)) ?? tag.flatMap(AfterShipAdapter.table.entry(for:))
        event.apply(entry, fallbackStatus: fallback)
        return event
    }

    /// The courier's estimate, else the expected delivery, else AfterShip's latest and own
    /// predictions; each a date, a local time or an instant.
    static func estimate(_ tracking: AfterShipTracking, destination: Location?) -> CarrierEstimate? {
        let candidates: [(JSONValue?, String, String?, String?)] = [
            (tracking.courierEstimatedDeliveryDate, "estimated_delivery_date", "estimated_delivery_date_min", "estimated_delivery_date_max"),
            (tracking.expectedDelivery, "datetime", "datetime_min", "datetime_max"),
            (tracking.latestEstimatedDelivery, "datetime", "datetime_min", "datetime_max"),
            (tracking.aftershipEstimatedDeliveryDate, "estimated_delivery_date", "estimated_delivery_date_min", "estimated_delivery_date_max"),
        ]
        for (value, single, min, max) in candidates {
            guard let value else { continue }
            if let text = value.stringValue, let time = AfterShipText.carrierTime(text, location: destination) {
                return CarrierEstimate(earliest: time)
            }
            let low = min.flatMap { value[$0]?.stringValue }.flatMap { AfterShipText.carrierTime($0, location: destination) }
            let high = max.flatMap { value[$0]?.stringValue }.flatMap { AfterShipText.carrierTime($0, location: destination) }
            if let exact = value[single]?.stringValue.flatMap({ AfterShipText.carrierTime($0, location: destination) }) {
                return CarrierEstimate(earliest: exact)
            }
            if let low { return CarrierEstimate(earliest: low, latest: high) }
            if let high { return CarrierEstimate(earliest: high) }
        }
        return nil
    }
}

enum AfterShipText {
    static func clean(_ text: String?) -> String? {
        guard let trimmed = text?.trimmed, !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// `2018-07-23T16:58:00+08:00` (carrier offset), `2018-07-23T16:58:00Z` (a UTC instant),
    /// `2018-07-23T16:58:00` (local, placed by location), `2018-07-23` (a date).
    static func resolve(_ text: String?, location: Location?) -> ZoneResolver.Resolved {
        guard let text = clean(text) else { return ZoneResolver.resolve(local: nil) }
        if let (instant, offset) = Timestamp.parseLenient(text) {
            if text.uppercased().hasSuffix("Z") { return ZoneResolver.resolve(local: nil, utc: instant, location: location) }
            return ZoneResolver.resolve(local: LocalDateTime(instant: instant, offset: offset), offset: offset, location: location)
        }
        return ZoneResolver.resolve(local: LocalDateTime(parsing: text), location: location)
    }

    static func carrierTime(_ text: String, location: Location?) -> CarrierTime? {
        let resolved = resolve(text, location: location)
        guard resolved.localTime != nil || resolved.occurredAt != nil else { return nil }
        return CarrierTime(instant: resolved.occurredAt, local: resolved.localTime, offset: resolved.utcOffset, zoneSource: resolved.zoneSource)
    }

    /// `shipment_delivery_date` has no offset but is UTC (it matches the delivered checkpoint's
    /// offset time converted to UTC); AfterShip documents it as such.
    static func utcWithoutOffset(_ text: String?) -> Date? {
        guard let text = clean(text) else { return nil }
        if let (instant, _) = Timestamp.parseLenient(text) { return instant }
        guard let local = LocalDateTime(parsing: text), local.hasTime else { return nil }
        return local.instant(atOffset: UTCOffset(seconds: 0))
    }

    /// The latest of AfterShip's own timestamps (`updated_at`, `created_at`), always with an offset.
    static func latestInstant(_ texts: [String?]) -> Date? {
        texts.compactMap { clean($0).flatMap(Timestamp.parseLenient)?.date }.max()
    }

    /// An AfterShip courier slug as a Waybill carrier id: the carrier that declares the slug
    /// (`CarrierAPI.aggregatorNames`), else the slug with underscores for dashes.
    static func carrierID(_ slug: String) -> String {
        CarrierRegistry.carrierID(named: slug, by: "aftership") ?? slug.lowercased().replacingOccurrences(of: "-", with: "_")
    }
}
