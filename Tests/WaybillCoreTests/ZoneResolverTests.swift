import Foundation
import Testing
@testable import WaybillCore

@Suite("ZoneResolver")
struct ZoneResolverTests {
    // MARK: Source paths

    /// One call of `resolve` and what it must give. Times are written as text: `local` without a
    /// zone, `utc` and `expected` as RFC 3339.
    struct Resolution: Sendable, CustomTestStringConvertible {
        let name: String
        var local: String?
        var offset: String?
        var utc: String?
        var location: Location?
        let expected: String?
        let offsetOut: String?
        let source: ZoneSource
        var conflicting: String?
        var testDescription: String { name }
    }

    static let newYork = Location(city: "New York", region: "NY", postalCode: "10001", country: "US")
    static let berlin = Location(city: "Berlin", postalCode: "10115", country: "DE")
    static let london = Location(city: "London", country: "GB")

    static let resolutions: [Resolution] = [
        // 1. Carrier offset.
        Resolution(name: "offset", local: "2026-11-20T14:05:00", offset: "-05:00",
                   expected: "2026-11-20T19:05:00Z", offsetOut: "-05:00", source: .carrierOffset),
        Resolution(name: "offset beats location", local: "2026-11-20T14:05:00", offset: "+01:00", location: newYork,
                   expected: "2026-11-20T13:05:00Z", offsetOut: "+01:00", source: .carrierOffset),
        Resolution(name: "offset with agreeing UTC", local: "2026-11-20T14:05:00", offset: "-05:00", utc: "2026-11-20T19:05:30Z",
                   expected: "2026-11-20T19:05:00Z", offsetOut: "-05:00", source: .carrierOffset),
        Resolution(name: "offset beats a disagreeing UTC", local: "2026-11-20T14:05:00", offset: "-05:00", utc: "2026-11-20T14:05:00Z",
                   expected: "2026-11-20T19:05:00Z", offsetOut: "-05:00", source: .carrierOffset, conflicting: "2026-11-20T14:05:00Z"),
        // 2. Carrier UTC, checked against the local time.
        Resolution(name: "UTC gives the offset", local: "2026-11-20T14:05:00", utc: "2026-11-20T19:05:00Z", location: newYork,
                   expected: "2026-11-20T19:05:00Z", offsetOut: "-05:00", source: .carrierUTC),
        Resolution(name: "UTC gives a half-hour offset", local: "2026-11-20T10:35:00", utc: "2026-11-20T05:05:00Z",
                   expected: "2026-11-20T05:05:00Z", offsetOut: "+05:30", source: .carrierUTC),
        Resolution(name: "UTC with seconds beside a local time without", local: "2026-11-20T14:05:00", utc: "2026-11-20T19:05:37Z",
                   expected: "2026-11-20T19:05:37Z", offsetOut: "-05:00", source: .carrierUTC),
        Resolution(name: "UTC across midnight", local: "2026-11-20T23:30:00", utc: "2026-11-21T04:30:00Z",
                   expected: "2026-11-21T04:30:00Z", offsetOut: "-05:00", source: .carrierUTC),
        Resolution(name: "UTC that repeats the local clock in New York is set aside", local: "2026-11-20T14:05:00",
                   utc: "2026-11-20T14:05:00Z", location: newYork,
                   expected: "2026-11-20T19:05:00Z", offsetOut: "-05:00", source: .location, conflicting: "2026-11-20T14:05:00Z"),
        Resolution(name: "UTC equal to the local clock in London in winter is real", local: "2026-11-20T14:05:00",
                   utc: "2026-11-20T14:05:00Z", location: london,
                   expected: "2026-11-20T14:05:00Z", offsetOut: "+00:00", source: .carrierUTC),
        Resolution(name: "UTC equal to the local clock, place unknown", local: "2026-11-20T14:05:00", utc: "2026-11-20T14:05:00Z",
                   expected: "2026-11-20T14:05:00Z", offsetOut: "+00:00", source: .carrierUTC),
        Resolution(name: "UTC off by 17 minutes falls back to the location", local: "2026-11-20T14:05:00",
                   utc: "2026-11-20T13:22:00Z", location: berlin,
                   expected: "2026-11-20T13:05:00Z", offsetOut: "+01:00", source: .location, conflicting: "2026-11-20T13:22:00Z"),
        Resolution(name: "UTC off by 17 minutes, place unknown", local: "2026-11-20T14:05:00", utc: "2026-11-20T13:22:00Z",
                   expected: nil, offsetOut: nil, source: .unknown, conflicting: "2026-11-20T13:22:00Z"),
        Resolution(name: "UTC 20 hours away is no offset", local: "2026-11-20T14:05:00", utc: "2026-11-19T18:05:00Z", location: berlin,
                   expected: "2026-11-20T13:05:00Z", offsetOut: "+01:00", source: .location, conflicting: "2026-11-19T18:05:00Z"),
        Resolution(name: "UTC alone", utc: "2026-11-20T19:05:00Z",
                   expected: "2026-11-20T19:05:00Z", offsetOut: nil, source: .carrierUTC),
        Resolution(name: "UTC beside a local date on that date", local: "2026-11-20", utc: "2026-11-21T02:00:00Z",
                   expected: "2026-11-21T02:00:00Z", offsetOut: nil, source: .carrierUTC),
        Resolution(name: "UTC beside a local date days away", local: "2026-11-17", utc: "2026-11-21T02:00:00Z",
                   expected: nil, offsetOut: nil, source: .unknown, conflicting: "2026-11-21T02:00:00Z"),
        // 3. Location.
        Resolution(name: "location zone", local: "2026-11-20T14:05:00", location: berlin,
                   expected: "2026-11-20T13:05:00Z", offsetOut: "+01:00", source: .location),
        Resolution(name: "location zone in summer", local: "2026-07-20T14:05:00", location: berlin,
                   expected: "2026-07-20T12:05:00Z", offsetOut: "+02:00", source: .location),
        Resolution(name: "location by ZIP", local: "2026-11-20T14:05:00", location: Location(postalCode: "79901", country: "US"),
                   expected: "2026-11-20T21:05:00Z", offsetOut: "-07:00", source: .location),
        // 4. Unknown: the local time is kept, no instant.
        Resolution(name: "no location", local: "2026-11-20T14:05:00",
                   expected: nil, offsetOut: nil, source: .unknown),
        Resolution(name: "country with several zones, no region", local: "2026-11-20T14:05:00", location: Location(country: "US"),
                   expected: nil, offsetOut: nil, source: .unknown),
        Resolution(name: "split state without ZIP", local: "2026-11-20T14:05:00", location: Location(region: "TN", country: "US"),
                   expected: nil, offsetOut: nil, source: .unknown),
        Resolution(name: "nothing", expected: nil, offsetOut: nil, source: .unknown),
        // Dates stay dates.
        Resolution(name: "date with location", local: "2026-11-20", location: berlin,
                   expected: nil, offsetOut: nil, source: .unknown),
        Resolution(name: "date with offset", local: "2026-11-20", offset: "-05:00",
                   expected: nil, offsetOut: "-05:00", source: .unknown),
    ]

