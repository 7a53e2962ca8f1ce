import Foundation
import WaybillCore

/// Reads a PostNL ShippingStatus body into Waybill's result: current/complete status, the
/// `updatedshipments` list, a signature, a warning ("no shipment found") or an error.
struct PostNLParser {
    let adapter: PostNLAdapter

    func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        var decoded: [CarrierNotice] = []
        if body.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "[") {
            let updates = try CarrierJSON.decode([PostNLUpdatedShipment].self, from: body, carrier: adapter.id, notices: &decoded)
            var shipments: [ParsedShipment] = []
            for (index, update) in updates.enumerated() {
                guard let shipment = updatedShipment(update) else {
                    decoded.append(.warning("entry without a Barcode; skipped", path: "[\(index)].Barcode"))
                    continue
                }
                shipments.append(shipment)
            }
            if shipments.isEmpty, !updates.isEmpty {
                throw CarrierParseError(carrier: adapter.id, location: "[0].Barcode", reason: "no entry has a usable Barcode")
            }
            return CarrierParseResult(shipments: shipments, notices: decoded)
        }
        let response = try CarrierJSON.decode(PostNLResponse.self, from: body, carrier: adapter.id, notices: &decoded)
        if let envelope = response.completeStatus ?? response.currentStatus {
            let shipments = (envelope.shipment?.values ?? []).map(shipment)
            var notices = (response.warnings?.values ?? []).map(warning)
            if shipments.isEmpty, notices.isEmpty {
                notices.append(CarrierNotice(trackingNumber: nil, kind: .notFound, code: nil, message: "PostNL returned no shipment"))
            }
            return CarrierParseResult(shipments: shipments, notices: decoded + (shipments.isEmpty ? notices : []))
        }
        if let signature = response.signature {
            return CarrierParseResult(shipments: [signed(signature)].compactMap { $0 }, notices: decoded)
        }
        if let warnings = response.warnings?.values, !warnings.isEmpty {
            return CarrierParseResult(shipments: [], notices: decoded + warnings.map(warning))
        }
        if let errors = response.errors?.values, !errors.isEmpty {
            return CarrierParseResult(shipments: [], notices: decoded + errors.map { error in
                CarrierNotice(trackingNumber: nil, kind: .error, code: error.code?.value, message: error.text ?? "PostNL error")
            })
        }
        if let message = response.fault?.faultstring?.value ?? response.faultstring?.value {
            let code = response.fault?.detail?.errorcode?.value ?? response.detail?.errorcode?.value
            return CarrierParseResult(shipments: [], notices: decoded + [CarrierNotice(trackingNumber: nil, kind: .error, code: code, message: message)])
        }
        throw CarrierParseError(carrier: adapter.id, location: "", reason: "no CurrentStatus, CompleteStatus, Signature, Warnings or error")
    }

    /// Warning 2 "No shipment found" (or, from the signature endpoint, "No signature found"):
    /// PostNL has nothing for the barcode (yet).
    private func warning(_ message: PostNLMessage) -> CarrierNotice {
        let code = message.code?.value
        return CarrierNotice(trackingNumber: nil, kind: code == "2" ? .notFound : .error, code: code,
                             message: message.text ?? "PostNL warning")
    }

    private func shipment(_ shipment: PostNLShipment) -> ParsedShipment {
        let barcode = shipment.barcode?.value ?? shipment.mainBarcode?.value ?? ""
        var parsed = ParsedShipment(carrier: adapter.id, trackingNumber: barcode,
                                    service: shipment.productDescription?.value ?? shipment.productCode?.value)
        if let main = shipment.mainBarcode?.value, main != barcode { parsed.alternateTrackingNumbers = [main] }
        parsed.references = [shipment.reference?.value].compactMap { $0 }
        if let from = PostNLTime.carrierTime(shipment.expectation?.etaFrom?.value) {
            parsed.estimatedDelivery = CarrierEstimate(earliest: from, latest: PostNLTime.carrierTime(shipment.expectation?.etaTo?.value))
        } else if let date = shipment.deliveryDate?.value.flatMap(PostNLTime.local) {
            parsed.estimatedDelivery = CarrierEstimate(earliest: CarrierTime(instant: nil, local: date.date, offset: nil, zoneSource: .unknown))
        }
        // Statuses, newest first, without PostNL's "not applicable" (99) entries. A status whose
        // code is unreadable is kept when it has a text or a time: its text says what happened.
        let statuses = ([shipment.status].compactMap { $0 } + (shipment.oldStatus?.values ?? []))
            .filter { $0.statusCode?.value != "99" && ($0.statusCode?.value != nil || $0.statusDescription?.value != nil || $0.time != nil) }
        let events = shipment.event?.values ?? []
        if events.isEmpty {
            var seen = Set<String>()
            let unique = statuses.filter { seen.insert("\($0.time ?? "")|\($0.statusCode?.value ?? "")").inserted }
            for status in unique.reversed() {
                append(code: status.statusCode?.value, description: status.statusDescription?.value, time: status.time,
                       statusCode: nil, to: &parsed)
            }
        } else {
            // Event codes are not always in PostNL's list (anonymised "01B" is "delivered" in one
            // sample and "received" in another); the status PostNL recorded at the same second
            // then says what the event was.
            var statusByTime: [LocalDateTime: String] = [:]
            for status in statuses.reversed() {
                if let time = status.time.flatMap(PostNLTime.local), let code = status.statusCode?.value { statusByTime[time] = code }
            }
            // PostNL lists events newest first (their timestamps are not always monotonic).
            for event in events.reversed() {
                let time = event.timeStamp?.value
                append(code: event.code?.value, description: event.description?.value, time: time,
                       statusCode: time.flatMap(PostNLTime.local).flatMap { statusByTime[$0] }, to: &parsed)
            }
        }
        return parsed
    }

    private func append(code: String?, description: String?, time text: String?, statusCode: String?, to parsed: inout ParsedShipment) {
        let time = PostNLTime.resolve(text) ?? ZoneResolver.resolve(local: nil)
        var event = CanonicalEvent(status: .pending, carrierCode: code, carrierDescription: description, occurredAt: time.occurredAt,
                                   localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource)
        let fallback = parsed.events.last?.status ?? .infoReceived
        let entry = code.flatMap(adapter.mapping.entry(for:)) ?? statusCode.flatMap(adapter.mapping.entry(for:))
        event.apply(entry, fallbackStatus: fallback)
        if event.isInformational { event.status = fallback }
        event.sequence = parsed.events.count
        parsed.events.append(event)
    }

    private func updatedShipment(_ update: PostNLUpdatedShipment) -> ParsedShipment? {
        guard let barcode = update.barcode?.value else { return nil }
        var parsed = ParsedShipment(carrier: adapter.id, trackingNumber: barcode)
        if let status = update.status, status.statusCode?.value != "99",
           status.statusCode?.value != nil || status.statusDescription?.value != nil || status.time != nil {
            append(code: status.statusCode?.value, description: status.statusDescription?.value, time: status.time, statusCode: nil, to: &parsed)
        }
        return parsed
    }

    /// `GET /status/signature/{barcode}`: the signature's time (with offset) and where to fetch it.
    private func signed(_ signature: PostNLSignature) -> ParsedShipment? {
        guard let barcode = signature.barcode?.value else { return nil }
        var parsed = ParsedShipment(carrier: adapter.id, trackingNumber: barcode)
        parsed.deliveredAt = signature.signatureDate?.value.flatMap(Timestamp.parseLenient)?.date
        parsed.proofOfDelivery = ["/shipment/v2/status/signature/\(barcode)"]
        return parsed
    }
}
