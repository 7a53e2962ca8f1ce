import WaybillCarriers
import WaybillCore

/// Turns one 214 transaction set into a shipment: B10 gives the tracking number (B1001) and
/// the shipment id (B1002, kept as a reference with the L11 and N9 values; a parcel number
/// there stands in when B10 has none); each AT7 with its MS1 location is an event, except the
/// estimate codes (AG, X2) and delivery appointments (AT703), which become the estimated
/// delivery; a signature remark (K1) of the status loop names who signed; an AT7 repeated
/// identically is read once. Problems are recorded on the set as 997 segment errors:
/// a malformed segment or a missing B10 rejects the set; a bad date, time or time code in an
/// AT7 sets that one event aside (or reads it as local time) and the set is accepted with errors.
struct X12214Parser {
    private var set: X12TransactionSet

    private struct StatusRecord {
        var segment: X12Segment
        var position: Int
        var location: Location?
        var signatory: String?
    }

    /// The shipment of `set` (nil when the set is rejected), and the set with its errors.
    static func parse(_ set: X12TransactionSet) -> (shipment: ParsedShipment?, set: X12TransactionSet) {
        var parser = X12214Parser(set: set)
        let shipment = parser.shipment()
        return (shipment, parser.set)
    }

    private init(set: X12TransactionSet) {
        self.set = set
    }

    private mutating func shipment() -> ParsedShipment? {
        guard set.identifier == "214" else {
            set.errorCodes.append("1")
            return nil
        }
        var b10: X12Segment?
        var references: [String] = []
        var alternates: [String] = []
        var party: String?
        var consignee: Location?
        var records: [StatusRecord] = []
        var lastStatus: Int?
        var g62Estimate: (segment: X12Segment, position: Int)?

        for (index, segment) in set.segments.enumerated() {
            let position = index + 1
            guard Self.isWellFormed(id: segment.id) else {
                fail(segment, position, code: "1", rejects: true, "unrecognized segment id \"\(segment.id)\"")
                continue
            }
            switch segment.id {
            case "B10":
                b10 = b10 ?? segment
            case "L11", "N9":
                // L11 is value*qualifier, N9 qualifier*value.
                let (value, qualifier) = segment.id == "L11" ? (segment.value(1), segment.value(2)) : (segment.value(2), segment.value(1))
                guard let value else { break }
                if X12References.isParcel(qualifier) { alternates.append(value) } else { references.append(value) }
            case "K1":
                if let last = lastStatus, records[last].signatory == nil,
                   let name = X12References.signatory(in: [segment.value(1), segment.value(2)].compactMap { $0 }) {
                    records[last].signatory = name
                }
            case "N1":
                party = segment.value(1)
            case "N4" where party == "ST" || party == "CN":
                consignee = consignee ?? X12Place.location(city: segment.value(1), region: segment.value(2),
                                                           postalCode: segment.value(3), country: segment.value(4))
            case "LX":
                lastStatus = nil
            case "AT7":
                records.append(StatusRecord(segment: segment, position: position))
                lastStatus = records.count - 1
            case "MS1":
                if let last = lastStatus, records[last].location == nil {
                    records[last].location = X12Place.location(city: segment.value(1), region: segment.value(2), country: segment.value(3))
                }
            case "G62" where segment.value(1) == "17":
                g62Estimate = (segment, position)
            default:
                break
            }
        }

        guard let b10 else {
            fail(nil, 2, code: "3", rejects: true, "the mandatory B10 segment is missing", id: "B10")
            return nil
        }
        guard let trackingNumber = b10.value(1) ?? b10.value(2) ?? alternates.first else {
            let position = set.segments.firstIndex { $0.number == b10.number }.map { $0 + 1 } ?? 0
            fail(b10, position, code: "8", element: .init(position: 1, code: "1", data: ""), rejects: true,
                 "B10 has neither a carrier reference (B1001) nor a shipment id (B1002), and no L11/N9 parcel number stands in")
            return nil
        }
        guard !set.segmentErrors.contains(where: \.rejectsSet) else { return nil }

        var events: [CanonicalEvent] = []
        var reasonCodes: [String?] = []
        var signatories: [String?] = []
        var seen: Set<[String]> = []
        var estimate: CarrierEstimate?
        var appointment: (earliest: CarrierTime?, latest: CarrierTime?)
        for record in records {
            let segment = record.segment
            // The same status, time and place sent twice is one event.
            let identity = segment.elements + [record.location.map { "\($0)" } ?? ""]
            guard seen.insert(identity).inserted else { continue }
            let status = segment.value(1)?.uppercased()
            let appointmentCode = segment.value(3)?.uppercased()
            guard status != nil || appointmentCode != nil else {
                fail(segment, record.position, code: "8", element: .init(position: 1, code: "2", data: ""), rejects: false,
                     "AT7 has neither a status (AT701) nor an appointment status (AT703); set aside")
                continue
            }
            let local: LocalDateTime?
            switch X12DateTime.parse(date: segment.value(5), time: segment.value(6)) {
            case .success(let value):
                local = value
            case .failure(.date):
                fail(segment, record.position, code: "8", element: .init(position: 5, code: "8", data: segment.element(5)),
                     rejects: false, "AT705 \"\(segment.element(5))\" is not a CCYYMMDD date; event set aside")
                continue
            case .failure(.time):
                fail(segment, record.position, code: "8", element: .init(position: 6, code: "9", data: segment.element(6)),
                     rejects: false, "AT706 \"\(segment.element(6))\" is not an HHMM[SS[D[D]]] time; event set aside")
                continue
            }
            var timeCode = X12TimeCode.local
            if let code = X12TimeCode(segment.value(7)) {
                timeCode = code
            } else {
                fail(segment, record.position, code: "8", element: .init(position: 7, code: "7", data: segment.element(7)),
                     rejects: false, "AT707 time code \"\(segment.element(7))\" is not defined; time read as the location's local time")
            }

            if let status {
                if X12214Format.estimateCodes.contains(status) {
                    if X12214Format.deliveryEstimateCodes.contains(status), let local {
                        estimate = CarrierEstimate(earliest: Self.carrierTime(timeCode.resolve(local, location: record.location ?? consignee)))
                    }
                    continue
                }
                let resolved = timeCode.resolve(local, location: record.location)
                events.append(CanonicalEvent(
                    status: .pending, carrierCode: status,
                    carrierDescription: Self.describe(status: status, reason: segment.value(2)?.uppercased()),
                    occurredAt: resolved.occurredAt, localTime: resolved.localTime, utcOffset: resolved.utcOffset,
                    zoneSource: resolved.zoneSource, location: record.location, sequence: events.count))
                reasonCodes.append(segment.value(2)?.uppercased())
                signatories.append(record.signatory)
            } else if let appointmentCode, X12214Format.deliveryAppointmentCodes[appointmentCode] != nil, let local {
                let time = Self.carrierTime(timeCode.resolve(local, location: record.location ?? consignee))
                switch appointmentCode {
                case "ED": appointment.earliest = time
                case "LD": appointment.latest = time
                default: appointment = (time, nil)
                }
            }
        }
        if estimate == nil, let earliest = appointment.earliest ?? appointment.latest {
            estimate = CarrierEstimate(earliest: earliest, latest: appointment.earliest == nil ? nil : appointment.latest)
        }
        if estimate == nil, let g62 = g62Estimate, case .success(let local?) = X12DateTime.parse(date: g62.segment.value(2), time: g62.segment.value(4)) {
            estimate = CarrierEstimate(earliest: Self.carrierTime((X12TimeCode(g62.segment.value(5)) ?? .local).resolve(local, location: consignee)))
        }

        let shipmentID = b10.value(2)
        let mappedEvents = Self.mapped(events, reasonCodes: reasonCodes, signatories: signatories)
        let delivered = mappedEvents.last { $0.status == .delivered }
        return ParsedShipment(
            carrier: "x12_214", trackingNumber: trackingNumber, estimatedDelivery: estimate,
            deliveredAt: delivered?.occurredAt, signedBy: delivered?.signedBy,
            references: Self.unique([shipmentID].compactMap { $0 } + references, excluding: trackingNumber),
            alternateTrackingNumbers: Self.unique(alternates, excluding: trackingNumber),
            events: mappedEvents)
    }