    @Test("resolve: each source path", arguments: resolutions)
    func resolve(_ c: Resolution) {
        let result = ZoneResolver.resolve(local: c.local.map(local), offset: c.offset.flatMap(UTCOffset.init(parsing:)),
                                          utc: c.utc.map(instant), location: c.location)
        #expect(result.occurredAt == c.expected.map(instant))
        #expect(result.utcOffset?.description == c.offsetOut)
        #expect(result.zoneSource == c.source)
        #expect(result.localTime == c.local.map(local), "the carrier's local time is always kept")
        #expect(result.conflictingUTC == c.conflicting.map(instant))
        if let occurredAt = result.occurredAt, let offset = result.utcOffset, let localTime = result.localTime, localTime.hasTime,
           c.conflicting == nil || result.zoneSource != .carrierUTC {
            // Local time, offset and instant agree (to the minute a UTC field's seconds may add).
            #expect(abs(localTime.instant(atOffset: offset).timeIntervalSince(occurredAt)) < 60)
        }
    }

    @Test("a location result names its zone")
    func zoneIdentifierReported() {
        let result = ZoneResolver.resolve(local: local("2026-11-20T14:05:00"), location: Self.berlin)
        #expect(result.zoneIdentifier == "Europe/Berlin")
        #expect(result.wallClock == .unique)
        #expect(ZoneResolver.resolve(local: local("2026-11-20T14:05:00"), offset: UTCOffset(seconds: 3600)).zoneIdentifier == nil)
    }

    // MARK: DST gaps and overlaps

    struct WallClockCase: Sendable, CustomTestStringConvertible {
        let zone: String
        let local: String
        let expected: String
        let wallClock: ZoneResolver.WallClock
        var testDescription: String { "\(zone) \(local)" }
    }

    static let wallClockCases: [WallClockCase] = [
        // America/New_York: 2026-03-08 02:00 → 03:00; 2026-11-01 02:00 → 01:00.
        WallClockCase(zone: "America/New_York", local: "2026-03-08T02:30:00", expected: "2026-03-08T07:30:00Z", wallClock: .nonexistent),
        WallClockCase(zone: "America/New_York", local: "2026-03-08T01:59:00", expected: "2026-03-08T06:59:00Z", wallClock: .unique),
        WallClockCase(zone: "America/New_York", local: "2026-03-08T03:00:00", expected: "2026-03-08T07:00:00Z", wallClock: .unique),
        WallClockCase(zone: "America/New_York", local: "2026-11-01T01:30:00", expected: "2026-11-01T05:30:00Z", wallClock: .ambiguous),
        WallClockCase(zone: "America/New_York", local: "2026-11-01T02:30:00", expected: "2026-11-01T07:30:00Z", wallClock: .unique),
        WallClockCase(zone: "America/New_York", local: "2026-07-01T12:00:00", expected: "2026-07-01T16:00:00Z", wallClock: .unique),
        // Europe/Berlin: 2026-03-29 02:00 → 03:00; 2026-10-25 03:00 → 02:00.
        WallClockCase(zone: "Europe/Berlin", local: "2026-03-29T02:30:00", expected: "2026-03-29T01:30:00Z", wallClock: .nonexistent),
        WallClockCase(zone: "Europe/Berlin", local: "2026-10-25T02:30:00", expected: "2026-10-25T00:30:00Z", wallClock: .ambiguous),
        WallClockCase(zone: "Europe/Berlin", local: "2026-10-25T03:30:00", expected: "2026-10-25T02:30:00Z", wallClock: .unique),
        // Australia/Sydney (southern hemisphere): 2026-04-05 03:00 → 02:00; 2026-10-04 02:00 → 03:00.
        WallClockCase(zone: "Australia/Sydney", local: "2026-04-05T02:30:00", expected: "2026-04-04T15:30:00Z", wallClock: .ambiguous),
        WallClockCase(zone: "Australia/Sydney", local: "2026-10-04T02:30:00", expected: "2026-10-03T16:30:00Z", wallClock: .nonexistent),
        WallClockCase(zone: "Australia/Sydney", local: "2026-01-15T12:00:00", expected: "2026-01-15T01:00:00Z", wallClock: .unique),
        WallClockCase(zone: "Australia/Sydney", local: "2026-07-15T12:00:00", expected: "2026-07-15T02:00:00Z", wallClock: .unique),
        // America/Sao_Paulo: DST at midnight until 2019 (2018-11-04 00:00 → 01:00; 2019-02-17 00:00 → 2019-02-16 23:00), none since.
        WallClockCase(zone: "America/Sao_Paulo", local: "2018-11-04T00:30:00", expected: "2018-11-04T03:30:00Z", wallClock: .nonexistent),
        WallClockCase(zone: "America/Sao_Paulo", local: "2019-02-16T23:30:00", expected: "2019-02-17T01:30:00Z", wallClock: .ambiguous),
        WallClockCase(zone: "America/Sao_Paulo", local: "2019-01-10T12:00:00", expected: "2019-01-10T14:00:00Z", wallClock: .unique),
        WallClockCase(zone: "America/Sao_Paulo", local: "2026-01-10T12:00:00", expected: "2026-01-10T15:00:00Z", wallClock: .unique),
        // Zones without DST: the same offset on the days others change.
        WallClockCase(zone: "Asia/Tokyo", local: "2026-03-08T02:30:00", expected: "2026-03-07T17:30:00Z", wallClock: .unique),
        WallClockCase(zone: "America/Phoenix", local: "2026-03-08T02:30:00", expected: "2026-03-08T09:30:00Z", wallClock: .unique),
        WallClockCase(zone: "America/Phoenix", local: "2026-11-01T01:30:00", expected: "2026-11-01T08:30:00Z", wallClock: .unique),
        // Australia/Lord_Howe: a half-hour DST shift (2026-10-04 02:00 → 02:30).
        WallClockCase(zone: "Australia/Lord_Howe", local: "2026-10-04T02:15:00", expected: "2026-10-03T15:45:00Z", wallClock: .nonexistent),
    ]

