import Foundation
import Testing
@testable import WaybillCarriers
import WaybillCore

@Suite("DPD adapter")
struct DPDTests {
    let adapter = DPDAdapter()

    func fixture(_ name: String) throws -> CarrierParseResult {
        let url = CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/dpd/\(name)")
        return try adapter.parse(Data(contentsOf: url))
    }

    @Test("real sample: 12-hour clock read right, local depot time resolved by country, last status attempt_failed",
          .enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func realSample() throws {
        let url = CarrierTestFiles.sharedSamples.appendingPathComponent("dpd/parcellifecycle-delivery-failure-parcelshop.xml")
        let result = try adapter.parse(Data(contentsOf: url), requestedNumber: "05212345678901")
        let shipment = try #require(result.shipments.first)
        #expect(shipment.trackingNumber == "05212345678901")
        #expect(shipment.service == "DPD PARCELSHOP DELIVERY")
        let first = try #require(shipment.events.first)
        // "8/17/2021 7:11:26 PM" in Puurs (BE), CEST: karrio makes it 07:11 UTC.
        #expect(first.localTime?.description == "2021-08-17T19:11:26")
        #expect(first.utcOffset?.description == "+02:00")
        #expect(first.zoneSource == .location)
        #expect(first.occurredAt.map(Timestamp.utcString) == "2021-08-17T17:11:26.000Z")
        #expect(first.location == Location(city: "Puurs", country: "BE"))
        #expect(shipment.events.contains { $0.status == .availableForPickup && $0.actionRequired })
        #expect(shipment.events.last?.carrierCode == "ReturningFromDelivery")
        #expect(shipment.state.status == .attemptFailed)
        #expect(result.unmappedEventCount == 0)
    }

    @Test("delivered across the DST change: each local time gets its own offset")
    func delivered() throws {
        let shipment = try #require(try fixture("delivered.xml").shipments.first)
        #expect(shipment.trackingNumber == "")
        #expect(shipment.events.map(\.carrierCode) == ["PickedUp", "BetweenDepots", "Depot", "Courier", "Delivered"])
        #expect(shipment.events.map(\.sequence) == [0, 1, 2, 3, 4])
        #expect(shipment.events[2].localTime?.description == "2026-03-29T00:15:09")
        #expect(shipment.events[2].utcOffset?.description == "+01:00")
        #expect(shipment.events[4].utcOffset?.description == "+02:00")
        #expect(shipment.events[4].occurredAt.map(Timestamp.utcString) == "2026-03-30T10:02:40.000Z")
        #expect(shipment.state.status == .delivered)
        #expect(shipment.state.deliveredAt == shipment.events[4].occurredAt)
    }

    @Test("failed attempt then parcel shop; unreached milestones are dropped")
    func failedAttemptThenParcelShop() throws {
        let shipment = try #require(try fixture("failed-attempt-parcelshop.xml").shipments.first)
        #expect(shipment.events.count == 3)
        #expect(shipment.events[1].status == .attemptFailed)
        #expect(shipment.events[2].status == .availableForPickup)
        #expect(shipment.events[2].substatus == .awaitingCollection)
        #expect(shipment.events[2].location?.country == "NL")
        #expect(shipment.state.status == .availableForPickup)
    }

    @Test("German date format; unknown zone keeps the local time without an instant; unknown status is unmapped")
    func unknownZoneAndUnmapped() throws {
        let result = try fixture("unknown-zone-unmapped-status.xml")
        let shipment = try #require(result.shipments.first)
        #expect(shipment.events[0].localTime?.description == "2026-03-18T10:02:00")
        #expect(shipment.events[0].zoneSource == .unknown)
        #expect(shipment.events[0].occurredAt == nil)
        #expect(shipment.events[0].location == Location(city: "Hub Nord"))
        // An unknown status whose text says "wird an den Absender zurückgeführt".
        #expect(shipment.events[1].substatus == .returnInitiated)
        #expect(shipment.events[1].status == .returnedToSender)
        #expect(shipment.events[1].location?.country == "XX")
        #expect(shipment.events[1].zoneSource == .unknown)
        #expect(result.unmappedEventCount == 0)
    }

    @Test("no reached status is a not-found notice; faults are error notices")
    func notices() throws {
        let notFound = try fixture("not-found-no-scans.xml")
        #expect(notFound.shipments.isEmpty)
        #expect(notFound.notices.map(\.kind) == [.notFound])
        let fault = try fixture("fault-invalid-parameter.xml")
        #expect(fault.notices == [CarrierNotice(trackingNumber: nil, kind: .error, code: "COMMON_7",
                                                message: "Parameter parcelLabelNumber has an invalid value.")])
    }

    @Test("a body that is not DPD throws with a location")
    func notDPD() {
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("<html><body/></html>".utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("{\"parcels\":[]}".utf8)) }
        #expect(adapter.sniff(Data("{\"parcels\":[]}".utf8)) == 0)
    }

    @Test("12-hour clock edges")
    func twelveHourClock() {
        #expect(DPDDateTime.parse("8/18/2021 12:05:00 AM")?.description == "2021-08-18T00:05:00")
        #expect(DPDDateTime.parse("8/18/2021 12:30:00 PM")?.description == "2021-08-18T12:30:00")
        #expect(DPDDateTime.parse("8/18/2021 5:11:26 PM")?.description == "2021-08-18T17:11:26")
        #expect(DPDDateTime.parse("8/18/2021 13:11:26 PM") == nil)
        #expect(DPDDateTime.parse("2021-08-18") == nil)
    }

    @Test("tracking request is a SOAP call with the credentials in the header")
    func trackingRequest() throws {
        let request = adapter.trackingRequest(
            for: ["01234567890123"],
            configuration: CarrierConfiguration(baseURL: "https://public-ws.dpd.com/", credentials: ["delisId": "acme", "authToken": "t<k>"]))
        #expect(request.method == "POST")
        #expect(request.url == "https://public-ws.dpd.com/soap/services/ParcelLifeCycleService/V2_0")
        #expect(request.headers["Content-Type"] == "text/xml; charset=utf-8")
        let body = String(decoding: try #require(request.body), as: UTF8.self)
        #expect(body.contains("<parcelLabelNumber>01234567890123</parcelLabelNumber>"))
        #expect(body.contains("<delisId>acme</delisId>"))
        #expect(body.contains("<authToken>t&lt;k&gt;</authToken>"))
        #expect(body.contains("<messageLanguage>en_US</messageLanguage>"))
        #expect(adapter.auth == .inBody)
    }
}
