import Foundation
import WaybillCore

/// Reads a Get Tracking Details `tracking-detail` document (or a `messages` error) into
/// Waybill's result. Both may sit inside a wrapper element (karrio adds one). Events whose
/// zone cannot be known keep their local time without an instant, with a warning.
struct CanadaPostParser {
    let adapter: CanadaPostAdapter

    func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        let root = try XMLTree.parse(body, carrier: adapter.id)
        let candidates = [root] + root.children
        if let detail = candidates.first(where: { $0.name == "tracking-detail" }) {
            var notices: [CarrierNotice] = []
            let shipment = try shipment(detail, notices: &notices)
            let unplaced = shipment.events.filter { $0.occurredAt == nil }.count
            if unplaced > 0 {
                notices.append(.warning("\(unplaced) of \(shipment.events.count) events have no time zone and no Canadian province: "
                                        + "local times kept without an instant", path: detail.path + "/significant-events",
                                        trackingNumber: shipment.trackingNumber))
            }
            return CarrierParseResult(shipments: [shipment], notices: notices)
        }
        if let messages = candidates.first(where: { $0.name == "messages" }) {
            return CarrierParseResult(shipments: [], notices: messages.children("message").map(notice))
        }
        throw CarrierParseError(carrier: adapter.id, location: root.path, reason: "expected tracking-detail or messages, found \(root.name)")
    }

    /// "004 No Pin History": Canada Post does not know the PIN yet. The PIN is in the request
    /// URL, not in the body.
    private func notice(_ message: XMLElementNode) -> CarrierNotice {
        let code = message.text("code")
        return CarrierNotice(trackingNumber: nil, kind: code == "004" ? .notFound : .error, code: code,
                             message: message.text("description") ?? "Canada Post error without a description")
    }

    private func shipment(_ detail: XMLElementNode, notices: inout [CarrierNotice]) throws(CarrierParseError) -> ParsedShipment {
        guard let pin = detail.text("pin") ?? detail.text("dnc") else {
            throw CarrierParseError(carrier: adapter.id, location: detail.path, reason: "tracking-detail without a pin")
        }
        var parsed = ParsedShipment(carrier: adapter.id, trackingNumber: pin)
        parsed.service = detail.text("service-name")
        parsed.references = [detail.text("customer-ref-1"), detail.text("customer-ref-2")].compactMap { $0 }
        parsed.alternateTrackingNumbers = [detail.text("return-pin"), detail.text("original-pin")].compactMap { $0 }
        let expected = detail.text("changed-expected-date") ?? detail.text("expected-delivery-date")
        if let expected, let date = LocalDateTime(parsing: expected), !date.hasTime {
            parsed.estimatedDelivery = CarrierEstimate(earliest: CarrierTime(instant: nil, local: date, offset: nil, zoneSource: .unknown))
        }
        // Canada Post lists events newest first.
        let occurrences = detail.child("significant-events")?.children("occurrence") ?? []
        for node in occurrences.reversed() {
            guard var event = event(node, number: pin, notices: &notices) else { continue }
            let fallback = parsed.events.last?.status ?? .infoReceived
            let entry = event.carrierCode.flatMap(CanadaPostAdapter.entry(for:))
            event.apply(entry, fallbackStatus: fallback)
            if event.isInformational { event.status = fallback }
            event.sequence = parsed.events.count
            parsed.events.append(event)
        }
        attachSignatures(&parsed)
        // The image itself is behind a separate call ("Get Signature Image").
        if detail.text("signature-image-exists")?.lowercased() == "true" {
            parsed.proofOfDelivery = ["/vis/track/pin/\(pin)/signature"]
        }
        return parsed
    }

    /// The signature of a delivery is reported as a separate "signature image recorded" event
    /// at the same minute; the delivery takes its signer.
    private func attachSignatures(_ parsed: inout ParsedShipment) {
        let signatures = parsed.events.filter { $0.isInformational && $0.signedBy != nil }
        for index in parsed.events.indices where parsed.events[index].status == .delivered && !parsed.events[index].isInformational {
            if parsed.events[index].signedBy == nil {
                parsed.events[index].signedBy = signatures.first { $0.localTime == parsed.events[index].localTime }?.signedBy
            }
        }
        let deliveredSigner = parsed.events.last { $0.status == .delivered && !$0.isInformational && $0.signedBy != nil }?.signedBy
        parsed.signedBy = deliveredSigner ?? signatures.last?.signedBy
    }

    private func event(_ node: XMLElementNode, number: String, notices: inout [CarrierNotice]) -> CanonicalEvent? {
        guard let dateText = node.text("event-date"), let date = LocalDateTime(parsing: dateText) else {
            notices.append(.warning("occurrence without a valid event-date; skipped", path: node.path, trackingNumber: number))
            return nil
        }
        var local = date
        let zone = node.text("event-time-zone")
        // Scans of foreign posts come as 00:00:00 with no zone (every event of a real
        // international capture): a date, not midnight.
        if let timeText = node.text("event-time"), !(timeText == "00:00:00" && zone == nil) {
            if let withTime = LocalDateTime(parsing: "\(dateText)T\(timeText)") {
                local = withTime
            } else {
                notices.append(.warning("not a time: \(timeText); the date alone is kept", path: node.path + "/event-time",
                                        trackingNumber: number))
            }
        }
        let place = location(site: node.text("event-site"), province: node.text("event-province"))
        let time = CanadaPostTimeZones.resolve(local: local, abbreviation: zone, location: place)
        var event = CanonicalEvent(
            status: .pending, carrierCode: node.text("event-identifier"), carrierDescription: node.text("event-description"),
            occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
            location: place)
        event.signedBy = node.text("signatory-name").flatMap { SignatoryName.name(in: $0) }
        return event
    }

    /// Domestic scans: site + province ("QUEBEC", "QC"). International ones: "ILTLVA,Israel",
    /// "02650,Israel" with no province.
    func location(site: String?, province: String?) -> Location? {
        var city = site
        var country: String?
        var postal: String?
        if let site, let comma = site.lastIndex(of: ",") {
            let tail = String(site[site.index(after: comma)...])
            if let code = CountryNames.isoCode(tail) {
                country = code
                let head = site[..<comma].trimmed
                if head.allSatisfy(\.isNumber) { postal = head; city = nil } else { city = head }
            }
        }
        let region = province?.uppercased()
        if country == nil, let region, Self.provinces.contains(region) { country = "CA" }
        let location = Location(city: city?.isEmpty == false ? city : nil, region: region, postalCode: postal, country: country)
        return location.isEmpty ? nil : location
    }

    static let provinces: Set<String> = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]
}