    @Test("DST gaps take the offset before, overlaps the first occurrence", arguments: wallClockCases)
    func wallClock(_ c: WallClockCase) throws {
        let zone = try #require(TimeZone(identifier: c.zone))
        let offset = ZoneResolver.offset(of: local(c.local), in: zone)
        #expect(local(c.local).instant(atOffset: offset) == instant(c.expected))
        #expect(ZoneResolver.wallClock(of: local(c.local), in: zone) == c.wallClock)
    }

    @Test("resolve by location reports a gap and an overlap")
    func resolveReportsWallClock() {
        let newYork = Location(city: "Albany", region: "New York", country: "US")
        let gap = ZoneResolver.resolve(local: local("2026-03-08T02:30:00"), location: newYork)
        #expect(gap.occurredAt == instant("2026-03-08T07:30:00Z"))
        #expect(gap.utcOffset == UTCOffset(seconds: -5 * 3600))
        #expect(gap.wallClock == .nonexistent)
        let overlap = ZoneResolver.resolve(local: local("2026-11-01T01:30:00"), location: newYork)
        #expect(overlap.occurredAt == instant("2026-11-01T05:30:00Z"))
        #expect(overlap.utcOffset == UTCOffset(seconds: -4 * 3600))
        #expect(overlap.wallClock == .ambiguous)
    }

    // MARK: Countries, regions and postal codes

    struct Place: Sendable, CustomTestStringConvertible {
        let country: String?
        var region: String?
        var postalCode: String?
        var longitude: Double?
        let zone: String?
        var testDescription: String {
            [country, region, postalCode, longitude.map { "\($0)" }].compactMap { $0 }.joined(separator: " ") + " → \(zone ?? "nil")"
        }
    }

