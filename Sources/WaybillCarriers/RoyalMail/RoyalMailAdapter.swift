import Foundation
import WaybillCore

/// Royal Mail Tracking API v2 (`/mailpieces/v2`, JSON, carriers.md §15). Times carry their
/// offset; location names are free text (a delivery office), kept as the city.
public struct RoyalMailAdapter: PayloadFormat {
    public let id = "royal_mail"
    public let displayName = "Royal Mail"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        var notices: [CarrierNotice] = []
        let response = try CarrierJSON.decode(RoyalMailResponse.self, from: body, carrier: id, notices: &notices)
        guard let pieces = response.mailPieces else {
            guard response.httpCode != nil || response.errors != nil else {
                throw CarrierParseError(carrier: id, location: "mailPieces", reason: "missing field mailPieces")
            }
            let failure = response.errors?.first
            return CarrierParseResult(shipments: [], notices: notices + [notice(failure, number: nil, httpCode: response.httpCode,
                                                                                fallback: response.httpMessage)])
        }
        var result = CarrierParseResult(shipments: [], notices: notices)
        for (index, piece) in pieces.enumerated() {
            let number = CarrierFields.text(piece.mailPieceId) ?? CarrierFields.text(piece.summary?.oneDBarcode)
            if let failure = piece.error {
                result.notices.append(notice(failure, number: number, httpCode: nil, fallback: nil))
                // An error beside a summary or events (seen: E1142 "not recognised" with a full
                // summary) does not erase what the item says: both are kept.
                let hasData = !(piece.events ?? []).isEmpty || CarrierFields.text(piece.summary?.lastEventCode) != nil
                guard hasData else { continue }
            }
            guard let number else {
                throw CarrierParseError(carrier: id, location: "mailPieces[\(index)]", reason: "mail piece without mailPieceId")
            }
            result.shipments.append(try shipment(piece, number: number, path: "mailPieces[\(index)]"))
        }
        return result
    }

    private func shipment(_ piece: RoyalMailResponse.MailPiece, number: String, path: String) throws(CarrierParseError) -> ParsedShipment {
        let summary = piece.summary
        var raw = (piece.events ?? []).enumerated().map { ($0.offset, $0.element) }
        if raw.isEmpty, let summary, let code = CarrierFields.text(summary.lastEventCode) {
            raw = [(0, RoyalMailResponse.Event(eventCode: code, eventName: summary.lastEventName,
                                               eventDateTime: summary.lastEventDateTime, locationName: summary.lastEventLocationName))]
        }
        // A domestic item's scans all happen in the UK; an international item's location names
        // do not say which country they are in.
        let isDomestic = summary?.productCategory == "NON-INTERNATIONAL"
            || (summary?.originCountryCode == "GBR" && summary?.destinationCountryCode == "GBR")
        var parsed: [(event: RoyalMailResponse.Event, location: Location?, time: ZoneResolver.Resolved)] = []
        for (index, item) in raw {
            let location = CarrierFields.location(city: item.locationName, country: isDomestic ? "GB" : nil)
            parsed.append((item, location, try time(item.eventDateTime, location: location,
                                                    path: "\(path).events[\(index)].eventDateTime")))
        }
        // Royal Mail lists the latest event first; keep the list as given only when its
        // instants show it is already oldest first.
        let instants = parsed.compactMap(\.time.occurredAt)
        let isOldestFirst = instants.count > 1 && instants[0] < instants[instants.count - 1]
        if !isOldestFirst { parsed.reverse() }
        var events: [CanonicalEvent] = []
        for (position, item) in parsed.enumerated() {
            var event = CanonicalEvent(
                status: .pending, carrierCode: item.event.eventCode, carrierDescription: item.event.eventName,
                occurredAt: item.time.occurredAt, localTime: item.time.localTime, utcOffset: item.time.utcOffset,
                zoneSource: item.time.zoneSource, location: item.location, sequence: position)
            var entry = mapping.entry(for: item.event.eventCode)
            let isLatest = position == parsed.count - 1 && item.event.eventCode == summary?.lastEventCode
            if entry == nil, isLatest, let category = CarrierFields.text(summary?.statusCategory) {
                entry = mapping.entry(for: category)
            }
            event.apply(entry, fallbackStatus: events.last?.status ?? .infoReceived)
            events.append(event)
        }
        let signature = piece.signature
        let alternates = [summary?.oneDBarcode, summary?.uniqueItemId].compactMap { CarrierFields.text($0) }
            .filter { $0 != number }
        return ParsedShipment(
            carrier: id, trackingNumber: number, service: CarrierFields.text(summary?.productName),
            estimatedDelivery: estimate(piece.estimatedDelivery), signedBy: SignatoryName.name(in: signature?.recipientName),
            proofOfDelivery: CarrierFields.text(signature?.imageId).map { ["signature:\($0)"] } ?? [],
            alternateTrackingNumbers: alternates.enumerated().filter { !alternates[..<$0.offset].contains($0.element) }.map(\.element),
            events: events)
    }

    private func time(_ text: String?, location: Location?, path: String) throws(CarrierParseError) -> ZoneResolver.Resolved {
        guard let text = CarrierFields.text(text) else {
            return ZoneResolver.Resolved(occurredAt: nil, localTime: nil, utcOffset: nil, zoneSource: .unknown)
        }
        guard let resolved = ISOCarrierTime.resolve(text, location: location) else {
            throw CarrierParseError(carrier: id, location: path, reason: "unreadable time '\(text)'")
        }
        return resolved
    }

    /// `date` with an optional window given as `HH:MM:SS+01:00` times of that date.
    private func estimate(_ estimate: RoyalMailResponse.EstimatedDelivery?) -> CarrierEstimate? {
        guard let date = CarrierFields.text(estimate?.date) else { return nil }
        func at(_ time: String?) -> CarrierTime? {
            CarrierFields.text(time).flatMap { ISOCarrierTime.carrierTime("\(date)T\($0)") }
        }
        if let start = at(estimate?.startOfEstimatedWindow) {
            return CarrierEstimate(earliest: start, latest: at(estimate?.endOfEstimatedWindow))
        }
        return ISOCarrierTime.carrierTime(date).map { CarrierEstimate(earliest: $0) }
    }

    private func notice(_ failure: RoyalMailResponse.Failure?, number: String?, httpCode: String?, fallback: String?) -> CarrierNotice {
        let code = failure?.errorCode ?? httpCode
        // An HTTP 404 answer means the number is not (yet) known; anything else is an error.
        let kind: CarrierNotice.Kind = httpCode == "404" ? .notFound : .error
        let message = failure?.errorDescription ?? failure?.errorCause ?? fallback ?? "Royal Mail error"
        return CarrierNotice(trackingNumber: number, kind: kind, code: code, message: message)
    }

    public func sniff(_ body: Data) -> Double {
        if CarrierFields.contains(body, "\"mailPieces\"") { return 0.95 }
        if CarrierFields.contains(body, "\"httpCode\"", "\"errors\"", "\"errorResolution\"") { return 0.6 }
        return 0
    }
}
