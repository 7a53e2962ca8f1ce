import Foundation
import Testing
import WaybillCore
@testable import WaybillCarriers

@Suite("FedEx adapter")
struct FedExTests {
    let adapter = FedExAdapter()

    func parseFixture(_ name: String) throws -> CarrierParseResult {
        let url = CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/fedex/\(name).json")
        return try adapter.parse(Data(contentsOf: url))
    }

    func parseSample(_ path: String) throws -> CarrierParseResult {
        try adapter.parse(Data(contentsOf: CarrierTestFiles.sharedSamples.appendingPathComponent(path)))
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func reusedNumberKeepsTheCurrentParcel() throws {
        let result = try parseSample("fedex/track-duplicate-tn-exception-delivered.json")
        #expect(result.shipments.count == 1)
        let shipment = try #require(result.shipments.first)
        #expect(shipment.alternateTrackingNumbers.first == "2460426000~776094337676~FX")
        #expect(shipment.state.status == .delivered)
        #expect(shipment.signedBy == "D.HERRERA")
        #expect(shipment.deliveredAt.map(Timestamp.utcString) == "2024-04-26T16:26:00.000Z")
        let notHome = try #require(shipment.events.first { $0.reason == .consigneeNotHome })
        #expect(notHome.status == .attemptFailed && notHome.carrierCode == "DE")
        // "Arriving on time" adds information; it does not move the status.
        #expect(shipment.events.first { $0.carrierCode == "AO" }?.isInformational == true)
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func deliveredGroundSampleKeepsOffsetsAndDateOnlyPickup() throws {
        let shipment = try #require(parseSample("fedex/track-delivered-ground.json").shipments.first)
        let pickup = try #require(shipment.events.first)
        #expect(pickup.carrierCode == "PU" && pickup.localTime?.description == "2024-08-15" && pickup.occurredAt == nil)
        let delivered = try #require(shipment.events.last)
        #expect(delivered.occurredAt.map(Timestamp.utcString) == "2024-08-20T16:41:57.000Z")
        #expect(delivered.utcOffset?.description == "-04:00" && delivered.zoneSource == .carrierOffset)
        #expect(shipment.references == ["G177832"])
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2024-08-21")
    }

    @Test func attemptAddressExceptionAndPickupPoint() throws {
        let shipment = try #require(parseFixture("track-attempt-exception-pickup-fr").shipments.first)
        #expect(shipment.events.map(\.carrierCode) == ["OC", "PU", "AR", "OD", "DE", "DE", "HP"])
        #expect(shipment.events.map(\.sequence) == Array(0..<7))
        let created = shipment.events[0]
        #expect(created.zoneSource == .carrierOffset && created.occurredAt.map(Timestamp.utcString) == "2024-11-17T23:21:09.000Z")
        let pickup = shipment.events[1]
        #expect(pickup.localTime?.description == "2024-11-18" && pickup.occurredAt == nil && pickup.zoneSource == .unknown)
        let arrived = shipment.events[2]
        #expect(arrived.zoneSource == .location && arrived.utcOffset?.description == "+01:00")
        #expect(arrived.occurredAt.map(Timestamp.utcString) == "2024-11-19T05:30:00.000Z")
        #expect(shipment.events[4].status == .attemptFailed && shipment.events[4].reason == .consigneeNotHome)
        let address = shipment.events[5]
        #expect(address.status == .exception && address.substatus == .addressProblem && address.reason == .addressIncorrect && address.actionRequired)
        #expect(shipment.events[6].status == .availableForPickup && shipment.events[6].actionRequired)
        #expect(shipment.state.status == .availableForPickup)
        let estimate = try #require(shipment.estimatedDelivery)
        #expect(estimate.earliest.instant.map(Timestamp.utcString) == "2024-11-22T08:00:00.000Z")
        #expect(estimate.latest?.instant.map(Timestamp.utcString) == "2024-11-22T12:00:00.000Z")
        #expect(shipment.references == ["CMD-88412", "PO-5531"])
        #expect(shipment.signedBy == nil)
        #expect(shipment.service == "FedEx International Priority")
    }

    @Test func deliveredReturnedAndNotFoundInOneAnswer() throws {
        let result = try parseFixture("track-delivered-and-return-and-not-found")
        #expect(result.shipments.map(\.trackingNumber) == ["281744392031", "390211775540"])
        #expect(result.notices == [CarrierNotice(trackingNumber: "999999999999", kind: .notFound, code: "TRACKING.TRACKINGNUMBER.NOTFOUND",
                                                 message: "Tracking number cannot be found. Please correct the tracking number and try again.")])
        let delivered = result.shipments[0]
        #expect(delivered.state.status == .delivered)
        #expect(delivered.deliveredAt.map(Timestamp.utcString) == "2024-11-21T15:02:44.000Z")
        #expect(delivered.signedBy == "K.OKAFOR" && delivered.deliveryLocation == "Front door")
        #expect(delivered.proofOfDelivery == ["SIGNATURE_PROOF_OF_DELIVERY"])
        #expect(delivered.alternateTrackingNumbers == ["12028~281744392031~FDEG", "DT106798240011"])
        let unknown = delivered.events[1]
        #expect(unknown.substatus == .unmapped && unknown.status == .inTransit && unknown.zoneSource == .unknown && unknown.occurredAt == nil)
        let utcOnly = delivered.events[2]
        #expect(utcOnly.zoneSource == .carrierUTC && utcOnly.occurredAt.map(Timestamp.utcString) == "2024-11-21T13:01:00.000Z")
        #expect(utcOnly.localTime == nil)
        #expect(delivered.events[3].substatus == .deliveredSigned && delivered.events[3].signedBy == "K.OKAFOR")
        let returned = result.shipments[1]
        #expect(returned.events[0].status == .exception && returned.events[0].reason == .refused)
        #expect(returned.events[1].status == .returnedToSender && returned.events[1].reason == .refused)
        #expect(returned.state.status == .returnedToSender)
        #expect(result.unmappedEventCount == 1)
    }

    @Test func requestLevelErrorsAreNotices() throws {
        let result = try parseFixture("error-unauthorized")
        #expect(result.shipments.isEmpty)
        #expect(result.notices.first?.kind == .error && result.notices.first?.code == "NOT.AUTHORIZED.ERROR")
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("{\"trackResponse\":{}}".utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("[1,2".utf8)) }
    }

    @Test func sniffsFedExBodies() {
        #expect(adapter.sniff(Data("{\"output\":{\"completeTrackResults\":[]}}".utf8)) > 0.5)
        #expect(adapter.sniff(Data("{\"trackResponse\":{}}".utf8)) == 0)
    }

    @Test func trackingRequestPostsUpToThirtyNumbers() throws {
        let numbers = (0..<35).map { String(794_887_032_100 + $0) }
        let request = adapter.trackingRequest(for: numbers, configuration: CarrierConfiguration(
            baseURL: "https://apis-sandbox.fedex.com", credentials: ["access_token": "abc"]))
        #expect(request.method == "POST")
        #expect(request.url == "https://apis-sandbox.fedex.com/track/v1/trackingnumbers")
        #expect(request.headers["Authorization"] == "Bearer abc" && request.headers["Content-Type"] == "application/json")
        let body = try JSONValue.parse(try #require(request.body))
        #expect(body["includeDetailedScans"] == .bool(true))
        let info = try #require(body["trackingInfo"]?.arrayValue)
        #expect(info.count == 30)
        #expect(info.first?["trackingNumberInfo"]?["trackingNumber"]?.stringValue == "794887032100")
        #expect(adapter.auth == .oauth2ClientCredentials(tokenPath: "/oauth/token"))
    }

    @Test func registryRecognisesTheFixtures() throws {
        for url in CarrierTestFiles.fixtures(for: "fedex") where !url.lastPathComponent.contains("error") {
            #expect(CarrierRegistry.sniff(try Data(contentsOf: url))?.id == "fedex", "\(url.lastPathComponent)")
        }
    }
}