    static let regions: [Place] = [
        // United States: codes, names, ISO form, spelling.
        Place(country: "US", region: "CA", zone: "America/Los_Angeles"),
        Place(country: "US", region: "California", zone: "America/Los_Angeles"),
        Place(country: "US", region: " california ", zone: "America/Los_Angeles"),
        Place(country: "US", region: "US-CA", zone: "America/Los_Angeles"),
        Place(country: "US", region: "Calif.", zone: "America/Los_Angeles"),
        Place(country: "US", region: "Fla.", zone: "America/New_York"),
        Place(country: "us", region: "tx", zone: "America/Chicago"),
        Place(country: "US", region: "Texas", zone: "America/Chicago"),
        Place(country: "US", region: "New York", zone: "America/New_York"),
        Place(country: "US", region: "NEW YORK STATE", zone: "America/New_York"),
        Place(country: "US", region: "AZ", zone: "America/Phoenix"),
        Place(country: "US", region: "Hawaii", zone: "Pacific/Honolulu"),
        Place(country: "US", region: "District of Columbia", zone: "America/New_York"),
        Place(country: "US", region: "Washington", zone: "America/Los_Angeles"),
        Place(country: "US", region: "West Virginia", zone: "America/New_York"),
        Place(country: "US", region: "Florida", zone: "America/New_York"),
        Place(country: "US", region: "Tennessee", zone: nil),
        Place(country: "US", region: "KY", zone: nil),
        Place(country: "US", region: "Indiana", zone: nil),
        Place(country: "US", region: "Atlantis", zone: nil),
        Place(country: "US", zone: nil),
        // Canada, with French names and Ontario's 90°W line.
        Place(country: "CA", region: "BC", zone: "America/Vancouver"),
        Place(country: "CA", region: "British Columbia", zone: "America/Vancouver"),
        Place(country: "CA", region: "Colombie-Britannique", zone: "America/Vancouver"),
        Place(country: "CA", region: "QC", zone: "America/Toronto"),
        Place(country: "CA", region: "Québec", zone: "America/Toronto"),
        Place(country: "CA", region: "QUEBEC", zone: "America/Toronto"),
        Place(country: "CA", region: "Que\u{301}bec", zone: "America/Toronto"),         // decomposed accent
        Place(country: " ca ", region: "Île-du-Prince-Édouard", zone: "America/Halifax"),
        Place(country: "CA", region: "NL", zone: "America/St_Johns"),
        Place(country: "CA", region: "Newfoundland and Labrador", zone: "America/St_Johns"),
        Place(country: "CA", region: "Nova Scotia", zone: "America/Halifax"),
        Place(country: "CA", region: "SK", zone: "America/Regina"),
        Place(country: "CA", region: "AB", zone: "America/Edmonton"),
        Place(country: "CA", region: "NU", zone: nil),
        Place(country: "CA", region: "ON", zone: "America/Toronto"),
        Place(country: "CA", region: "Ont.", zone: "America/Toronto"),
        Place(country: "CA", region: "Ontario", longitude: -94.49, zone: "America/Winnipeg"),
        Place(country: "CA", region: "ON", longitude: -89.25, zone: "America/Toronto"),
        // Australia.
        Place(country: "AU", region: "NSW", zone: "Australia/Sydney"),
        Place(country: "AU", region: "New South Wales", zone: "Australia/Sydney"),
        Place(country: "AU", region: "QLD", zone: "Australia/Brisbane"),
        Place(country: "AU", region: "Western Australia", zone: "Australia/Perth"),
        Place(country: "AU", region: "ACT", zone: "Australia/Sydney"),
        Place(country: "AU", region: "Northern Territory", zone: "Australia/Darwin"),
        Place(country: "AU", region: "TAS", zone: "Australia/Hobart"),
        Place(country: "AU", region: "South Australia", zone: "Australia/Adelaide"),
        // Mexico.
        Place(country: "MX", region: "Jalisco", zone: "America/Mexico_City"),
        Place(country: "MX", region: "BCN", zone: "America/Tijuana"),
        Place(country: "MX", region: "Quintana Roo", zone: "America/Cancun"),
        Place(country: "MX", region: "Q. Roo", zone: "America/Cancun"),
        Place(country: "MX", region: "Nuevo Leon", zone: "America/Monterrey"),
        Place(country: "MX", region: "NUEVO LEÓN", zone: "America/Monterrey"),
        Place(country: "MX", region: "Sonora", zone: "America/Hermosillo"),
        Place(country: "MX", region: "Yucatan", zone: "America/Merida"),
        Place(country: "MX", region: "CDMX", zone: "America/Mexico_City"),
        Place(country: "MX", region: "CHH", zone: nil),
        // Brazil.
        Place(country: "BR", region: "SP", zone: "America/Sao_Paulo"),
        Place(country: "BR", region: "Sao Paulo", zone: "America/Sao_Paulo"),
        Place(country: "BR", region: "Amazonas", zone: "America/Manaus"),
        Place(country: "BR", region: "Acre", zone: "America/Rio_Branco"),
        Place(country: "BR", region: "Pernambuco", zone: "America/Recife"),
        Place(country: "BR", region: "MT", zone: "America/Cuiaba"),
        Place(country: "BR", region: "Mato Grosso do Sul", zone: "America/Campo_Grande"),
        Place(country: "BR", region: "Rio Grande do Norte", zone: "America/Fortaleza"),
        // Russia.
        Place(country: "RU", region: "MOW", zone: "Europe/Moscow"),
        Place(country: "RU", region: "Москва", zone: "Europe/Moscow"),
        Place(country: "RU", region: "Moscow Oblast", zone: "Europe/Moscow"),
        Place(country: "RU", region: "Sverdlovsk Oblast", zone: "Asia/Yekaterinburg"),
        Place(country: "RU", region: "Sverdlovskaya", zone: nil),
        Place(country: "RU", region: "Novosibirsk", zone: "Asia/Novosibirsk"),
        Place(country: "RU", region: "Primorsky Krai", zone: "Asia/Vladivostok"),
        Place(country: "RU", region: "RU-KGD", zone: "Europe/Kaliningrad"),
        Place(country: "RU", region: "Kamchatka", zone: "Asia/Kamchatka"),
        Place(country: "RU", region: "Republic of Tatarstan", zone: "Europe/Moscow"),
        Place(country: "RU", region: "Udmurt Republic", zone: "Europe/Samara"),
        Place(country: "RU", zone: nil),
        // Other multi-zone countries.
        Place(country: "AR", region: "Mendoza", zone: "America/Argentina/Mendoza"),
        Place(country: "AR", zone: "America/Argentina/Buenos_Aires"),
        Place(country: "ID", region: "Bali", zone: "Asia/Makassar"),
        Place(country: "ID", region: "Jawa Barat", zone: "Asia/Jakarta"),
        Place(country: "ID", zone: nil),
        Place(country: "KZ", zone: "Asia/Almaty"),
        Place(country: "CL", region: "Magallanes", zone: "America/Punta_Arenas"),
        Place(country: "ES", zone: "Europe/Madrid"),
        Place(country: "CD", region: "Nord-Kivu", zone: "Africa/Lubumbashi"),
        // Single-zone countries, whatever the region says.
        Place(country: "DE", region: "Bayern", zone: "Europe/Berlin"),
        Place(country: "de", zone: "Europe/Berlin"),
        Place(country: "JP", zone: "Asia/Tokyo"),
        Place(country: "UK", zone: "Europe/London"),
        Place(country: "IS", zone: "Atlantic/Reykjavik"),
        Place(country: "ZA", zone: "Africa/Johannesburg"),
        Place(country: "XX", zone: nil),
        Place(country: nil, region: "CA", zone: nil),
    ]

