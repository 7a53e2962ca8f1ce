import Foundation
import WaybillCore

/// Web Tools TrackV2 XML (`<TrackResponse><TrackInfo ID>`) and its Tracking v1 JSON rendering.
/// The latest event is `TrackSummary`; `TrackDetail` holds the older ones, newest first.
enum USPSLegacyParser {
    struct Info {
        var id: String?
        var mailClass: String?
        var expectedDeliveryDate: String?
        var predictedDeliveryDate: String?
        var destination: Location?
        var mailPieceSuffix: String?
        /// Newest first, as USPS lists them.
        var events: [USPSEventInput]
        var error: USPSV1Body.ErrorDetail?
        var warnings: [CarrierNotice] = []
    }

    static func parse(xml root: XMLElementNode) throws(CarrierParseError) -> CarrierParseResult {
        if root.name == "Error" {
            let error = USPSV1Body.ErrorDetail(number: root.text("Number"), description: root.text("Description"))
            return CarrierParseResult(shipments: [], notices: [notice(error, trackingNumber: nil, kind: .error)])
        }
        guard root.name == "TrackResponse" else {
            throw CarrierParseError(carrier: "usps", location: root.path, reason: "expected TrackResponse, found \(root.name)")
        }
        let nodes = root.children("TrackInfo")
        guard !nodes.isEmpty else {
            // UPS's retired XML API answers with a TrackResponse too (Response, Shipment).
            let found = root.children.map(\.name).prefix(3).joined(separator: ", ")
            throw CarrierParseError(carrier: "usps", location: root.path,
                                    reason: "a TrackResponse without TrackInfo (it holds \(found.isEmpty ? "nothing" : found)): not a USPS tracking answer")
        }
        let infos = nodes.enumerated().map { info($1, index: $0) }
        return try result(infos, location: { "TrackResponse/TrackInfo[\($0)]" })
    }

    /// One `TrackInfo`: its fields, and its events either as fields or as lines of text.
    static func info(_ node: XMLElementNode, index: Int) -> Info {
        var info = Info(
            id: node.attributes["ID"], mailClass: node.text("Class"), expectedDeliveryDate: node.text("ExpectedDeliveryDate"),
            predictedDeliveryDate: node.text("PredictedDeliveryDate"),
            destination: USPSText.location(city: node.text("DestinationCity"), state: node.text("DestinationState"),
                                           zip: node.text("DestinationZip"), country: nil),
            mailPieceSuffix: node.text("MPSUFFIX"), events: [],
            error: node.child("Error").map { .init(number: $0.text("Number"), description: $0.text("Description")) })
        var seen: [String: Int] = [:]
        for line in node.children where line.name == "TrackSummary" || line.name == "TrackDetail" {
            let lineIndex = seen[line.name, default: 0]
            seen[line.name] = lineIndex + 1
            guard line.children.isEmpty else {
                let fields = event(line)
                info.events.append(input(fields))
                if let problem = timeProblem(fields) {
                    info.warnings.append(.warning(problem, path: "TrackResponse/TrackInfo[\(index)]/\(line.name)[\(lineIndex)]",
                                                  trackingNumber: USPSText.clean(node.attributes["ID"])))
                }
                continue
            }
            // The answer without fields: one line of text per event.
            guard let text = USPSText.clean(line.text) else { continue }
            let parsed = USPSFreeText.line(text)
            info.events.append(parsed.event)
            if parsed.yearMissing {
                info.warnings.append(.warning("\"\(text)\" names a day without a year; the event has no time",
                                              path: "TrackResponse/TrackInfo[\(index)]/\(line.name)[\(lineIndex)]",
                                              trackingNumber: USPSText.clean(node.attributes["ID"])))
            }
        }
        return info
    }

    static func parse(v1 body: USPSV1Body) throws(CarrierParseError) -> CarrierParseResult {
        let infos = (body.trackResults.trackInfo?.values ?? []).map { info in
            Info(id: info.id, mailClass: info.mailClass, expectedDeliveryDate: info.expectedDeliveryDate,
                 predictedDeliveryDate: info.predictedDeliveryDate,
                 destination: USPSText.location(city: info.destinationCity, state: info.destinationState, zip: info.destinationZip, country: nil),
                 mailPieceSuffix: info.mailPieceSuffix,
                 events: ([info.trackSummary].compactMap { $0 } + (info.trackDetail?.values ?? [])).map(input), error: info.error)
        }
        return try result(infos, location: { "TrackResults.TrackInfo[\($0)]" })
    }

    static func event(_ node: XMLElementNode) -> USPSV1Body.Event {
        USPSV1Body.Event(
            eventTime: node.text("EventTime"), eventDate: node.text("EventDate"), event: node.text("Event"),
            eventCity: node.text("EventCity"), eventState: node.text("EventState"), eventZIPCode: node.text("EventZIPCode"),
            eventCountry: node.text("EventCountry"), firmName: node.text("FirmName"), name: node.text("Name"),
            eventCode: node.text("EventCode"), gmtOffset: node.text("GMTOffset"))
    }

    /// A warning when the event's date or time is given but cannot be read.
    static func timeProblem(_ event: USPSV1Body.Event) -> String? {
        guard let date = USPSText.clean(event.eventDate) else { return nil }
        guard USPSText.legacyLocal(date: date, time: nil) != nil else { return "unreadable date \"\(date)\"; the event has no time" }
        if let time = USPSText.clean(event.eventTime), USPSText.legacyTime(time) == nil {
            return "unreadable time \"\(time)\"; the event keeps its date"
        }
        return nil
    }

    static func input(_ event: USPSV1Body.Event) -> USPSEventInput {
        USPSEventInput(
            code: event.eventCode, description: event.event,
            local: USPSText.legacyLocal(date: event.eventDate, time: event.eventTime),
            offset: USPSText.offset(event.gmtOffset), utc: nil,
            location: USPSText.location(city: event.eventCity, state: event.eventState, zip: event.eventZIPCode,
                                        country: event.eventCountry),
            signer: event.name)
    }

    static func result(_ infos: [Info], location: (Int) -> String) throws(CarrierParseError) -> CarrierParseResult {
        var result = CarrierParseResult(shipments: [])
        for (index, info) in infos.enumerated() {
            guard let number = USPSText.clean(info.id) else {
                throw CarrierParseError(carrier: "usps", location: location(index), reason: "TrackInfo without its ID (tracking number)")
            }
            if let error = info.error, info.events.isEmpty {
                // A per-number error here is "not found / not yet available": retry later.
                result.notices.append(notice(error, trackingNumber: number, kind: .notFound))
                continue
            }
            result.notices += info.warnings
            let expected = USPSText.legacyLocal(date: info.predictedDeliveryDate ?? info.expectedDeliveryDate, time: nil)
            result.shipments.append(USPSShipmentBuilder.shipment(
                trackingNumber: number, service: USPSText.plain(info.mailClass),
                estimate: USPSShipmentBuilder.carrierTime(expected, destination: info.destination).map { CarrierEstimate(earliest: $0) },
                mailPieceID: info.mailPieceSuffix, eventsNewestFirst: info.events))
        }
        return result
    }

    static func notice(_ error: USPSV1Body.ErrorDetail, trackingNumber: String?, kind: CarrierNotice.Kind) -> CarrierNotice {
        CarrierNotice(trackingNumber: trackingNumber, kind: kind, code: USPSText.clean(error.number),
                      message: USPSText.plain(error.description) ?? "USPS error")
    }
}
