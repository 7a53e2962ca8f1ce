import Foundation
import WaybillCore

/// An adapter for a carrier Waybill has no adapter for yet, driven by a JSON mapping file
/// (format: `GenericMapping`). It is not in `CarrierRegistry`, since it needs a configuration;
/// build one per mapping file with `GenericAdapter.load(from:)`.
public struct GenericAdapter: PayloadFormat {
    public let configuration: GenericMapping

    public init(configuration: GenericMapping) {
        self.configuration = configuration
    }

    /// Reads a mapping file; a bad one throws a `GenericMappingError` naming the field.
    public static func load(from data: Data) throws(GenericMappingError) -> GenericAdapter {
        GenericAdapter(configuration: try GenericMapping.load(from: data))
    }

    public var id: String { configuration.carrier }
    public var displayName: String { configuration.displayName }
    public var mapping: CarrierMapping { configuration.mapping }

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        let root: JSONValue
        do {
            root = try JSONValue.parse(body)
        } catch {
            throw CarrierParseError(carrier: id, location: "", reason: "malformed JSON: \(error)")
        }
        let config = configuration
        let entries = config.shipments.values(in: root)
        var result = CarrierParseResult(shipments: [])
        if entries.isEmpty {
            if let notice = notice(in: root, number: nil) { return CarrierParseResult(shipments: [], notices: [notice]) }
            if config.shipments.reachesList(in: root) { return result }
            throw CarrierParseError(carrier: id, location: config.shipments.description, reason: "no shipment at this path")
        }
        for (index, entry) in entries.enumerated() {
            let path = Self.item(config.shipments, index)
            let number = config.trackingNumber.text(in: entry)
            if let notice = notice(in: entry, number: number) {
                result.notices.append(notice)
                continue
            }
            guard let number else {
                throw CarrierParseError(carrier: id, location: join(path, config.trackingNumber), reason: "no tracking number")
            }
            result.shipments.append(try shipment(entry, number: number, path: path))
        }
        return result
    }

    private func shipment(_ entry: JSONValue, number: String, path: String) throws(CarrierParseError) -> ParsedShipment {
        let config = configuration
        var raw: [(item: JSONValue, time: ZoneResolver.Resolved, location: Location?)] = []
        for (index, item) in config.events.values(in: entry).enumerated() {
            let location = location(in: item)
            let eventPath = join(path, Self.item(config.events, index))
            var time = ZoneResolver.Resolved(occurredAt: nil, localTime: nil, utcOffset: nil, zoneSource: .unknown)
            if let field = config.time {
                time = try resolve(field, in: item, location: location, path: eventPath) ?? time
            }
            raw.append((item, time, location))
        }
        switch config.eventOrder {
        case .newestFirst: raw.reverse()
        case .oldestFirst: break
        case .auto:
            let instants = raw.compactMap(\.time.occurredAt)
            if instants.count > 1, instants[0] > instants[instants.count - 1] { raw.reverse() }
        }
        var events: [CanonicalEvent] = []
        for (sequence, item) in raw.enumerated() {
            let code = config.code.text(in: item.item)
            var event = CanonicalEvent(
                status: .pending, carrierCode: code, carrierDescription: config.description?.text(in: item.item),
                occurredAt: item.time.occurredAt, localTime: item.time.localTime, utcOffset: item.time.utcOffset,
                zoneSource: item.time.zoneSource, location: item.location, sequence: sequence)
            event.apply(code.flatMap(mapping.entry(for:)), fallbackStatus: events.last?.status ?? .infoReceived)
            events.append(event)
        }
        var estimate: CarrierEstimate?
        if let field = config.estimatedDelivery, let time = try resolve(field, in: entry, location: nil, path: path) {
            estimate = CarrierEstimate(earliest: CarrierTime(instant: time.occurredAt, local: time.localTime, offset: time.utcOffset,
                                                             zoneSource: time.zoneSource))
        }
        return ParsedShipment(
            carrier: id, trackingNumber: number, service: config.service?.text(in: entry), estimatedDelivery: estimate,
            signedBy: config.signedBy?.text(in: entry), references: texts(config.references, in: entry),
            alternateTrackingNumbers: texts(config.alternateTrackingNumbers, in: entry).filter { $0 != number }, events: events)
    }

    /// Reads a time field; nil when the field is absent, a parse error when it is unreadable.
    private func resolve(_ field: GenericMapping.TimeField, in value: JSONValue, location: Location?,
                         path: String) throws(CarrierParseError) -> ZoneResolver.Resolved? {
        guard var text = field.path.text(in: value) else { return nil }
        if let timePath = field.timePath, let clock = timePath.text(in: value) { text += " " + clock }
        let parsed: (local: LocalDateTime, offset: UTCOffset?)?
        if let format = field.format {
            parsed = format.parse(text)
        } else if let (instant, offset) = Timestamp.parseLenient(text) {
            parsed = (LocalDateTime(instant: instant, offset: offset), offset)
        } else {
            parsed = LocalDateTime(parsing: text).map { ($0, nil) }
        }
        guard let parsed else {
            throw CarrierParseError(carrier: id, location: join(path, field.path), reason: "unreadable time '\(text)'")
        }
        var offset = parsed.offset
        let saysUTC = text.hasSuffix("Z") || text.hasSuffix("z")
        switch field.zone {
        case .local where saysUTC:
            offset = nil
        case .utc where offset == nil:
            offset = UTCOffset(seconds: 0)
        default:
            break
        }
        guard let offset, parsed.local.hasTime else { return ZoneResolver.resolve(local: parsed.local, location: location) }
        if offset.seconds == 0, saysUTC || field.zone == .utc {
            return ISOCarrierTime.utc(parsed.local.instant(atOffset: offset), location: location)
        }
        return ZoneResolver.resolve(local: parsed.local, offset: offset)
    }

    private func location(in event: JSONValue) -> Location? {
        let fields = configuration.location
        return CarrierFields.location(city: fields.city?.text(in: event), region: fields.region?.text(in: event),
                                      postalCode: fields.postalCode?.text(in: event), country: fields.country?.text(in: event))
    }

    private func notice(in value: JSONValue, number: String?) -> CarrierNotice? {
        guard let fields = configuration.error else { return nil }
        let code = fields.code?.text(in: value)
        let message = fields.message?.text(in: value)
        guard code != nil || message != nil else { return nil }
        let kind: CarrierNotice.Kind = code.map { fields.notFoundCodes.contains($0.uppercased()) } == true ? .notFound : .error
        return CarrierNotice(trackingNumber: number, kind: kind, code: code, message: message ?? code ?? "")
    }

    private func texts(_ path: GenericJSONPath?, in value: JSONValue) -> [String] {
        path?.texts(in: value) ?? []
    }

    private func join(_ base: String, _ path: GenericJSONPath) -> String {
        join(base, path.description)
    }

    private func join(_ base: String, _ path: String) -> String {
        base.isEmpty ? path : path.isEmpty ? base : "\(base).\(path)"
    }

    /// Where the `index`th value of a list path is, for error messages (`data.shipments[2]`).
    static func item(_ path: GenericJSONPath, _ index: Int) -> String {
        let text = path.description
        guard path.isList else { return text }
        return text.hasSuffix("[]") ? "\(text.dropLast(2))[\(index)]" : "\(text)#\(index)"
    }

    public func sniff(_ body: Data) -> Double {
        let markers = configuration.sniffMarkers
        guard !markers.isEmpty else { return 0 }
        let head = body.prefix(8192)
        return markers.allSatisfy { head.range(of: Data($0.utf8)) != nil } ? 0.8 : 0
    }
}
