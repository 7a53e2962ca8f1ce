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
    private var candidates: [OffsetKey: (before: Int, matching: [Int])] = [:]

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

    /// `ZoneResolver`'s candidate offsets of a wall-clock time (`naive`: the wall clock read as
    /// UTC), remembered per zone and quarter hour: `compute` asks `secondsFromGMT` a day either
    /// side and a whole number of quarter hours before, so it gives one answer for the whole
    /// quarter, and one look-up replaces its three or four.
    func candidateOffsets(_ zone: TimeZone, naive: Date,
                          compute: (Date) -> (before: Int, after: Int, matching: [Int])) -> (before: Int, matching: [Int]) {
        let seconds = naive.timeIntervalSince1970
        // Every time `compute` asks about must fall in the range `secondsFromGMT` remembers.
        guard seconds - 86_400 >= 315_532_800, seconds + 86_400 < 4_102_444_800 else {
            let found = compute(naive)
            return (found.before, found.matching)
        }
        let key = OffsetKey(zone: zone.identifier, quarterHour: Int(seconds / 900))
        if let known = lock.withLock({ candidates[key] }) { return known }
        let computed = compute(naive)
        let found = (before: computed.before, matching: computed.matching)
        // An offset that is not whole quarter hours would make the answer depend on the minute.
        guard computed.before % 900 == 0, computed.after % 900 == 0 else { return found }
        lock.withLock {
            if candidates.count >= Self.capacity * 4 { candidates.removeAll(keepingCapacity: true) }
            candidates[key] = found
        }
        return found
    }
}
