import Foundation
import WaybillCore

/// Reads an Australia Post tracking body into Waybill's result.
struct AustraliaPostParser {
    let adapter: AustraliaPostAdapter

    func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        var notices: [CarrierNotice] = []
        let response = try CarrierJSON.decode(AustraliaPostResponse.self, from: body, carrier: adapter.id, notices: &notices)
        if let legacy = response.queryTrackEvents {
            var result = self.legacy(legacy)
            result.notices = notices + result.notices
            return result
        }
        guard response.trackingResults != nil || response.errors != nil else {
            throw CarrierParseError(carrier: adapter.id, location: "", reason: "neither tracking_results, errors nor QueryTrackEventsResponse")
        }
        var result = CarrierParseResult(shipments: [], notices: notices + (response.errors ?? []).map { notice($0, trackingNumber: nil) })
        for (index, tracking) in (response.trackingResults ?? []).enumerated() {
            if let errors = tracking.errors, !errors.isEmpty {
                result.notices += errors.map { notice($0, trackingNumber: tracking.trackingID) }
                continue
            }
            var shipments: [ParsedShipment] = []
            for item in tracking.trackableItems ?? [] {
                shipments += self.shipments(item, trackingID: tracking.trackingID, path: "tracking_results[\(index)]",
                                            notices: &result.notices)
            }
            if shipments.isEmpty {
                result.notices.append(CarrierNotice(trackingNumber: tracking.trackingID, kind: .notFound, code: nil,
                                                    message: "Australia Post has no tracking events yet"))
            }
            result.shipments += shipments
        }
        return result
    }

    /// ESB-10001 "Invalid tracking ID" is also what a number not yet lodged gets: retry later.
    private func notice(_ error: AustraliaPostError, trackingNumber: String?) -> CarrierNotice {
        let code = error.code?.value
        let message = [error.name, error.message].compactMap { $0 }.joined(separator: ": ")
        return CarrierNotice(trackingNumber: trackingNumber, kind: code == "ESB-10001" ? .notFound : .error, code: code,
                             message: message.isEmpty ? "Australia Post error" : message)
    }

    /// An article is one shipment; a consignment is one per article, named by the consignment
    /// id when it holds a single article.
    private func shipments(_ item: AustraliaPostItem, trackingID: String, path: String,
                           notices: inout [CarrierNotice]) -> [ParsedShipment] {
        if let articles = item.items {
            let consignment = item.consignmentID ?? trackingID
            var shipments: [ParsedShipment] = []
            for article in articles {
                var shipment = self.article(article, fallbackNumber: consignment, path: path, notices: &notices)
                if articles.count == 1 {
                    if shipment.trackingNumber != consignment { shipment.alternateTrackingNumbers.append(shipment.trackingNumber) }
                    shipment.trackingNumber = consignment
                } else if shipment.trackingNumber != consignment {
                    shipment.alternateTrackingNumbers.append(consignment)
                }
                shipments.append(shipment)
            }
            return shipments
        }
        return [article(item, fallbackNumber: trackingID, path: path, notices: &notices)]
    }

    private func article(_ item: AustraliaPostItem, fallbackNumber: String, path: String,
                         notices: inout [CarrierNotice]) -> ParsedShipment {
        var parsed = ParsedShipment(carrier: adapter.id, trackingNumber: item.articleID ?? fallbackNumber, service: item.productType)
        // Australia Post lists events newest first.
        for (index, raw) in (item.events ?? []).enumerated().reversed() {
            append(description: raw.description, date: raw.date, location: raw.location, signer: nil,
                   path: "\(path).trackable_items.events[\(index)]", to: &parsed, notices: &notices)
        }
        return parsed
    }

    /// One event of either format: the date is ISO 8601 with the scan's offset, used as given.
    func append(description: String?, date dateText: String?, location: String?, signer: String?, path: String,
                to parsed: inout ParsedShipment, notices: inout [CarrierNotice]) {
        guard let dateText = CarrierText.clean(dateText) else {
            notices.append(.warning("event without a date; skipped", path: path, trackingNumber: parsed.trackingNumber))
            return
        }
        let place = Self.location(location)
        let time: ZoneResolver.Resolved
        if let (instant, offset) = Timestamp.parseLenient(dateText) {
            let local = LocalDateTime(instant: instant, offset: offset)
            let isUTC = dateText.hasSuffix("Z") || dateText.hasSuffix("z")
            time = isUTC ? ZoneResolver.resolve(local: local, utc: instant) : ZoneResolver.resolve(local: local, offset: offset)
        } else if let local = LocalDateTime(parsing: dateText) {
            time = ZoneResolver.resolve(local: local, location: place)
        } else {
            notices.append(.warning("not a date: \(dateText); event skipped", path: path, trackingNumber: parsed.trackingNumber))
            return
        }
        let text = CarrierText.clean(description)
        var event = CanonicalEvent(
            status: .pending, carrierCode: nil, carrierDescription: text,
            occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
            location: place)
        let entry = text.flatMap(AustraliaPostAdapter.entry(forDescription:))
        event.apply(entry, fallbackStatus: parsed.events.last?.status ?? .infoReceived)
        if event.status == .delivered, let signer = SignatoryName.name(in: signer) {
            event.signedBy = signer
            parsed.signedBy = signer
        }
        event.sequence = parsed.events.count
        parsed.events.append(event)
        if event.status == .delivered, let text, let dash = text.range(of: " - ") {
            parsed.deliveryLocation = String(text[dash.upperBound...]).trimmed
        }
    }

    /// Location values that name no place.
    static let notPlaces: Set<String> = ["TRANSIT SCAN"]

    static let states: Set<String> = ["NSW", "VIC", "QLD", "SA", "WA", "TAS", "NT", "ACT"]

    /// "KEW VIC", "OAKLEIGH SOUTH VIC", "CHICAGO (US)", "US-60199, UNITED STATES", "NZ".
    static func location(_ text: String?) -> Location? {
        guard let text = text?.trimmed, !text.isEmpty,
              !notPlaces.contains(text.uppercased()) else { return nil }
        var words = text.split(separator: " ").map(String.init)
        if let last = words.last, states.contains(last.uppercased()), words.count > 1 {
            words.removeLast()
            return Location(city: words.joined(separator: " "), region: last.uppercased(), country: "AU")
        }
        if let open = text.lastIndex(of: "("), text.hasSuffix(")"),
           let country = CountryNames.isoCode(String(text[text.index(after: open)..<text.index(before: text.endIndex)])) {
            return Location(city: text[..<open].trimmed, country: country)
        }
        if let comma = text.lastIndex(of: ","), let country = CountryNames.isoCode(String(text[text.index(after: comma)...])) {
            let head = text[..<comma].trimmed
            let postal = head.split(separator: "-").last.map(String.init).flatMap { $0.allSatisfy(\.isNumber) ? $0 : nil }
            return Location(city: postal == nil ? head : nil, postalCode: postal, country: country)
        }
        if let country = CountryNames.isoCode(text) { return Location(country: country) }
        return Location(city: text)
    }
}
