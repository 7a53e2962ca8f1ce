import Foundation
import Testing
import WaybillCore
@testable import WaybillCarriers

@Suite("AfterShip adapter")
struct AfterShipTests {
    let adapter = AfterShipAdapter()

    func parseFixture(_ name: String) throws -> CarrierParseResult {
        try adapter.parse(Data(contentsOf: CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/aftership/\(name).json")))
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func realTrackingKeepsCarrierOffsetsAndUTCDeliveryDate() throws {
        let url = CarrierTestFiles.sharedSamples.appendingPathComponent("aftership/tracking-v4-fedex-delivered.json")
        let shipment = try #require(adapter.parse(Data(contentsOf: url)).shipments.first)
        #expect(shipment.carrier == "fedex" && shipment.service == "FedEx International Economy")
        #expect(shipment.events.count == 14)
        let pickedUp = shipment.events[1]
        #expect(pickedUp.carrierCode == "InTransit_002" && pickedUp.substatus == .pickedUp)
        #expect(pickedUp.utcOffset?.description == "+08:00" && pickedUp.location?.country == "CN")
        let delivered = try #require(shipment.events.last)
        #expect(delivered.occurredAt.map(Timestamp.utcString) == "2018-07-25T01:10:00.000Z")
        #expect(shipment.deliveredAt.map(Timestamp.utcString) == "2018-07-25T01:10:00.000Z")
        #expect(shipment.signedBy == "..KOSUTOKO" && shipment.state.status == .delivered)
        #expect(shipment.alternateTrackingNumbers == ["61293150000079650811"])
        #expect(shipment.alternateCarriers == ["61293150000079650811": "usps"])
    }

    @Test func webhookAttemptAndPickupPointWithEveryTimeForm() throws {
        let shipment = try #require(parseFixture("webhook-attempt-pickup").shipments.first)
        #expect(shipment.carrier == "royal_mail" && shipment.references == ["58213", "#58213"])
        let label = shipment.events[0]
        #expect(label.status == .infoReceived && label.zoneSource == .unknown && label.occurredAt == nil)
        let accepted = shipment.events[1]
        #expect(accepted.zoneSource == .location && accepted.location?.country == "GB")
        #expect(accepted.occurredAt.map(Timestamp.utcString) == "2024-11-18T17:42:00.000Z")
        let utcOnly = shipment.events[2]
        #expect(utcOnly.zoneSource == .carrierUTC && utcOnly.localTime == nil)
        #expect(shipment.events[3].zoneSource == .carrierOffset && shipment.events[3].status == .outForDelivery)
        let attempt = shipment.events[4]
        #expect(attempt.status == .attemptFailed && attempt.reason == .consigneeNotHome)
        let limbo = shipment.events[5]
        #expect(limbo.substatus == .unmapped && limbo.status == .attemptFailed && limbo.carrierCode == "Limbo_001")
        #expect(shipment.events[6].status == .availableForPickup && shipment.events[6].actionRequired)
        #expect(shipment.state.status == .availableForPickup)
        let estimate = try #require(shipment.estimatedDelivery)
        #expect(estimate.earliest.local?.description == "2024-11-20" && estimate.latest?.local?.description == "2024-11-21")
    }

    @Test func returnFlagTurnsTheReturnLegDeliveryIntoAReturn() throws {
        let shipment = try #require(parseFixture("webhook-return-to-sender").shipments.first)
        #expect(shipment.events[1].status == .exception && shipment.events[1].reason == .addressIncorrect)
        #expect(shipment.events[2].status == .returnedToSender)
        let last = try #require(shipment.events.last)
        #expect(last.status == .returnedToSender && last.substatus == .returnedToSender && last.carrierCode == "Delivered_001")
        #expect(shipment.state.status == .returnedToSender)
        #expect(shipment.deliveredAt == nil)
    }

    @Test func newerAPIShapeWithCountryRegion() throws {
        let shipment = try #require(parseFixture("api-2024-04-delivered-signed").shipments.first)
        #expect(shipment.carrier == "usps" && shipment.references == ["A-20931"])
        let delivered = try #require(shipment.events.last)
        #expect(delivered.substatus == .deliveredSigned && delivered.signedBy == "T WILLIAMS")
        #expect(delivered.location?.country == "US" && delivered.location?.postalCode == "30030")
        #expect(delivered.occurredAt.map(Timestamp.utcString) == "2024-11-22T19:04:00.000Z")
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2024-11-22")
    }

    @Test func errorsAreNotices() throws {
        let missing = try parseFixture("error-not-found")
        #expect(missing.shipments.isEmpty && missing.notices.first?.kind == .notFound && missing.notices.first?.code == "4004")
        let unauthorized = try parseFixture("error-unauthorized")
        #expect(unauthorized.notices.first?.kind == .error && unauthorized.notices.first?.code == "401")
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data(#"{"trackResponse":{}}"#.utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("not json".utf8)) }
    }

    @Test func trackingRequestUsesTheAPIKeyHeader() {
        let request = adapter.trackingRequest(for: ["JJD000390012345678", "9205590164917312751089"], configuration: CarrierConfiguration(
            baseURL: "https://api.aftership.com", credentials: ["api_key": "asat_123"]))
        #expect(request.method == "GET")
        #expect(request.url == "https://api.aftership.com/tracking/2024-04/trackings?tracking_numbers=JJD000390012345678,9205590164917312751089")
        #expect(request.headers["as-api-key"] == "asat_123")
        #expect(adapter.auth == .apiKeyHeader(name: "as-api-key"))
        #expect(adapter.sniff(Data(#"{"event_id":"x","msg":{}}"#.utf8)) > 0.5 && adapter.sniff(Data(#"{"a":1}"#.utf8)) == 0)
    }

    @Test func registryRecognisesTheFixtures() throws {
        for url in CarrierTestFiles.fixtures(for: "aftership") where !url.lastPathComponent.contains("error") {
            #expect(CarrierRegistry.sniff(try Data(contentsOf: url))?.id == "aftership", "\(url.lastPathComponent)")
        }
    }

    @Test func aPlainTextBodyIsRefusedQuotingIt() {
        // AfterShip's SDK recorded a 502 whose body is the plain text "Interal Error".
        #expect(adapter.sniff(Data("Interal Error\n".utf8)) == 0)
        do {
            _ = try adapter.parse(Data("Interal Error\n".utf8))
            Issue.record("a plain-text body was accepted")
        } catch {
            #expect(error.reason.contains("plain text") && error.reason.contains("\"Interal Error\""))
        }
    }

    @Test func aDeliveredTagWithoutADeliveryCheckpointBecomesTheDeliveryEvent() throws {
        let body = #"{"meta":{"code":200},"data":{"tracking":{"tracking_number":"1Z999AA10123456784","slug":"ups","tag":"Delivered","subtag":"Delivered_001","subtag_message":"Delivered","shipment_delivery_date":"2024-05-02T14:03:00","signed_by":"Signature not required","checkpoints":[{"checkpoint_time":"2024-05-01T09:00:00-04:00","message":"Departed from facility","tag":"InTransit","subtag":"InTransit_007"}]}}}"#
        let shipment = try #require(adapter.parse(Data(body.utf8)).shipments.first)
        #expect(shipment.state.status == .delivered && shipment.events.count == 2)
        #expect(shipment.events.last?.occurredAt.map(Timestamp.utcString) == "2024-05-02T14:03:00.000Z")
        #expect(shipment.events.last?.carrierCode == "Delivered_001")
        #expect(shipment.signedBy == nil)
    }

    @Test func aLocalTimeLaterThanAfterShipsRecordOfItHasNoInstant() throws {
        let body = #"{"meta":{"code":200},"data":{"tracking":{"tracking_number":"00340434161094042557","slug":"dhl-germany","tag":"InTransit","updated_at":"2024-05-02T08:00:00+00:00","checkpoints":[{"created_at":"2024-05-02T08:00:00+00:00","checkpoint_time":"2024-05-02T13:00:00","country_iso3":"DEU","message":"Die Sendung wurde im Start-Paketzentrum bearbeitet.","tag":"InTransit","subtag":"InTransit_001"}]}}}"#
        let result = try adapter.parse(Data(body.utf8))
        let event = try #require(result.shipments.first?.events.first)
        // 13:00 in Germany is 11:00Z, three hours after AfterShip recorded the checkpoint.
        #expect(event.occurredAt == nil && event.zoneSource == .unknown && event.localTime?.description == "2024-05-02T13:00:00")
        #expect(result.notices.map(\.path) == ["data.tracking.checkpoints[0].checkpoint_time"])
        #expect(result.shipments.first?.carrier == "dhl")
    }
}
