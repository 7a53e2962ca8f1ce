import Foundation

/// Zone lookups repeat: a shipment's events come from a handful of places, and making an ICU
/// `TimeZone` costs more than parsing the event. Bounded: past `capacity` places it starts over.
final class ZoneCache: @unchecked Sendable {
    static let shared = ZoneCache()
    static let capacity = 4096

    private let lock = NSLock()
    private var identifiers: [PlaceKey: String?] = [:]
    private var zones: [String: TimeZone] = [:]
    private var offsets: [OffsetKey: Int] = [:]

    /// A zone and a quarter hour (seconds since 1970 / 900).
    private struct OffsetKey: Hashable {
        var zone: String
        var quarterHour: Int
    }

    /// What `ZoneLookup` reads of a location.
    private struct PlaceKey: Hashable {
        var country, region, postalCode, city: String?
        var westOf90: Bool

        init(_ location: Location) {
            country = location.country
            region = location.region
            postalCode = location.postalCode
            city = location.city
            westOf90 = (location.longitude ?? 0) < -90
        }
    }

    func identifier(for location: Location) -> String? {
        let key = PlaceKey(location)
        if let known = lock.withLock({ identifiers[key] }) { return known }
        let found = ZoneLookup.identifier(for: location)
        lock.withLock {
            if identifiers.count >= Self.capacity { identifiers.removeAll(keepingCapacity: true) }
            identifiers[key] = .some(found)
        }
        return found
    }

    func zone(identifier: String) -> TimeZone? {
        if let known = lock.withLock({ zones[identifier] }) { return known }
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        lock.withLock { zones[identifier] = zone }
        return zone
    }

    /// `zone.secondsFromGMT(for:)`, remembered per zone and quarter hour: ICU's answer is the
    /// slow part of reading a local time, and since 1980 every transition of the tz database
    /// falls on a quarter hour, so one answer holds for the whole quarter.
    func secondsFromGMT(_ zone: TimeZone, at date: Date) -> Int {
        let seconds = date.timeIntervalSince1970
        guard seconds >= 315_532_800, seconds < 4_102_444_800 else { return zone.secondsFromGMT(for: date) }
        let key = OffsetKey(zone: zone.identifier, quarterHour: Int(seconds / 900))
        if let known = lock.withLock({ offsets[key] }) { return known }
        let offset = zone.secondsFromGMT(for: date)
        lock.withLock {
            if offsets.count >= Self.capacity * 4 { offsets.removeAll(keepingCapacity: true) }
            offsets[key] = offset
        }
        return offset
    }
}
