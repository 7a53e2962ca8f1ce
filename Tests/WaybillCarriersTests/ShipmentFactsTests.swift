import Foundation
import Testing
@testable import WaybillCarriers
@testable import WaybillCore

@Suite("Shipment facts: signer names and possible times")
struct ShipmentFactsTests {
    @Test("a signer field holds a name or nothing", arguments: [
        ("John Tester", "John Tester"), ("TANGER(2760236908)", "TANGER"), ("M NAKAMURA", "M NAKAMURA"),
        ("Signature not required", nil), ("SIGNATURE WAIVED", nil), ("N/A", nil), ("true", nil), ("  ", nil),
        ("Left at front desk", nil), ("FRONT DOOR", nil), ("12345", nil),
    ] as [(String, String?)])
    func signerNames(_ text: String, _ name: String?) {
        #expect(SignatoryName.name(in: text) == name)
    }

    @Test("a signer field is compared by its letters, lower-cased, words single-spaced", arguments: [
        ("N/A", "na"), ("  ATL  FD ", "atl fd"), ("ATL-FD", "atlfd"), ("Jürgen  MÜLLER", "jürgen müller"),
        ("ÉLODIE 12:30", "élodie"), ("163000", ""), ("Ｊｏｈｎ", "ｊｏｈｎ"),
    ] as [(String, String)])
    func comparisonKeys(_ text: String, _ key: String) {
        #expect(SignatoryName.comparisonKey(text) == key)
    }

    @Test("the first reading not later than its document wins; when none fits the instant is unknown")
    func plausibleReadings() throws {
        let document = try #require(Timestamp.parse("2024-11-25T10:05:00Z")?.date)
        let wallClock = try #require(LocalDateTime(parsing: "2024-11-25T10:40:00"))
        let utc = ZoneResolver.resolve(local: nil, utc: wallClock.instant(atOffset: UTCOffset(seconds: 0)))
        let berlin = ZoneResolver.resolve(local: wallClock, location: Location(country: "DE"))
        let newYork = ZoneResolver.resolve(local: wallClock, location: Location(region: "NY", country: "US"))
        // 10:40Z is 35 minutes after the document: too late; Berlin's 09:40Z fits.
        #expect(PlausibleTime.choose([utc, berlin], reportedAt: document, wallClock: wallClock).reading == berlin)
        // Within the 15-minute skew the preferred reading stands (10:40Z against 10:26Z).
        #expect(PlausibleTime.choose([utc, berlin], reportedAt: document.addingTimeInterval(21 * 60), wallClock: wallClock).reading == utc)
        let none = PlausibleTime.choose([utc, newYork], reportedAt: document, wallClock: wallClock)
        #expect(!none.isPlausible && none.reading.occurredAt == nil && none.reading.localTime == wallClock)
        #expect(PlausibleTime.choose([utc, newYork], reportedAt: nil, wallClock: wallClock).reading == utc)
    }
}
