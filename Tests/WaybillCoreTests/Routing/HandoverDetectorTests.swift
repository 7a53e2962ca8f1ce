import Foundation
import Testing
@testable import WaybillCore

/// Which other carriers' numbers a carrier's data reveals (issue 4, item 6).
@Suite struct HandoverDetectorTests {
    static let uspsPIC = "9274899998944522537205"

    static func event(_ status: ShipmentStatus, _ substatus: Substatus? = nil, country: String, hours: Double = 0) -> CanonicalEvent {
        CanonicalEvent(status: status, substatus: substatus, occurredAt: Date(timeIntervalSince1970: 1_800_000_000 + hours * 3600),
                       location: Location(city: "Somewhere", country: country))
    }

    @Test func anotherCarriersValidNumberIsALastMileLeg() {
        let found = HandoverDetector.handovers(carrier: "ups", trackingNumber: "1Z999AA10123456784",
                                               alternates: [Self.uspsPIC, "4209021" + "0" + Self.uspsPIC], events: [])
        // The 420+ZIP barcode is the same USPS number: one leg, without the routing prefix.
        #expect(found == [HandoverDetector.Handover(trackingNumber: Self.uspsPIC, carrier: "usps", role: .lastMile)])
    }

    @Test func numbersThatCouldBeTheCarriersOwnOrFailTheirCheckAreNotLegs() {
        // A second UPS number (a piece of the same shipment), a USPS number with a wrong check
        // digit, a reference, and the shipment's own number.
        let found = HandoverDetector.handovers(carrier: "ups", trackingNumber: "1Z999AA10123456784",
                                               alternates: ["1Z999AA10123456784", "1Z12345E0205271688", "9274899998944522537201", "PO-4471"],
                                               events: [])
        #expect(found.isEmpty)
        #expect(HandoverDetector.handovers(carrier: "usps", trackingNumber: "1Z999AA10123456784", alternates: [Self.uspsPIC],
                                           events: []).isEmpty)
    }

    @Test func anS10ItemInTheDestinationCountrysCustomsGainsThatPost() {
        let events = [Self.event(.inTransit, .departedFacility, country: "FR"),
                      Self.event(.inTransit, .arrivedFacility, country: "DE", hours: 10),
                      Self.event(.inTransit, .customsPending, country: "US", hours: 30)]
        let found = HandoverDetector.handovers(carrier: "la_poste", trackingNumber: "LX123456785FR", alternates: [], events: events)
        #expect(found == [HandoverDetector.Handover(trackingNumber: "LX123456785FR", carrier: "usps", role: .destinationPost)])
    }

    @Test func anS10ItemOnlyPassingThroughAHubGainsNothing() {
        // Sorting in Germany is transit, not the destination; a domestic item never leaves.
        let transit = [Self.event(.inTransit, .arrivedFacility, country: "DE"), Self.event(.inTransit, .departedFacility, country: "DE")]
        #expect(HandoverDetector.handovers(carrier: "la_poste", trackingNumber: "LX123456785FR", alternates: [], events: transit).isEmpty)
        let domestic = [Self.event(.delivered, .deliveredMailbox, country: "FR")]
        #expect(HandoverDetector.handovers(carrier: "la_poste", trackingNumber: "LX123456785FR", alternates: [], events: domestic).isEmpty)
        // A number that is not S10 (a UPS number delivered abroad) has no destination post.
        let abroad = [Self.event(.delivered, country: "FR")]
        #expect(HandoverDetector.handovers(carrier: "ups", trackingNumber: "1Z999AA10123456784", alternates: [], events: abroad).isEmpty)
    }

    @Test func aPostWaybillHasNoIDForIsNotLinked() {
        // Cape Verde's post has no id of its own in Waybill (post_cv): nothing could poll it.
        let events = [Self.event(.outForDelivery, country: "CV")]
        #expect(HandoverDetector.handovers(carrier: "la_poste", trackingNumber: "LX123456785FR", alternates: [], events: events).isEmpty)
    }
}

extension HandoverDetectorTests {
    @Test func aCarrierTheDataNamesIsTakenAsIs() {
        // AfterShip's next_couriers name the carrier: no format check needed (or possible).
        let found = HandoverDetector.handovers(carrier: "fedex", trackingNumber: "111111111111",
                                               alternates: ["61293150000079650811", "111111111111"],
                                               alternateCarriers: ["61293150000079650811": "usps", "111111111111": "fedex"], events: [])
        #expect(found == [HandoverDetector.Handover(trackingNumber: "61293150000079650811", carrier: "usps", role: .lastMile)])
    }
}

extension HandoverDetectorTests {
    /// The shape test before detection must pass every number the detector reads as S10.
    @Test func theS10ShapeTestAgreesWithTheDetector() {
        let numbers = ["LX123456785FR", "RR123456785GB", "EE123456785US", "CP000000000DE", "1Z999AA10123456784",
                       "LX12345678FR", "LX1234567850FR", "lx123456785fr", "L1123456785FR", "LX123456785F1", "9400111899223197428490"]
        for number in numbers.map(TrackingNumber.normalize) {
            let detected = TrackingNumberDetector.candidates(for: number).contains { $0.format == "s10" }
            #expect(!detected || HandoverDetector.hasS10Shape(number), "\(number)")
        }
        #expect(HandoverDetector.hasS10Shape("LX123456785FR"))
        #expect(!HandoverDetector.hasS10Shape("1Z999AA10123456784"))
    }
}
