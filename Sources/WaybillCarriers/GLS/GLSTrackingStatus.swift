import Foundation
import WaybillCore

/// GLS's public track-and-trace JSON (`rstt001?match=…`, the `tuStatus` answer behind
/// gls-group.eu's tracking page): per parcel (`tuNo`) a `history` newest first, each entry a
/// local `date` and `time` without zone at a place with its country, a text in the page's
/// language (`evtDscr`), and GLS's own current status in `progressBar.statusInfo`.
///
/// `progressBar.evtNos` holds GLS's event numbers in the history's order: in the three recorded
/// answers (sauladam/shipment-tracker) the counts match (13, 10, 16) and each number sits beside
/// its text ("3.0" delivered, "0.100" data entered, "11.0" on the delivery vehicle, "4.40"
/// recipient not met). They are paired only when the counts match; otherwise the texts alone
/// are classified.
struct GLSTrackingStatus: Decodable {
    var tuStatus: [Parcel]

    struct Parcel: Decodable {
        var tuNo: String?
        var progressBar: ProgressBar?
        var signature: Labelled?
        var history: [HistoryItem]?
        var references: [Labelled]?
        var infos: [Labelled]?
    }

    struct ProgressBar: Decodable {
        var statusInfo: String?
        var evtNos: [String]?
    }

    struct Labelled: Decodable {
        var type: String?
        var name: String?
        var value: String?
    }

    struct HistoryItem: Decodable {
        var address: Address?
        var date: String?
        var time: String?
        var evtDscr: String?
    }

    struct Address: Decodable {
        var city: String?
        var countryCode: String?
    }
}

extension GLSAdapter {
    func parse(_ status: GLSTrackingStatus, notices: [CarrierNotice]) -> CarrierParseResult {
        var result = CarrierParseResult(shipments: [], notices: notices)
        for (index, parcel) in status.tuStatus.enumerated() {
            let path = "tuStatus[\(index)]"
            let unitNumber = parcel.references?.first { $0.type == "UNITNO" }?.value
            guard let number = CarrierFields.text(parcel.tuNo) ?? CarrierFields.text(unitNumber) else {
                result.notices.append(.warning("a parcel without tuNo; skipped", path: path))
                continue
            }
            result.shipments.append(shipment(parcel, number: number, path: path, notices: &result.notices))
        }
        return result
    }

    private func shipment(_ parcel: GLSTrackingStatus.Parcel, number: String, path: String,
                          notices: inout [CarrierNotice]) -> ParsedShipment {
        let history = parcel.history ?? []
        let codes = parcel.progressBar?.evtNos.flatMap { $0.count == history.count ? $0 : nil }
        var events: [CanonicalEvent] = []
        for (index, item) in history.enumerated().reversed() {
            let location = CarrierFields.location(city: item.address?.city, country: item.address?.countryCode)
            let text = [item.date, item.time].compactMap(CarrierFields.text).joined(separator: "T")
            let local = LocalDateTime(parsing: text)
            if local == nil, !text.isEmpty {
                notices.append(.warning("unreadable date and time '\(text)'; time unknown", path: "\(path).history[\(index)]",
                                        trackingNumber: number))
            }
            let time = ZoneResolver.resolve(local: local, location: location)
            let code = codes.flatMap { CarrierFields.text($0[index]) }
            var event = CanonicalEvent(
                status: .pending, carrierCode: code, carrierDescription: CarrierFields.text(item.evtDscr),
                occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
                location: location, sequence: events.count)
            event.apply(code.flatMap(mapping.entry(for:)), fallbackStatus: events.last?.status ?? .infoReceived)
            events.append(event)
        }
        setAsideContradictedDelivery(in: &events, currentStatus: parcel.progressBar?.statusInfo, number: number, path: path,
                                     notices: &notices)
        let signer = SignatoryName.name(in: parcel.signature?.value)
        if let signer, let index = events.lastIndex(where: { $0.status == .delivered && !$0.isInformational }) {
            events[index].signedBy = signer
        }
        let references = (parcel.references ?? []).filter { $0.type == "GLSREF" || $0.type == "CUSTREF" }.compactMap { CarrierFields.text($0.value) }
        return ParsedShipment(carrier: id, trackingNumber: number,
                              service: CarrierFields.text(parcel.infos?.first { $0.type == "PRODUCT" }?.value),
                              signedBy: signer, references: references, events: events)
    }

    /// A delivery scan followed by further transport scans, while GLS's own current status
    /// (`progressBar.statusInfo`) says the parcel is not delivered, is contradicted twice (seen:
    /// "erfolgreich zugestellt" in Erding, then "left the parcel centre" in Neuenstein, status
    /// INTRANSIT). It is kept, as information that does not move the status, with a warning.
    private func setAsideContradictedDelivery(in events: inout [CanonicalEvent], currentStatus: String?, number: String,
                                              path: String, notices: inout [CarrierNotice]) {
        guard let current = CarrierFields.text(currentStatus), let entry = mapping.entry(for: current), entry.status != .delivered,
              entry.status != .availableForPickup,
              let index = events.lastIndex(where: { $0.status == .delivered }), index < events.count - 1 else { return }
        events[index].isInformational = true
        notices.append(.warning("a delivery scan is followed by later scans and GLS's current status is \(current); "
                                + "the delivery scan is kept as information", path: "\(path).progressBar.statusInfo", trackingNumber: number))
    }
}
