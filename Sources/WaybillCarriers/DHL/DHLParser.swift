import Foundation
import WaybillCore

/// Reads a DHL Unified body into Waybill's result.
struct DHLParser {
    let adapter: DHLAdapter

    func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        if body.first(where: { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "<") {
            return try DHLParcelDEParser(adapter: adapter).parse(body)
        }
        var notices: [CarrierNotice] = []
        let response = try CarrierJSON.decode(DHLResponse.self, from: body, carrier: adapter.id, notices: &notices)
        if let shipments = response.shipments {
            return CarrierParseResult(shipments: shipments.map(shipment), notices: notices)
        }
        guard response.title != nil || response.status != nil else {
            throw CarrierParseError(carrier: adapter.id, location: "", reason: "neither shipments nor a problem document")
        }
        return CarrierParseResult(shipments: [], notices: notices + [notice(response)])
    }

    /// A problem document: 404 means DHL does not know the number (yet); anything else is an error.
    private func notice(_ problem: DHLResponse) -> CarrierNotice {
        let code = problem.status?.value
        let number = problem.instance.flatMap(trackingNumber(inInstance:))
        let message = [problem.title, problem.detail].compactMap { $0 }.joined(separator: ": ")
        return CarrierNotice(trackingNumber: number, kind: code == "404" ? .notFound : .error, code: code,
                             message: message.isEmpty ? "DHL returned a problem without a title" : message)
    }

    /// The number in a problem's `instance`: `/shipment/8264715546` or `...?trackingNumber=...`.
    private func trackingNumber(inInstance instance: String) -> String? {
        if let components = URLComponents(string: instance),
           let value = components.queryItems?.first(where: { $0.name == "trackingNumber" })?.value, !value.isEmpty {
            return value
        }
        let path = instance.split(separator: "?").first.map(String.init) ?? instance
        guard let last = path.split(separator: "/").last, last.contains(where: \.isNumber) else { return nil }
        return String(last)
    }

    private func shipment(_ shipment: DHLShipment) -> ParsedShipment {
        // DHL lists events newest first; an event-less shipment still has its current status.
        let listed = shipment.events ?? []
        let raw = listed.isEmpty ? (shipment.status.map { [$0] } ?? []) : listed.reversed()
        var events: [CanonicalEvent] = []
        for item in raw {
            events.append(event(item, previous: events.last?.status))
        }
        var parsed = ParsedShipment(carrier: adapter.id, trackingNumber: shipment.id.value, events: events)
        let details = shipment.details
        parsed.service = details?.product?.productName ?? shipment.service
        let destination = location(shipment.destination?.address)
        if let frame = shipment.estimatedDeliveryTimeFrame, let earliest = DHLTime.estimate(frame.estimatedFrom, location: destination) {
            var latest = DHLTime.estimate(frame.estimatedThrough, location: destination)
            // "From midnight to 22:00 on the same day" is DHL's way of saying "that day".
            if earliest.instant == nil, let end = latest?.local, let start = earliest.local, end.date == start { latest = nil }
            parsed.estimatedDelivery = CarrierEstimate(earliest: earliest, latest: latest)
        } else if let single = DHLTime.estimate(shipment.estimatedTimeOfDelivery, location: destination) {
            parsed.estimatedDelivery = CarrierEstimate(earliest: single)
        }
        if let pod = details?.proofOfDelivery {
            parsed.signedBy = SignatoryName.name(in: pod.signed?.fullName)
            parsed.proofOfDelivery = [pod.documentUrl, pod.signatureUrl].compactMap { $0 }.filter { !$0.isEmpty }
        }
        parsed.references = details?.references?.values.compactMap { $0.number?.value } ?? []
        parsed.alternateTrackingNumbers = details?.pieceIds ?? []
        if let signer = parsed.signedBy, let index = parsed.events.lastIndex(where: { $0.status == .delivered }) {
            parsed.events[index].signedBy = signer
        }
        for index in parsed.events.indices { parsed.events[index].sequence = index }
        return parsed
    }

    private func event(_ item: DHLEvent, previous: ShipmentStatus?) -> CanonicalEvent {
        let place = location(item.location?.address)
        let time = DHLTime.resolve(item.timestamp, location: place)
        var event = CanonicalEvent(
            status: .pending, carrierCode: item.statusCode, carrierDescription: Self.text(status: item.status, description: item.description),
            occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
            location: place)
        let fallback = previous ?? .infoReceived
        DHLAdapter.apply(item.statusCode.flatMap(adapter.mapping.entry(for:)), to: &event, fallbackStatus: fallback)
        return event
    }

    /// "status: description", or whichever of the two DHL gave.
    static func text(status: String?, description: String?) -> String? {
        switch (CarrierText.clean(status), CarrierText.clean(description)) {
        case (let status?, let description?): "\(status): \(description)"
        case (let status?, nil): status
        case (nil, let description): description
        }
    }

    /// DHL's `addressLocality` is free text: "Bonn", "Oderweg 2, AMSTERDAM", "Henderson, NV, US".
    func location(_ address: DHLAddress?) -> Location? {
        guard let address else { return nil }
        let country = CarrierText.clean(address.countryCode).map { $0.uppercased() }.flatMap { $0.count == 2 ? $0 : nil }
        let locality = address.addressLocality ?? ""
        // Without a comma the whole text is the city (the usual case): no splitting needed.
        var parts = locality.utf8.contains(UInt8(ascii: ","))
            ? locality.split(separator: ",").compactMap { CarrierText.clean(String($0)) }
            : [CarrierText.clean(locality)].compactMap { $0 }
        if let last = parts.last, parts.count > 1, last.uppercased() == country { parts.removeLast() }
        var city = parts.last
        var region: String?
        if parts.count >= 2, let last = parts.last, last.count == 2, last.allSatisfy(\.isUppercase) {
            region = last
            city = parts[parts.count - 2]
        }
        let result = Location(city: city, region: region, postalCode: CarrierText.clean(address.postalCode), country: country)
        return result.isEmpty ? nil : result
    }
}
