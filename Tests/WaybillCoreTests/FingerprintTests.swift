import Foundation
import Testing
@testable import WaybillCore

/// A change to an event, named for the test report.
struct Variation: Sendable, CustomTestStringConvertible {
    let name: String
    let apply: @Sendable (inout CanonicalEvent) -> Void

    init(_ name: String, _ apply: @escaping @Sendable (inout CanonicalEvent) -> Void) {
        self.name = name
        self.apply = apply
    }

    var testDescription: String { name }
}

@Suite("Event fingerprints")
struct FingerprintTests {
    static let shipment = "shp_01JDX3M5Q8W6Y7Z9A0B1C2D3E4"

    /// A scan as one feed reports it.
    static let scan = CanonicalEvent(
        status: .inTransit,
        substatus: .arrivedFacility,
        reason: nil,
        carrierCode: "AR",
        carrierDescription: "Arrived at FedEx location",
        occurredAt: instant("2026-11-20T06:45:00-05:00"),
        localTime: local("2026-11-20T06:45"),
        utcOffset: UTCOffset(seconds: -18000),
        zoneSource: .carrierOffset,
        location: Location(city: "Memphis", region: "TN", postalCode: "38118", country: "US"),
        sequence: 4
    )

    static func fingerprint(_ event: CanonicalEvent, shipment: String = shipment) -> String {
        EventFingerprint.make(shipmentID: shipment, event: event)
    }

    @Test func isLowercaseHexSHA256() {
        let value = Self.fingerprint(Self.scan)
        #expect(value.count == 64)
        #expect(value.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(Self.fingerprint(Self.scan) == value)
        #expect(Self.scan.fingerprint(shipmentID: Self.shipment) == value)
    }

    /// The same scan as another feed reports it: only what does not identify the scan differs.
    @Test(arguments: [
        Variation("another carrier code") { $0.carrierCode = "20" },
        Variation("no carrier code") { $0.carrierCode = nil },
        Variation("another description") { $0.carrierDescription = "ARRIVED AT FEDEX HUB" },
        Variation("no description") { $0.carrierDescription = nil },
        Variation("a reason") { $0.reason = .carrierDelay },
        Variation("action required") { $0.actionRequired = true },
        Variation("another sequence") { $0.sequence = 17 },
        Variation("no local time") { $0.localTime = nil },
        Variation("another zone source") { $0.zoneSource = .location },
        Variation("no offset") { $0.utcOffset = nil },
        Variation("informational") { $0.isInformational = true },
        Variation("a signer") { $0.signedBy = "SMITH" },
        Variation("sub-second precision") { $0.occurredAt = instant("2026-11-20T11:45:00.750Z") },
        Variation("coordinates") { $0.location?.latitude = 35.04; $0.location?.longitude = -89.98 },
        Variation("upper-case city") { $0.location?.city = "MEMPHIS" },
        Variation("padded city and region") { $0.location?.city = "  memphis \n"; $0.location?.region = " tn" },
        Variation("lower-case country") { $0.location?.country = "us" },
    ])
    func sameScanSameFingerprint(_ variation: Variation) {
        var other = Self.scan
        variation.apply(&other)
        #expect(Self.fingerprint(other) == Self.fingerprint(Self.scan))
    }

    @Test(arguments: [
        Variation("another status") { $0.status = .exception },
        Variation("another substatus") { $0.substatus = .departedFacility },
        Variation("no substatus") { $0.substatus = nil },
        Variation("another instant") { $0.occurredAt = instant("2026-11-20T11:45:01Z") },
        Variation("an instant a minute later") { $0.occurredAt = instant("2026-11-20T11:46:00Z") },
        Variation("another city") { $0.location?.city = "Nashville" },
        Variation("another region") { $0.location?.region = "AR" },
        Variation("another postal code") { $0.location?.postalCode = "38119" },
        Variation("another country") { $0.location?.country = "CA" },
        Variation("no location") { $0.location = nil },
        Variation("no instant, local time only") { $0.occurredAt = nil },
    ])
    func differentScanDifferentFingerprint(_ variation: Variation) {
        var other = Self.scan
        variation.apply(&other)
        #expect(Self.fingerprint(other) != Self.fingerprint(Self.scan))
    }

    @Test func differentShipmentDifferentFingerprint() {
        #expect(Self.fingerprint(Self.scan, shipment: "shp_01JDX3M5Q8W6Y7Z9A0B1C2D3E5") != Self.fingerprint(Self.scan))
    }

    @Test func theInstantIsComparedAsAnInstantWhateverItsOffset() {
        var other = Self.scan
        other.occurredAt = instant("2026-11-20T12:45:00+01:00")
        other.utcOffset = UTCOffset(seconds: 3600)
        #expect(Self.fingerprint(other) == Self.fingerprint(Self.scan))
    }