    @Test("the larger cities of split regions decide without a postal code", arguments: [
        (Location(city: "NASHVILLE", region: "TN", country: "US"), "America/Chicago"),
        (Location(city: "Knoxville", region: "Tennessee", country: "US"), "America/New_York"),
        (Location(city: "LOUISVILLE", region: "KY", country: "US"), "America/New_York"),
        (Location(city: "Evansville", region: "IN", country: "US"), "America/Chicago"),
        (Location(city: "Rapid City", region: "SD", country: "US"), "America/Denver"),
        (Location(city: "Smalltown", region: "TN", country: "US"), nil),
    ] as [(Location, String?)])
    func splitRegionCities(_ location: Location, _ zone: String?) {
        #expect(ZoneResolver.zoneIdentifier(for: location) == zone)
    }

    @Test("regions by code and name", arguments: regions)
    func region(_ c: Place) {
        let location = Location(region: c.region, postalCode: c.postalCode, country: c.country, longitude: c.longitude)
        #expect(ZoneResolver.zoneIdentifier(for: location) == c.zone)
    }

    static let postalCodes: [Place] = [
        // Florida panhandle: Central west of the Apalachicola, Port St. Joe Eastern.
        Place(country: "US", region: "FL", postalCode: "32501", zone: "America/Chicago"),     // Pensacola
        Place(country: "US", region: "FL", postalCode: "32401", zone: "America/Chicago"),     // Panama City
        Place(country: "US", region: "FL", postalCode: "32456", zone: "America/New_York"),    // Port St. Joe
        Place(country: "US", region: "FL", postalCode: "32301", zone: "America/New_York"),    // Tallahassee
        Place(country: "US", postalCode: "33101", zone: "America/New_York"),                  // Miami
        Place(country: "US", postalCode: "32501-1234", zone: "America/Chicago"),              // ZIP+4
        Place(country: "US", postalCode: "2134", zone: "America/New_York"),                   // Boston 02134, zero dropped
        Place(country: "US", region: "TN", postalCode: "372", zone: nil),                     // too short to decide
        // Texas: El Paso and Hudspeth Mountain.
        Place(country: "US", region: "TX", postalCode: "79901", zone: "America/Denver"),      // El Paso
        Place(country: "US", postalCode: "79836", zone: "America/Denver"),                    // Clint
        Place(country: "US", postalCode: "79851", zone: "America/Denver"),                    // Sierra Blanca (Hudspeth)
        Place(country: "US", postalCode: "79830", zone: "America/Chicago"),                   // Alpine (Brewster)
        Place(country: "US", postalCode: "75201", zone: "America/Chicago"),                   // Dallas
        // Tennessee.
        Place(country: "US", region: "TN", postalCode: "37201", zone: "America/Chicago"),     // Nashville
        Place(country: "US", region: "TN", postalCode: "37902", zone: "America/New_York"),    // Knoxville
        Place(country: "US", region: "TN", postalCode: "37402", zone: "America/New_York"),    // Chattanooga
        Place(country: "US", region: "TN", postalCode: "37311", zone: "America/New_York"),    // Cleveland
        Place(country: "US", region: "TN", postalCode: "37355", zone: "America/Chicago"),     // Manchester
        Place(country: "US", region: "TN", postalCode: "38103", zone: "America/Chicago"),     // Memphis
        Place(country: "US", region: "TN", postalCode: "37723", zone: "America/Chicago"),     // Crab Orchard
        // Kentucky.
        Place(country: "US", region: "KY", postalCode: "40202", zone: "America/Kentucky/Louisville"),
        Place(country: "US", region: "KY", postalCode: "40507", zone: "America/New_York"),    // Lexington
        Place(country: "US", region: "KY", postalCode: "42001", zone: "America/Chicago"),     // Paducah
        Place(country: "US", region: "KY", postalCode: "42101", zone: "America/Chicago"),     // Bowling Green
        Place(country: "US", region: "KY", postalCode: "42701", zone: "America/New_York"),    // Elizabethtown
        Place(country: "US", region: "KY", postalCode: "42754", zone: "America/Chicago"),     // Leitchfield
        Place(country: "US", region: "KY", postalCode: "40143", zone: "America/Chicago"),     // Hardinsburg
        Place(country: "US", region: "KY", postalCode: "42633", zone: "America/Kentucky/Monticello"),
        // Indiana.
        Place(country: "US", region: "IN", postalCode: "46204", zone: "America/Indiana/Indianapolis"),
        Place(country: "US", region: "IN", postalCode: "46402", zone: "America/Chicago"),     // Gary
        Place(country: "US", region: "IN", postalCode: "47708", zone: "America/Chicago"),     // Evansville
        Place(country: "US", region: "IN", postalCode: "47586", zone: "America/Indiana/Tell_City"),
        Place(country: "US", region: "IN", postalCode: "46534", zone: "America/Indiana/Knox"),
        Place(country: "US", region: "IN", postalCode: "47978", zone: "America/Chicago"),     // Rensselaer
        // Michigan Upper Peninsula.
        Place(country: "US", region: "MI", postalCode: "48226", zone: "America/Detroit"),
        Place(country: "US", region: "MI", postalCode: "49801", zone: "America/Menominee"),   // Iron Mountain
        Place(country: "US", region: "MI", postalCode: "49938", zone: "America/Menominee"),   // Ironwood
        Place(country: "US", region: "MI", postalCode: "49855", zone: "America/Detroit"),     // Marquette
        // Kansas, Nebraska, the Dakotas.
        Place(country: "US", region: "KS", postalCode: "67735", zone: "America/Denver"),      // Goodland
        Place(country: "US", region: "KS", postalCode: "67601", zone: "America/Chicago"),     // Hays
        Place(country: "US", region: "NE", postalCode: "69361", zone: "America/Denver"),      // Scottsbluff
        Place(country: "US", region: "NE", postalCode: "69153", zone: "America/Denver"),      // Ogallala
        Place(country: "US", region: "NE", postalCode: "69101", zone: "America/Chicago"),     // North Platte
        Place(country: "US", region: "NE", postalCode: "68102", zone: "America/Chicago"),     // Omaha
        Place(country: "US", region: "ND", postalCode: "58601", zone: "America/Denver"),      // Dickinson
        Place(country: "US", region: "ND", postalCode: "58501", zone: "America/Chicago"),     // Bismarck
        Place(country: "US", region: "ND", postalCode: "58554", zone: "America/North_Dakota/New_Salem"), // Mandan
        Place(country: "US", region: "SD", postalCode: "57701", zone: "America/Denver"),      // Rapid City
        Place(country: "US", region: "SD", postalCode: "57501", zone: "America/Chicago"),     // Pierre
        Place(country: "US", region: "SD", postalCode: "57601", zone: "America/Chicago"),     // Mobridge
        Place(country: "US", region: "SD", postalCode: "57625", zone: "America/Denver"),      // Eagle Butte
        // Oregon, Idaho, Arizona, Nevada, Alaska, territories.
        Place(country: "US", region: "OR", postalCode: "97914", zone: "America/Boise"),       // Ontario OR
        Place(country: "US", region: "OR", postalCode: "97201", zone: "America/Los_Angeles"), // Portland
        Place(country: "US", region: "ID", postalCode: "83702", zone: "America/Boise"),
        Place(country: "US", region: "ID", postalCode: "83814", zone: "America/Los_Angeles"), // Coeur d'Alene
        Place(country: "US", region: "ID", postalCode: "83501", zone: "America/Los_Angeles"), // Lewiston
        Place(country: "US", region: "AZ", postalCode: "85004", zone: "America/Phoenix"),
        Place(country: "US", region: "AZ", postalCode: "86044", zone: "America/Denver"),      // Tonalea (Navajo Nation)
        Place(country: "US", region: "AZ", postalCode: "86515", zone: "America/Denver"),      // Window Rock
        Place(country: "US", region: "AZ", postalCode: "86001", zone: "America/Phoenix"),     // Flagstaff
        Place(country: "US", region: "AZ", postalCode: "86040", zone: "America/Phoenix"),     // Page
        Place(country: "US", region: "NV", postalCode: "89883", zone: "America/Denver"),      // West Wendover
        Place(country: "US", region: "AK", postalCode: "99501", zone: "America/Anchorage"),
        Place(country: "US", region: "AK", postalCode: "99546", zone: "America/Adak"),
        Place(country: "US", postalCode: "00901", zone: "America/Puerto_Rico"),
        Place(country: "US", postalCode: "96910", zone: "Pacific/Guam"),
        Place(country: "US", region: "NY", postalCode: "09012", zone: "America/New_York"),    // APO: the region decides
        Place(country: "US", region: "TN", postalCode: "ABCDE", zone: nil),
        // Canada.
        Place(country: "CA", region: "ON", postalCode: "P9N 3X7", zone: "America/Winnipeg"),  // Kenora
        Place(country: "CA", postalCode: "p9n3x7", zone: "America/Winnipeg"),
        Place(country: "CA", region: "ON", postalCode: "P7B 5E1", zone: "America/Toronto"),   // Thunder Bay
        Place(country: "CA", postalCode: "M5V 3L9", zone: "America/Toronto"),
        Place(country: "CA", postalCode: "P0T 1C0", zone: "America/Atikokan"),
        Place(country: "CA", postalCode: "A0P 1E0", zone: "America/Goose_Bay"),               // Happy Valley-Goose Bay
        Place(country: "CA", postalCode: "A1C 5M2", zone: "America/St_Johns"),
        Place(country: "CA", postalCode: "S9V 0A1", zone: "America/Edmonton"),                // Lloydminster SK
        Place(country: "CA", postalCode: "S4P 3Y2", zone: "America/Regina"),
        Place(country: "CA", postalCode: "V1G 4H8", zone: "America/Dawson_Creek"),
        Place(country: "CA", postalCode: "V1C 4H4", zone: "America/Edmonton"),                // Cranbrook
        Place(country: "CA", postalCode: "V6B 1A1", zone: "America/Vancouver"),
        Place(country: "CA", region: "NU", postalCode: "X0A 0H0", zone: "America/Iqaluit"),
        Place(country: "CA", region: "NU", postalCode: "X0C 0G0", zone: "America/Rankin_Inlet"),
        Place(country: "CA", postalCode: "X1A 2P7", zone: "America/Edmonton"),                // Yellowknife
        Place(country: "CA", postalCode: "G0G 1W0", zone: "America/Blanc-Sablon"),
        Place(country: "CA", postalCode: "H2X 1Y4", zone: "America/Toronto"),                 // Montréal
        Place(country: "CA", postalCode: "R3C 4T3", zone: "America/Winnipeg"),
        // Mexico, Brazil, Australia.
        Place(country: "MX", postalCode: "32000", zone: "America/Ciudad_Juarez"),
        Place(country: "MX", region: "Chihuahua", postalCode: "31000", zone: "America/Chihuahua"),
        Place(country: "MX", postalCode: "22000", zone: "America/Tijuana"),
        Place(country: "MX", postalCode: "77500", zone: "America/Cancun"),
        Place(country: "MX", postalCode: "88000", zone: "America/Matamoros"),                 // Nuevo Laredo
        Place(country: "MX", postalCode: "89000", zone: "America/Monterrey"),                 // Tampico
        Place(country: "MX", postalCode: "06000", zone: "America/Mexico_City"),
        Place(country: "BR", postalCode: "01310-100", zone: "America/Sao_Paulo"),
        Place(country: "BR", postalCode: "69005-000", zone: "America/Manaus"),
        Place(country: "BR", postalCode: "69900-000", zone: "America/Rio_Branco"),
        Place(country: "BR", postalCode: "53990-000", zone: "America/Noronha"),
        Place(country: "BR", postalCode: "50000-000", zone: "America/Recife"),
        Place(country: "AU", postalCode: "2000", zone: "Australia/Sydney"),
        Place(country: "AU", region: "NSW", postalCode: "2880", zone: "Australia/Broken_Hill"),
        Place(country: "AU", postalCode: "2898", zone: "Australia/Lord_Howe"),
        Place(country: "AU", postalCode: "0800", zone: "Australia/Darwin"),
        Place(country: "AU", postalCode: "6000", zone: "Australia/Perth"),
        Place(country: "AU", postalCode: "2600", zone: "Australia/Sydney"),
        // Outlying areas of otherwise single-zone countries.
        Place(country: "ES", postalCode: "35001", zone: "Atlantic/Canary"),
        Place(country: "ES", postalCode: "28001", zone: "Europe/Madrid"),
        Place(country: "PT", postalCode: "9000-001", zone: "Atlantic/Madeira"),
        Place(country: "PT", postalCode: "9500-001", zone: "Atlantic/Azores"),
        Place(country: "PT", postalCode: "1000-001", zone: "Europe/Lisbon"),
        Place(country: "FR", postalCode: "97200", zone: "America/Martinique"),
        Place(country: "FR", postalCode: "75001", zone: "Europe/Paris"),
        Place(country: "DE", postalCode: "78266", zone: "Europe/Busingen"),
        Place(country: "NZ", postalCode: "8942", zone: "Pacific/Chatham"),
    ]

