import Foundation
import WaybillCore

/// Resolves an ISO 8601 carrier time (used by the GLS, Royal Mail, La Poste, Amazon and generic
/// adapters): with an offset (`+02:00`, basic `+0200`) it is the carrier's local time at that
/// offset; with `Z` it is a UTC instant, read on the location's wall clock when the location
/// decides a zone; without either it is a local time (or a date alone) resolved by location.
enum ISOCarrierTime {
    static func resolve(_ text: String, location: Location?) -> ZoneResolver.Resolved? {
        let trimmed = text.trimmed
        if let (instant, offset) = Timestamp.parseLenient(trimmed) {
            if trimmed.hasSuffix("Z") || trimmed.hasSuffix("z") { return utc(instant, location: location) }
            return ZoneResolver.resolve(local: LocalDateTime(instant: instant, offset: offset), offset: offset)
        }
        guard let local = LocalDateTime(parsing: trimmed) else { return nil }
        return ZoneResolver.resolve(local: local, location: location)
    }

    /// A UTC instant, with the wall-clock reading where the event happened when it is known.
    static func utc(_ instant: Date, location: Location?) -> ZoneResolver.Resolved {
        guard let location, let zone = ZoneResolver.zone(for: location) else {
            return ZoneResolver.resolve(local: nil, utc: instant)
        }
        let local = LocalDateTime(instant: instant, offset: UTCOffset(seconds: zone.secondsFromGMT(for: instant)))
        return ZoneResolver.resolve(local: local, utc: instant)
    }

    /// The resolved time as a `CarrierTime` (estimates, delivery dates).
    static func carrierTime(_ text: String?, location: Location? = nil) -> CarrierTime? {
        guard let text, let resolved = resolve(text, location: location) else { return nil }
        return CarrierTime(instant: resolved.occurredAt, local: resolved.localTime, offset: resolved.utcOffset,
                           zoneSource: resolved.zoneSource)
    }
}

/// Small field helpers shared by the JSON adapters.
enum CarrierFields {
    /// nil for an absent, empty or blank string, which carriers send for "absent".
    static func text(_ value: String?) -> String? {
        guard let trimmed = value?.trimmed, !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// A location, or nil when it says nothing; the country upper-cased.
    static func location(city: String?, region: String? = nil, postalCode: String? = nil, country: String?) -> Location? {
        let location = Location(city: text(city), region: text(region), postalCode: text(postalCode),
                                country: text(country)?.uppercased())
        return location.isEmpty ? nil : location
    }

    /// Percent-encodes a tracking number for a URL path segment or query value.
    static func urlComponent(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// Whether `body` (its first bytes) contains every one of `markers`: a cheap sniff.
    static func contains(_ body: Data, _ markers: String...) -> Bool {
        let head = body.prefix(8192)
        return markers.allSatisfy { head.range(of: Data($0.utf8)) != nil }
    }
}