    @Test func wholeSecondsBeforeNineteenSeventy() {
        var first = Self.scan
        first.occurredAt = instant("1969-12-31T23:59:59.100Z")
        var second = Self.scan
        second.occurredAt = instant("1969-12-31T23:59:59.900Z")
        var next = Self.scan
        next.occurredAt = instant("1970-01-01T00:00:00.000Z")
        #expect(Self.fingerprint(first) == Self.fingerprint(second))
        #expect(Self.fingerprint(first) != Self.fingerprint(next))
    }

    @Test(arguments: [
        (Location(city: "Paris", country: "FR"), Location(city: " PARIS ", country: "fr")),
        (Location(city: "New York", region: "NY"), Location(city: "  new   york ", region: "ny")),
        (Location(city: "Saint-Denis", country: "FR"), Location(city: "SAINT-DENIS\t", country: " FR ")),
        (Location(postalCode: "SW1A 1AA", country: "GB"), Location(postalCode: "sw1a1aa", country: "GB")),
        (Location(postalCode: "75001"), Location(postalCode: " 75 001 ")),
        (Location(city: "Köln", country: "DE"), Location(city: "KÖLN", country: "DE")),
    ])
    func locationIsNormalized(_ first: Location, _ second: Location) {
        #expect(first.normalizedKey == second.normalizedKey)
        var a = Self.scan
        a.location = first
        var b = Self.scan
        b.location = second
        #expect(Self.fingerprint(a) == Self.fingerprint(b))
    }

    @Test func locationFieldsAreNotInterchangeable() {
        var asCity = Self.scan
        asCity.location = Location(city: "Georgia")
        var asRegion = Self.scan
        asRegion.location = Location(region: "Georgia")
        #expect(Self.fingerprint(asCity) != Self.fingerprint(asRegion))
    }

    @Test func anEmptyLocationIsNoLocation() {
        // A feed that builds a Location from absent fields, and a store that reads one back as nil,
        // must agree on the scan's identity.
        var none = Self.scan
        none.location = nil
        for empty in [Location(), Location(city: "  ", region: ""), Location(latitude: 35.04, longitude: -89.98)] {
            var other = Self.scan
            other.location = empty
            #expect(Self.fingerprint(other) == Self.fingerprint(none))
        }
    }

    @Test func fallsBackToLocalTimeWithoutAnInstant() {
        var local1 = Self.scan
        local1.occurredAt = nil
        local1.utcOffset = nil
        local1.zoneSource = .unknown
        // Another feed with the same local time but another sequence and carrier code: the same scan.
        var local2 = local1
        local2.sequence = 99
        local2.carrierCode = "ARR"
        #expect(Self.fingerprint(local1) == Self.fingerprint(local2))
        // Another local time is another scan; so is a date alone.
        var later = local1
        later.localTime = local("2026-11-20T06:46")
        #expect(Self.fingerprint(later) != Self.fingerprint(local1))
        var dateOnly = local1
        dateOnly.localTime = local("2026-11-20")
        #expect(Self.fingerprint(dateOnly) != Self.fingerprint(local1))
        // Equal local times written differently are one scan.
        var written = local1
        written.localTime = local("2026-11-20 06:45:00.000")
        #expect(Self.fingerprint(written) == Self.fingerprint(local1))
    }

    @Test func fallsBackToSequenceWithoutAnyTime() {
        var first = Self.scan
        first.occurredAt = nil
        first.localTime = nil
        var same = first
        same.carrierDescription = "something else"
        var second = first
        second.sequence = 5
        #expect(Self.fingerprint(first) == Self.fingerprint(same))
        #expect(Self.fingerprint(first) != Self.fingerprint(second))
    }

    @Test func aLocalTimeIsNotConfusedWithAnInstant() {
        // "2026-11-20T06:45" local and an instant whose seconds happen to spell something else never collide.
        var withInstant = Self.scan
        withInstant.localTime = nil
        var withLocal = Self.scan
        withLocal.occurredAt = nil
        #expect(Self.fingerprint(withInstant) != Self.fingerprint(withLocal))
    }

    @Test func distinctAcrossEveryStatusAndSubstatus() {
        var seen = Set<String>()
        for status in ShipmentStatus.allCases {
            for substatus in [nil] + Substatus.allCases.map(Optional.some) {
                var event = Self.scan
                event.status = status
                event.substatus = substatus
                seen.insert(Self.fingerprint(event))
            }
        }
        #expect(seen.count == ShipmentStatus.allCases.count * (Substatus.allCases.count + 1))
    }
}