    @Test("postal codes in split regions", arguments: postalCodes)
    func postalCode(_ c: Place) {
        let location = Location(region: c.region, postalCode: c.postalCode, country: c.country, longitude: c.longitude)
        #expect(ZoneResolver.zoneIdentifier(for: location) == c.zone)
    }

    @Test("every region code and name finds its own row")
    func regionRoundTrip() throws {
        for (country, rows) in RegionZones.tables {
            let index = try #require(RegionIndex.all[country])
            for row in rows {
                for spelling in row.codes + row.names {
                    #expect(index.row(for: spelling, country: country)?.zone == row.zone, "\(country) \(spelling)")
                }
            }
        }
    }

    @Test("every zone in the tables is known to Foundation")
    func zonesExist() {
        var identifiers = Set(CountryZones.singleZone.values).union(CountryZones.mainZone.values)
        for rows in RegionZones.tables.values { identifiers.formUnion(rows.compactMap(\.zone)) }
        identifiers.formUnion(PostalZones.usPrefixes.map(\.1))
        identifiers.formUnion(PostalZones.usZIPs.values)
        identifiers.formUnion(PostalZones.canadaFSAs.values)
        identifiers.formUnion(PostalZones.canadaFullCodes.values)
        identifiers.formUnion(PostalZones.mexicoRanges.map(\.1))
        identifiers.formUnion(PostalZones.spain.values)
        identifiers.formUnion(PostalZones.franceOverseas.values)
        for identifier in identifiers.sorted() {
            #expect(TimeZone(identifier: identifier) != nil, "\(identifier)")
        }
    }

