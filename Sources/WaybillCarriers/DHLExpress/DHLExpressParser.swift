import Foundation
import WaybillCore

/// Reads an XML-PI `TrackingResponse` (or `ShipmentTrackingErrorResponse`) into Waybill's result.
struct DHLExpressParser {
    let adapter: DHLExpressAdapter

    func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        let root = try XMLTree.parse(body, carrier: adapter.id)
        switch root.name {
        case "TrackingResponse":
            var result = CarrierParseResult(shipments: [])
            let messageTime = root.text("Response", "ServiceHeader", "MessageTime").flatMap(Timestamp.parseLenient)?.date
            for info in root.children("AWBInfo") {
                let number = info.text("AWBNumber")
                let status = info.text("Status", "ActionStatus")
                if status?.lowercased() == "success" {
                    var shipment = shipment(info, number: number ?? "", notices: &result.notices)
                    if let messageTime { Self.dropImpossibleInstants(&shipment, reportedAt: messageTime, notices: &result.notices) }
                    result.shipments.append(shipment)
                } else {
                    result.notices.append(notice(info.child("Status"), number: number))
                }
            }
            return result
        case "ShipmentTrackingErrorResponse":
            return CarrierParseResult(shipments: [], notices: [notice(root.child("Response")?.child("Status"), number: nil)])
        default:
            throw CarrierParseError(carrier: adapter.id, location: root.path,
                                    reason: "expected TrackingResponse or ShipmentTrackingErrorResponse, found \(root.name)")
        }
    }

    /// "No Shipments Found" (condition 103) means DHL does not know the number yet.
    private func notice(_ status: XMLElementNode?, number: String?) -> CarrierNotice {
        let action = status?.text("ActionStatus") ?? "unknown status"
        let condition = status?.child("Condition")
        let code = condition?.text("ConditionCode")
        let data = condition?.text("ConditionData").map(Self.collapsed)
        let notFound = action.lowercased().contains("no shipments found") || code == "103"
        var trackingNumber = number
        if trackingNumber == nil, notFound, let data, let last = data.split(separator: " ").last, last.allSatisfy(\.isNumber) {
            trackingNumber = String(last)
        }
        return CarrierNotice(trackingNumber: trackingNumber, kind: notFound ? .notFound : .error, code: code,
                             message: data.map { "\(action): \($0)" } ?? action)
    }

    /// A checkpoint cannot happen after the response that reports it. When the service area's
    /// zone puts one later than `MessageTime` (beyond clock skew), that reading is wrong and no
    /// other is known: the local time is kept without an instant, with a warning. When every
    /// checkpoint is later, the header is what is wrong: DHL's documentation samples carry a
    /// fixed 2002 `MessageTime` above 2009 checkpoints.
    static func dropImpossibleInstants(_ shipment: inout ParsedShipment, reportedAt messageTime: Date,
                                       notices: inout [CarrierNotice]) {
        let latestPossible = messageTime.addingTimeInterval(3600)
        guard shipment.events.contains(where: { $0.occurredAt.map { $0 <= latestPossible } ?? false }) else { return }
        for index in shipment.events.indices {
            guard let instant = shipment.events[index].occurredAt, instant > latestPossible else { continue }
            let local = shipment.events[index].localTime?.description ?? "?"
            shipment.events[index].occurredAt = nil
            shipment.events[index].utcOffset = nil
            shipment.events[index].zoneSource = .unknown
            notices.append(.warning("checkpoint at \(local) would be after the response's MessageTime; kept as local time without an instant",
                                    path: "AWBInfo/ShipmentInfo/ShipmentEvent[\(index)]", trackingNumber: shipment.trackingNumber))
        }
    }

    private func shipment(_ info: XMLElementNode, number: String, notices: inout [CarrierNotice]) -> ParsedShipment {
        var parsed = ParsedShipment(carrier: adapter.id, trackingNumber: number)
        guard let shipmentInfo = info.child("ShipmentInfo") else { return parsed }
        parsed.service = shipmentInfo.text("GlobalProductCode")
        parsed.references = shipmentInfo.children("ShipperReference").compactMap { $0.text("ReferenceID") }
        parsed.alternateTrackingNumbers = info.descendants("LicensePlate").compactMap { $0.text() }
        parsed.estimatedDelivery = estimate(shipmentInfo)
        // XML-PI lists checkpoints oldest first.
        for node in shipmentInfo.children("ShipmentEvent") {
            guard var event = event(node, notices: &notices, number: number) else { continue }
            let fallback = parsed.events.last?.status ?? .infoReceived
            let entry = event.carrierCode.flatMap(adapter.mapping.entry(for:))
            event.apply(entry, fallbackStatus: fallback)
            if event.isInformational { event.status = fallback }
            // Signatory is overloaded (times, account numbers, weights): only a delivery's is a name.
            if event.status == .delivered, let signer = SignatoryName.name(in: node.text("Signatory")) {
                event.signedBy = signer
                parsed.signedBy = signer
            }
            event.sequence = parsed.events.count
            parsed.events.append(event)
        }
        return parsed
    }

    private func event(_ node: XMLElementNode, notices: inout [CarrierNotice], number: String) -> CanonicalEvent? {
        guard let dateText = node.text("Date"), let date = LocalDateTime(parsing: dateText) else {
            notices.append(.warning("ShipmentEvent without a valid Date; skipped", path: node.path, trackingNumber: number))
            return nil
        }
        var local = date
        if let timeText = node.text("Time") {
            if let withTime = LocalDateTime(parsing: "\(dateText)T\(timeText)") {
                local = withTime
            } else {
                notices.append(.warning("not a time: \(timeText); the date alone is kept", path: node.path + "/Time", trackingNumber: number))
            }
        }
        let area = node.child("ServiceArea")
        let place = DHLExpressServiceArea.location(code: area?.text("ServiceAreaCode"), description: area?.text("Description"))
        let time = ZoneResolver.resolve(local: local, location: place)
        let service = node.child("ServiceEvent")
        return CanonicalEvent(
            status: .pending, carrierCode: service?.text("EventCode"), carrierDescription: service?.text("Description").map(Self.collapsed),
            occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
            location: place)
    }

    /// `EstDlvyDate` "2021-05-07 23:59:00 GMT-04:00" (local with offset), else `EstDlvyDateUTC`.
    private func estimate(_ info: XMLElementNode) -> CarrierEstimate? {
        if let text = info.text("EstDlvyDate") {
            let parts = text.split(separator: " ")
            if parts.count >= 2, let local = LocalDateTime(parsing: "\(parts[0])T\(parts[1])") {
                let offset = parts.count >= 3 && parts[2].hasPrefix("GMT") ? UTCOffset(parsing: String(parts[2].dropFirst(3))) : nil
                if let offset {
                    return CarrierEstimate(earliest: CarrierTime(instant: local.instant(atOffset: offset), local: local, offset: offset,
                                                                 zoneSource: .carrierOffset))
                }
                if info.text("EstDlvyDateUTC") == nil {
                    return CarrierEstimate(earliest: CarrierTime(instant: nil, local: local, offset: nil, zoneSource: .unknown))
                }
            }
        }
        if let text = info.text("EstDlvyDateUTC"), let utc = LocalDateTime(parsing: text.replacingOccurrences(of: " ", with: "T")) {
            let instant = utc.instant(atOffset: UTCOffset(seconds: 0))
            return CarrierEstimate(earliest: CarrierTime(instant: instant, local: nil, offset: nil, zoneSource: .carrierUTC))
        }
        return nil
    }

    /// DHL wraps long texts over lines and indents them ("Arrived at DHL facility in Barcelona -\n   Spain").
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
