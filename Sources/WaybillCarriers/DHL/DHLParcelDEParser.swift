import Foundation
import WaybillCore

/// Reads DHL Parcel DE's piece-detail XML (`d-get-piece-detail`, carriers.md §9): nested
/// `<data name="...">` elements whose fields are all attributes. A `piece-shipment-list` holds
/// one `piece-shipment` per parcel, each with a `piece-event-list` of `piece-event`s, oldest
/// first.
///
/// Times are `dd.MM.yyyy HH:mm` without a zone, German local time (Europe/Berlin): in DHL's
/// sample the delivery in Bonn at "18.03.2016 10:02" is also the shipment's `status-timestamp`,
/// and every event is in Germany. They are resolved in Europe/Berlin whatever the event's
/// country, which is given as a name ("Germany").
struct DHLParcelDEParser {
    let adapter: DHLAdapter

    static let germany = Location(country: "DE")

    func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        let root = try XMLTree.parse(body, carrier: adapter.id)
        guard root.name == "data", root.attributes["name"] == "piece-shipment-list" else {
            throw CarrierParseError(carrier: adapter.id, location: root.path,
                                    reason: "expected <data name=\"piece-shipment-list\">, found <\(root.name) name=\"\(root.attributes["name"] ?? "")\">")
        }
        var result = CarrierParseResult(shipments: [])
        let pieces = root.children.filter { $0.attributes["name"] == "piece-shipment" }
        for piece in pieces {
            let number = Self.value(piece, "searched-piece-code") ?? Self.value(piece, "piece-code")
                ?? Self.value(piece, "piece-identifier")
            if let status = Self.value(piece, "error-status"), status != "0" {
                result.notices.append(CarrierNotice(trackingNumber: number, kind: .notFound, code: status,
                                                    message: Self.value(piece, "status") ?? "DHL has no data for this piece"))
                continue
            }
            guard let number else {
                result.notices.append(.warning("piece-shipment without a piece code; skipped", path: piece.path))
                continue
            }
            result.shipments.append(shipment(piece, number: number, notices: &result.notices))
        }
        // code 100: DHL has no data for the requested piece (yet).
        if pieces.isEmpty {
            let code = root.attributes["code"]
            result.notices.append(CarrierNotice(trackingNumber: nil, kind: code == "0" ? .error : .notFound, code: code,
                                                message: Self.value(root, "error") ?? "DHL returned no piece"))
        }
        return result
    }

    private func shipment(_ piece: XMLElementNode, number: String, notices: inout [CarrierNotice]) -> ParsedShipment {
        var parsed = ParsedShipment(carrier: adapter.id, trackingNumber: number, service: Self.value(piece, "product-name"))
        parsed.alternateTrackingNumbers = ["piece-code", "piece-identifier", "airway-bill-number"]
            .compactMap { Self.value(piece, $0) }.filter { $0 != number }.uniqued()
        parsed.references = ["piece-customer-reference", "shipment-customer-reference"].compactMap { Self.value(piece, $0) }
        let listed = piece.descendants("data").filter { $0.attributes["name"] == "piece-event" }
        // Without an event list the piece's own status is its one known event.
        let sources = listed.isEmpty ? [piece] : listed
        for node in sources {
            let timeKey = listed.isEmpty ? "status-timestamp" : "event-timestamp"
            guard let text = Self.value(node, timeKey) else { continue }
            guard let local = Self.localTime(text) else {
                notices.append(.warning("not a 'dd.MM.yyyy HH:mm' time: \(text); event skipped", path: node.path + "/@" + timeKey,
                                        trackingNumber: number))
                continue
            }
            var event = self.event(node, local: local, isPiece: listed.isEmpty)
            event.apply(event.carrierCode.flatMap(adapter.mapping.entry(for:)), fallbackStatus: parsed.events.last?.status ?? .infoReceived)
            DHLAdapter.refineDelivery(&event)
            event.sequence = parsed.events.count
            parsed.events.append(event)
        }
        // `recipient-name` is who took the parcel (with `recipient-id-text`, e.g. "different
        // person present"); `pan-recipient-name` is the addressee.
        if Self.value(piece, "delivery-event-flag") == "1",
           let signer = SignatoryName.name(in: Self.value(piece, "recipient-name")),
           let index = parsed.events.lastIndex(where: { $0.status == .delivered }) {
            parsed.events[index].signedBy = signer
            parsed.signedBy = signer
        }
        return parsed
    }

    private func event(_ node: XMLElementNode, local: LocalDateTime, isPiece: Bool) -> CanonicalEvent {
        let prefix = isPiece ? "" : "event-"
        let country = Self.value(node, prefix + "country").flatMap { CountryNames.isoCode($0) ?? Self.germanCountryNames[$0.lowercased()] }
        let place = Location(city: Self.value(node, "event-location"), country: country)
        let time = ZoneResolver.resolve(local: local, location: Self.germany)
        let text = Self.value(node, prefix + "status") ?? Self.value(node, "event-text") ?? Self.value(node, prefix + "short-status")
        return CanonicalEvent(
            status: .pending, carrierCode: Self.value(node, "ice") ?? Self.value(node, "standard-event-code"), carrierDescription: text,
            occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
            location: place.isEmpty ? nil : place)
    }

    /// `18.03.2016 10:02` (seconds allowed).
    static func localTime(_ text: String) -> LocalDateTime? {
        let parts = text.split(separator: " ", maxSplits: 1)
        let date = parts[0].split(separator: ".")
        guard date.count == 3, date[0].count == 2, date[1].count == 2, date[2].count == 4 else { return nil }
        let time = parts.count == 2 ? "T" + parts[1].trimmed : ""
        return LocalDateTime(parsing: "\(date[2])-\(date[1])-\(date[0])\(time)")
    }

    static func value(_ node: XMLElementNode, _ name: String) -> String? {
        CarrierText.clean(node.attributes[name])
    }

    /// The event country when DHL answers in German.
    static let germanCountryNames: [String: String] = [
        "deutschland": "DE", "österreich": "AT", "schweiz": "CH", "frankreich": "FR", "niederlande": "NL", "belgien": "BE",
        "polen": "PL", "italien": "IT", "spanien": "ES", "dänemark": "DK", "tschechien": "CZ", "luxemburg": "LU",
    ]
}

private extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
