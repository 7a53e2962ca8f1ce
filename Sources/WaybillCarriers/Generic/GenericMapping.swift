import Foundation
import WaybillCore

/// The configuration of a `GenericAdapter`: how to read a carrier Waybill has no adapter for
/// yet, written as a JSON mapping file. Example (`Tests/.../Fixtures/generic/acme-mapping.json`):
///
/// ```json
/// {
///   "carrier": "acme_express",
///   "display_name": "ACME Express",
///   "version": 1,
///   "shipments": "data.shipments[]",
///   "tracking_number": "trackingNumber",
///   "service": "product.name",
///   "references": "customerReference",
///   "estimated_delivery": { "path": "eta", "format": "yyyy-MM-dd", "zone": "local" },
///   "error": { "code": "error.code", "message": "error.message", "not_found_codes": ["NOT_FOUND"] },
///   "events": "history[]",
///   "event_order": "newest_first",
///   "code": "status.code",
///   "description": "status.text",
///   "time": { "path": "at", "format": "dd.MM.yyyy HH:mm", "zone": "local" },
///   "location": { "city": "where.city", "region": "where.state", "postal_code": "where.zip", "country": "where.country" },
///   "codes": {
///     "DLV": { "status": "delivered", "substatus": "delivered_door", "meaning": "Delivered to the door" },
///     "NH":  { "status": "attempt_failed", "reason": "consignee_not_home", "meaning": "Nobody home" },
///     "PKP": { "status": "available_for_pickup", "substatus": "awaiting_collection", "action_required": true,
///              "meaning": "Waiting at the pickup point" }
///   },
///   "request": { "method": "GET", "url": "/v1/track?ids={tracking_numbers}",
///                "headers": { "X-Api-Key": "{credential:apiKey}" } },
///   "auth": { "scheme": "api_key_header", "name": "X-Api-Key" },
///   "sniff": ["\"shipments\"", "\"history\""]
/// }
/// ```
///
/// - `carrier` (required): the adapter id (lower case letters, digits, `_`); `display_name`,
///   `version` (of the code table, default 1) are optional.
/// - Paths are dotted keys with `[]` to go through an array (`data.events[]`); `""` is the
///   value itself. `shipments` is from the body (default `""`: the body is one shipment; a path
///   with `[]` is a list, and an empty list is an answer with no shipments); `tracking_number`
///   (required), `service`, `references`,
///   `alternate_tracking_numbers`, `signed_by`, `events` (required, must contain `[]`) are from
///   a shipment; `code` (required), `description`, `time.path`, `time.time_path` and the
///   `location` fields are from an event.
/// - `time`: `path` (required), optional `time_path` (a separate time field, joined to the
///   date with a space, so the format reads `yyyyMMdd HHmmss`), `format` (pattern letters
///   `yyyy MM M dd d HH H hh h mm ss SSS a XX XXX`, text in quotes; default ISO 8601 with or
///   without an offset), and `zone`: `auto` (default: an offset in the value is the carrier's,
///   `Z` is UTC, no offset is local), `offset` (same as `auto`: the value carries its offset),
///   `local` (the wall clock where the event happened, resolved from its location; a `Z` on it
///   is a mislabel and ignored), `utc` (the value is UTC even without `Z`).
///   `estimated_delivery` has the same shape, from the shipment.
/// - `event_order`: `oldest_first`, `newest_first`, or `auto` (default: by the first and last
///   instants, else as given).
/// - `codes`: the carrier's code (matched case-insensitively) to `status` (required, the
///   canonical statuses), optional `substatus`, `reason`, `action_required`, `informational`
///   and `meaning` (the carrier's own words). Codes not in the table are kept as unmapped.
/// - `error` (optional): paths from a shipment entry (or the body when it has no shipments);
///   when `code` or `message` is there the entry is a notice, `not_found` when the code is in
///   `not_found_codes`, else `error`.
/// - `request` (optional): `method` (default GET), `url` (appended to the configured base URL;
///   `{tracking_numbers}` is the numbers joined by `separator`, default `,`, and
///   `{tracking_number}` the first), `headers`, `body`; `{credential:NAME}` is replaced by that
///   credential. Default: `GET {base}/{tracking_numbers}`.
/// - `auth` (optional): `scheme` `none` (default), `api_key_header` (with `name`), `basic`,
///   `oauth2_client_credentials` (with `token_path`), `in_body`.
/// - `sniff` (optional): texts that all appear in the first 8 KB of a body of this carrier.
public struct GenericMapping: Sendable {
    public struct TimeField: Sendable {
        public enum Zone: String, Sendable { case auto, offset, local, utc }
        var path: GenericJSONPath
        var timePath: GenericJSONPath?
        var format: GenericTimeFormat?
        var zone: Zone
    }

    public struct LocationFields: Sendable {
        var city, region, postalCode, country: GenericJSONPath?
    }

    public struct ErrorFields: Sendable {
        var code, message: GenericJSONPath?
        var notFoundCodes: Set<String>
    }

    public struct RequestTemplate: Sendable {
        var method: String
        var url: String
        var headers: [String: String]
        var body: String?
        var separator: String
    }

    public enum EventOrder: String, Sendable { case oldestFirst = "oldest_first", newestFirst = "newest_first", auto }

    public let carrier: String
    public let displayName: String
    let shipments: GenericJSONPath
    let trackingNumber: GenericJSONPath
    let service, references, alternateTrackingNumbers, signedBy: GenericJSONPath?
    let estimatedDelivery: TimeField?
    let error: ErrorFields?
    let events: GenericJSONPath
    let eventOrder: EventOrder
    let code: GenericJSONPath
    let description: GenericJSONPath?
    let time: TimeField?
    let location: LocationFields
    public let mapping: CarrierMapping
    let request: RequestTemplate?
    public let auth: CarrierAuthScheme
    let sniffMarkers: [String]
}
