import Foundation
import WaybillCore

extension GenericMapping {
    /// Reads and checks a mapping file; every problem names the field at fault.
    public static func load(from data: Data) throws(GenericMappingError) -> GenericMapping {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw GenericMappingError(field: CarrierJSON.path(of: error), reason: CarrierJSON.reason(of: error))
        } catch {
            throw GenericMappingError(field: "", reason: "\(error)")
        }
        return try GenericMapping(file)
    }

    private init(_ file: File) throws(GenericMappingError) {
        guard !file.carrier.isEmpty, file.carrier.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw GenericMappingError(field: "carrier", reason: "'\(file.carrier)' is not an id (lower case letters, digits, _)")
        }
        carrier = file.carrier
        displayName = file.displayName ?? file.carrier
        shipments = try Self.path(file.shipments ?? "", field: "shipments")
        trackingNumber = try Self.path(file.trackingNumber, field: "tracking_number")
        service = try Self.path(file.service, field: "service")
        references = try Self.path(file.references, field: "references")
        alternateTrackingNumbers = try Self.path(file.alternateTrackingNumbers, field: "alternate_tracking_numbers")
        signedBy = try Self.path(file.signedBy, field: "signed_by")
        estimatedDelivery = try file.estimatedDelivery.map { time throws(GenericMappingError) in
            try Self.timeField(time, field: "estimated_delivery")
        }
        events = try Self.path(file.events, field: "events")
        guard events.isList else { throw GenericMappingError(field: "events", reason: "'\(file.events)' must go through a list ([])") }
        guard let order = EventOrder(rawValue: file.eventOrder ?? "auto") else {
            throw GenericMappingError(field: "event_order", reason: "'\(file.eventOrder ?? "")' is not oldest_first, newest_first or auto")
        }
        eventOrder = order
        code = try Self.path(file.code, field: "code")
        description = try Self.path(file.description, field: "description")
        time = try file.time.map { time throws(GenericMappingError) in try Self.timeField(time, field: "time") }
        let place = file.location
        location = LocationFields(
            city: try Self.path(place?.city, field: "location.city"),
            region: try Self.path(place?.region, field: "location.region"),
            postalCode: try Self.path(place?.postalCode, field: "location.postal_code"),
            country: try Self.path(place?.country, field: "location.country"))
        if let error = file.error {
            self.error = ErrorFields(
                code: try Self.path(error.code, field: "error.code"),
                message: try Self.path(error.message, field: "error.message"),
                notFoundCodes: Set((error.notFoundCodes ?? []).map { $0.uppercased() }))
        } else {
            self.error = nil
        }
        mapping = CarrierMapping(carrier: file.carrier, version: file.version ?? 1, entries: try Self.entries(file.codes ?? [:]))
        request = file.request.map {
            RequestTemplate(method: ($0.method ?? "GET").uppercased(), url: $0.url, headers: $0.headers ?? [:], body: $0.body,
                            separator: $0.separator ?? ",")
        }
        auth = try Self.auth(file.auth)
        sniffMarkers = (file.sniff ?? []).filter { !$0.isEmpty }
    }

    private static func path(_ text: String, field: String) throws(GenericMappingError) -> GenericJSONPath {
        guard let path = GenericJSONPath(text) else {
            throw GenericMappingError(field: field, reason: "'\(text)' is not a path (dotted keys, [] for arrays)")
        }
        return path
    }

    private static func path(_ text: String?, field: String) throws(GenericMappingError) -> GenericJSONPath? {
        guard let text else { return nil }
        let required: GenericJSONPath = try path(text, field: field)
        return required
    }

    private static func timeField(_ time: File.Time, field: String) throws(GenericMappingError) -> TimeField {
        guard let zone = TimeField.Zone(rawValue: time.zone ?? "auto") else {
            throw GenericMappingError(field: "\(field).zone", reason: "'\(time.zone ?? "")' is not auto, offset, local or utc")
        }
        let format: GenericTimeFormat?
        do {
            format = try time.format.map { pattern throws(GenericMappingError) in try GenericTimeFormat(pattern) }
        } catch {
            throw GenericMappingError(field: "\(field).format", reason: error.reason)
        }
        return TimeField(path: try path(time.path, field: "\(field).path"),
                         timePath: try path(time.timePath, field: "\(field).time_path"),
                         format: format, zone: zone)
    }

    private static func entries(_ codes: [String: File.Code]) throws(GenericMappingError) -> [CarrierMapping.Entry] {
        var entries: [CarrierMapping.Entry] = []
        for (code, value) in codes.sorted(by: { $0.key < $1.key }) {
            let field = "codes.\(code)"
            guard let status = ShipmentStatus(rawValue: value.status) else {
                throw GenericMappingError(field: "\(field).status", reason: "'\(value.status)' is not one of "
                                          + ShipmentStatus.allCases.map(\.rawValue).joined(separator: ", "))
            }
            var substatus: Substatus?
            if let text = value.substatus {
                guard let known = Substatus(rawValue: text) else {
                    throw GenericMappingError(field: "\(field).substatus", reason: "'\(text)' is not one of "
                                              + Substatus.allCases.map(\.rawValue).joined(separator: ", "))
                }
                substatus = known
            }
            var reason: Reason?
            if let text = value.reason {
                guard let known = Reason(rawValue: text) else {
                    throw GenericMappingError(field: "\(field).reason", reason: "'\(text)' is not one of "
                                              + Reason.allCases.map(\.rawValue).joined(separator: ", "))
                }
                reason = known
            }
            entries.append(CarrierMapping.Entry(code, value.meaning ?? "", status, substatus, reason: reason,
                                                action: value.actionRequired ?? false, informational: value.informational ?? false))
        }
        return entries
    }

    private static func auth(_ auth: File.Auth?) throws(GenericMappingError) -> CarrierAuthScheme {
        guard let auth else { return .none }
        switch auth.scheme {
        case "none": return .none
        case "basic": return .basic
        case "in_body": return .inBody
        case "api_key_header":
            guard let name = auth.name, !name.isEmpty else { throw GenericMappingError(field: "auth.name", reason: "api_key_header needs a header name") }
            return .apiKeyHeader(name: name)
        case "oauth2_client_credentials":
            guard let path = auth.tokenPath, !path.isEmpty else {
                throw GenericMappingError(field: "auth.token_path", reason: "oauth2_client_credentials needs a token_path")
            }
            return .oauth2ClientCredentials(tokenPath: path)
        default:
            throw GenericMappingError(field: "auth.scheme", reason: "'\(auth.scheme)' is not none, api_key_header, basic, oauth2_client_credentials or in_body")
        }
    }

    /// The mapping file as written (snake_case keys).
    private struct File: Decodable {
        struct Time: Decodable {
            var path: String
            var timePath: String?
            var format: String?
            var zone: String?

            enum CodingKeys: String, CodingKey { case path, timePath = "time_path", format, zone }
        }

        struct Place: Decodable {
            var city, region, postalCode, country: String?

            enum CodingKeys: String, CodingKey { case city, region, postalCode = "postal_code", country }
        }

        struct Failure: Decodable {
            var code, message: String?
            var notFoundCodes: [String]?

            enum CodingKeys: String, CodingKey { case code, message, notFoundCodes = "not_found_codes" }
        }

        struct Code: Decodable {
            var status: String
            var substatus, reason, meaning: String?
            var actionRequired, informational: Bool?

            enum CodingKeys: String, CodingKey { case status, substatus, reason, meaning, actionRequired = "action_required", informational }
        }

        struct Request: Decodable {
            var method: String?
            var url: String
            var headers: [String: String]?
            var body: String?
            var separator: String?
        }

        struct Auth: Decodable {
            var scheme: String
            var name, tokenPath: String?

            enum CodingKeys: String, CodingKey { case scheme, name, tokenPath = "token_path" }
        }

        var carrier: String
        var displayName: String?
        var version: Int?
        var shipments: String?
        var trackingNumber: String
        var service, references, alternateTrackingNumbers, signedBy: String?
        var estimatedDelivery: Time?
        var error: Failure?
        var events: String
        var eventOrder: String?
        var code: String
        var description: String?
        var time: Time?
        var location: Place?
        var codes: [String: Code]?
        var request: Request?
        var auth: Auth?
        var sniff: [String]?

        enum CodingKeys: String, CodingKey {
            case carrier, displayName = "display_name", version, shipments, trackingNumber = "tracking_number", service
            case references, alternateTrackingNumbers = "alternate_tracking_numbers", signedBy = "signed_by"
            case estimatedDelivery = "estimated_delivery", error, events, eventOrder = "event_order", code, description
            case time, location, codes, request, auth, sniff
        }
    }
}