    /// Every country with one row in tzdb's zone.tab is in `CountryZones.singleZone` with that
    /// zone (skipped where the system has no zone.tab).
    @Test("single-zone countries match zone.tab",
          .enabled(if: FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/zone.tab"), "no /usr/share/zoneinfo/zone.tab"))
    func singleZoneCountries() throws {
        let text = try String(contentsOfFile: "/usr/share/zoneinfo/zone.tab", encoding: .utf8)
        var zones: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 3 else { continue }
            zones[String(fields[0]), default: []].append(String(fields[2]))
        }
        let single = zones.filter { $0.value.count == 1 }
        #expect(single.count >= 200)
        for (country, list) in single {
            #expect(CountryZones.singleZone[country] == list[0], "\(country)")
        }
        for country in CountryZones.singleZone.keys {
            #expect(single[country] != nil, "\(country) has several zones in zone.tab")
        }
    }

    // MARK: Abbreviations

    struct Abbreviation: Sendable, CustomTestStringConvertible {
        let text: String
        var country: String?
        let offset: String?
        var testDescription: String { "\(text)\(country.map { " in \($0)" } ?? "") → \(offset ?? "nil")" }
    }

    static let abbreviations: [Abbreviation] = [
        Abbreviation(text: "EST", offset: "-05:00"), Abbreviation(text: "EDT", offset: "-04:00"),
        Abbreviation(text: "CST", offset: "-06:00"), Abbreviation(text: "CDT", offset: "-05:00"),
        Abbreviation(text: "MST", offset: "-07:00"), Abbreviation(text: "MDT", offset: "-06:00"),
        Abbreviation(text: "PST", offset: "-08:00"), Abbreviation(text: "PDT", offset: "-07:00"),
        Abbreviation(text: "AKST", offset: "-09:00"), Abbreviation(text: "AKDT", offset: "-08:00"),
        Abbreviation(text: "HST", offset: "-10:00"), Abbreviation(text: "AST", offset: "-04:00"),
        Abbreviation(text: "ADT", offset: "-03:00"), Abbreviation(text: "NST", offset: "-03:30"),
        Abbreviation(text: "NDT", offset: "-02:30"), Abbreviation(text: "GMT", offset: "+00:00"),
        Abbreviation(text: "UTC", offset: "+00:00"), Abbreviation(text: "BST", offset: "+01:00"),
        Abbreviation(text: "CET", offset: "+01:00"), Abbreviation(text: "CEST", offset: "+02:00"),
        Abbreviation(text: "EET", offset: "+02:00"), Abbreviation(text: "MSK", offset: "+03:00"),
        Abbreviation(text: "AEST", offset: "+10:00"), Abbreviation(text: "AEDT", offset: "+11:00"),
        Abbreviation(text: "ACST", offset: "+09:30"), Abbreviation(text: "ACDT", offset: "+10:30"),
        Abbreviation(text: "AWST", offset: "+08:00"), Abbreviation(text: "NZST", offset: "+12:00"),
        Abbreviation(text: "NZDT", offset: "+13:00"), Abbreviation(text: "IST", offset: "+05:30"),
        Abbreviation(text: "JST", offset: "+09:00"),
        Abbreviation(text: " est ", offset: "-05:00"), Abbreviation(text: "Pdt", offset: "-07:00"),
        // Explicit offsets.
        Abbreviation(text: "GMT-04:00", offset: "-04:00"), Abbreviation(text: "UTC+5:30", offset: "+05:30"),
        Abbreviation(text: "GMT+0530", offset: "+05:30"), Abbreviation(text: "-04.00", offset: "-04:00"),
        Abbreviation(text: "+02:00", offset: "+02:00"), Abbreviation(text: "GMT-7", offset: "-07:00"),
        Abbreviation(text: "UTC+14", offset: "+14:00"), Abbreviation(text: "GMT+15", offset: nil),
        Abbreviation(text: "GMT+5:3", offset: nil),
        // Regional meanings.
        Abbreviation(text: "CST", country: "CN", offset: "+08:00"), Abbreviation(text: "CST", country: "US", offset: "-06:00"),
        Abbreviation(text: "IST", country: "IE", offset: "+01:00"), Abbreviation(text: "IST", country: "IN", offset: "+05:30"),
        Abbreviation(text: "AST", country: "SA", offset: "+03:00"), Abbreviation(text: "BST", country: "bd", offset: "+06:00"),
        // Not offsets.
        Abbreviation(text: "ET", offset: nil), Abbreviation(text: "PT", offset: nil), Abbreviation(text: "XYZ", offset: nil),
        Abbreviation(text: "", offset: nil),
    ]

    @Test("zone abbreviations", arguments: abbreviations)
    func abbreviation(_ c: Abbreviation) {
        let offset = c.country == nil ? ZoneResolver.offset(abbreviation: c.text)
                                      : ZoneResolver.offset(abbreviation: c.text, country: c.country)
        #expect(offset?.description == c.offset)
    }

    @Test("a Canada Post time with its abbreviation is a carrier offset")
    func canadaPostAbbreviation() throws {
        let offset = try #require(ZoneResolver.offset(abbreviation: "EST"))
        let result = ZoneResolver.resolve(local: local("2011-02-03T11:59:59"), offset: offset,
                                          location: Location(city: "Ottawa", region: "ON", country: "CA"))
        #expect(result.zoneSource == .carrierOffset)
        #expect(result.occurredAt == instant("2011-02-03T16:59:59Z"))
    }

    struct Family: Sendable, CustomTestStringConvertible {
        let family: String
        var location: Location?
        let zone: String?
        var testDescription: String { "\(family) at \(location?.region ?? location?.country ?? "-") → \(zone ?? "nil")" }
    }

    static let families: [Family] = [
        Family(family: "MT", zone: "America/Denver"),
        Family(family: "MT", location: Location(region: "AZ", country: "US"), zone: "America/Phoenix"),
        Family(family: "Mountain", location: Location(region: "ID", postalCode: "83702", country: "US"), zone: "America/Boise"),
        Family(family: "CT", location: Location(region: "SK", country: "CA"), zone: "America/Regina"),
        Family(family: "ET", location: Location(postalCode: "46204", country: "US"), zone: "America/Indiana/Indianapolis"),
        Family(family: "ET", location: berlin, zone: "America/New_York"),
        Family(family: "pt", zone: "America/Los_Angeles"),
        Family(family: "NT", zone: "America/St_Johns"),
        Family(family: "EST", zone: nil),
        Family(family: "XX", zone: nil),
    ]

    @Test("zone families follow the location's standard time", arguments: families)
    func family(_ c: Family) {
        #expect(ZoneResolver.zone(family: c.family, location: c.location)?.identifier == c.zone)
    }
}