    /// Events oldest first, `sequence` ascending, each mapped; an unknown code keeps the status
    /// of the event before it and is flagged `unmapped`.
    private static func mapped(_ events: [CanonicalEvent], reasonCodes: [String?], signatories: [String?]) -> [CanonicalEvent] {
        var previous = ShipmentStatus.infoReceived
        return StatusResolver.chronologicalOrder(events).enumerated().map { sequence, index in
            var event = events[index]
            event.apply(event.carrierCode.flatMap(X12214Format.table.entry(for:)), fallbackStatus: previous)
            if let code = reasonCodes[index], let reason = X12214Format.reasons[code] {
                if let canonical = reason.reason { event.reason = canonical }
                event.actionRequired = event.actionRequired || reason.action
            }
            if event.status == .delivered { event.signedBy = signatories[index] }
            event.sequence = sequence
            if !event.isInformational { previous = event.status }
            return event
        }
    }

    /// The code's meaning, and the reason's when it is not `NS` (Normal Status).
    private static func describe(status: String, reason: String?) -> String? {
        var parts: [String] = []
        if let meaning = X12214Format.table.entry(for: status)?.meaning { parts.append(meaning) }
        if let reason, reason != "NS" {
            parts.append("reason \(reason): " + (X12214Format.reasons[reason]?.meaning ?? "unknown reason code"))
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    private static func carrierTime(_ resolved: ZoneResolver.Resolved) -> CarrierTime {
        CarrierTime(instant: resolved.occurredAt, local: resolved.localTime, offset: resolved.utcOffset, zoneSource: resolved.zoneSource)
    }

    private static func unique(_ values: [String], excluding excluded: String) -> [String] {
        var seen: Set<String> = [excluded]
        return values.filter { seen.insert($0).inserted }
    }

    /// Two or three upper-case letters or digits, starting with a letter.
    static func isWellFormed(id: String) -> Bool {
        let scalars = id.unicodeScalars
        guard (2...3).contains(scalars.count), let first = scalars.first, ("A"..."Z").contains(first) else { return false }
        return scalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    private mutating func fail(_ segment: X12Segment?, _ position: Int, code: String, element: X12SegmentError.ElementError? = nil,
                               rejects: Bool, _ reason: String, id: String? = nil) {
        set.segmentErrors.append(X12SegmentError(
            segmentID: id ?? segment?.id ?? "", positionInSet: position, segmentNumber: segment?.number ?? 0, code: code,
            element: element, rejectsSet: rejects, reason: reason))
    }
}
