import Foundation
import Testing
import WaybillCore
@testable import WaybillCarriers

/// The classes of defects the real-world review found in UPS, FedEx and USPS (issue 13): a field
/// Waybill does not need never rejects a body, an unreadable time leaves a warning, a placeholder
/// is not a signer, a retired XML API is refused by name, a code missing from the table is read
/// from its text.
@Suite("UPS, FedEx and USPS on odd real-world bodies")
struct USCarriersLenienceTests {
    // MARK: UPS

    static func upsTrack(packageAddress: String, receivedBy: String = "", date: String = "20211021", time: String = "143316") -> Data {
        Data("""
        {"trackResponse": {"shipment": [{"package": [{
          "trackingNumber": "1ZR760R60332160282",
          "packageAddress": [{"type": "DESTINATION", "address": \(packageAddress)}],
          "deliveryInformation": {"receivedBy": "\(receivedBy)"},
          "activity": [{
            "location": {"address": {"city": "ADRIAN", "stateProvince": "MI", "country": "US"}},
            "status": {"type": "D", "description": "Delivered", "code": "FS"},
            "date": "\(date)", "time": "\(time)"
          }]
        }]}]}}
        """.utf8)
    }

    @Test func upsAddressThatIsTheTextNullKeepsTheScanAndSaysWhere() throws {
        let result = try UPSAdapter().parse(Self.upsTrack(packageAddress: "\"null\""))
        let shipment = try #require(result.shipments.first)
        #expect(shipment.events.count == 1 && shipment.state.status == .delivered)
        #expect(shipment.events[0].occurredAt.map(Timestamp.utcString) == "2021-10-21T18:33:16.000Z")
        let warning = try #require(result.notices.first)
        #expect(warning.kind == .warning && warning.path == "trackResponse.shipment[0].package[0].packageAddress[0].address")
    }

    @Test func upsUnreadableTimeKeepsTheDateAndWarns() throws {
        let result = try UPSAdapter().parse(Self.upsTrack(packageAddress: "null", time: "2:33 PM"))
        let event = try #require(result.shipments.first?.events.first)
        #expect(event.localTime?.description == "2021-10-21" && event.occurredAt == nil)
        #expect(result.notices.contains { $0.kind == .warning && $0.message.contains("2:33 PM")
            && $0.path == "trackResponse.shipment[0].package[0].activity[0]" })
    }

    @Test(arguments: ["SIGNATURE WAIVED", "N/A", "Driver Release"])
    func upsPlaceholderIsNotASigner(_ placeholder: String) throws {
        let shipment = try #require(UPSAdapter().parse(Self.upsTrack(packageAddress: "null", receivedBy: placeholder)).shipments.first)
        #expect(shipment.signedBy == nil && shipment.events[0].signedBy == nil)
        #expect(shipment.events[0].substatus != .deliveredSigned)
    }

    @Test func upsXMLTrackResponseIsRefusedByName() {
        let body = Data("<?xml version=\"1.0\"?><TrackResponse><Response><ResponseStatusCode>1</ResponseStatusCode></Response></TrackResponse>".utf8)
        #expect { try UPSAdapter().parse(body) } throws: { ($0 as? CarrierParseError)?.reason.contains("retired") == true }
        // Nor does another adapter take it (USPS answers `<TrackResponse>` too, with `<TrackInfo>`).
        #expect(CarrierRegistry.sniff(body) == nil)
        #expect(throws: CarrierParseError.self) { try USPSAdapter().parse(body) }
    }

    // MARK: FedEx

    static func fedExTrack(date: String, signedBy: String = "") -> Data {
        Data("""
        {"transactionId": "t", "output": {"completeTrackResults": [{"trackingNumber": "794843185271", "trackResults": [{
          "trackingNumberInfo": {"trackingNumber": "794843185271"},
          "deliveryDetails": {"signedByName": "\(signedBy)"},
          "scanEvents": [{"date": "\(date)", "eventType": "DL", "eventDescription": "Delivered",
                          "scanLocation": {"city": "DALLAS", "stateOrProvinceCode": "TX", "countryCode": "US"}}]
        }]}]}}
        """.utf8)
    }

    @Test func fedExSpaceBeforeTheOffsetIsRead() throws {
        let result = try FedExAdapter().parse(Self.fedExTrack(date: "2024-08-12T15:18:10 -0500"))
        let event = try #require(result.shipments.first?.events.first)
        #expect(event.zoneSource == .carrierOffset && event.occurredAt.map(Timestamp.utcString) == "2024-08-12T20:18:10.000Z")
        #expect(result.notices.isEmpty)
    }

    @Test func fedExUnreadableZoneKeepsTheLocalTimeAndWarns() throws {
        let result = try FedExAdapter().parse(Self.fedExTrack(date: "2024-08-12T15:18:10 CDT"))
        let event = try #require(result.shipments.first?.events.first)
        #expect(event.localTime?.description == "2024-08-12T15:18:10")
        // Placed by the scan's location (Texas, Central daylight time).
        #expect(event.zoneSource == .location && event.occurredAt.map(Timestamp.utcString) == "2024-08-12T20:18:10.000Z")
        #expect(result.notices.contains { $0.kind == .warning && $0.message.contains("2024-08-12T15:18:10 CDT")
            && $0.path == "output.completeTrackResults[0].trackResults[0].scanEvents[0].date" })
    }

    @Test func fedExUnreadableTimeKeepsTheEventAndWarns() throws {
        let result = try FedExAdapter().parse(Self.fedExTrack(date: "last Tuesday"))
        let event = try #require(result.shipments.first?.events.first)
        #expect(event.status == .delivered && event.localTime == nil && event.occurredAt == nil)
        #expect(result.notices.contains { $0.kind == .warning && $0.message.contains("last Tuesday") })
    }

    @Test(arguments: ["Signature not required", "N/A", "SIGNATURE WAIVED", "none"])
    func fedExPlaceholderIsNotASigner(_ placeholder: String) throws {
        let shipment = try #require(FedExAdapter().parse(Self.fedExTrack(date: "2024-08-12T15:18:10-05:00", signedBy: placeholder)).shipments.first)
        #expect(shipment.signedBy == nil && shipment.state.signedBy == nil)
    }

    @Test func fedExSignerNameIsKept() throws {
        let shipment = try #require(FedExAdapter().parse(Self.fedExTrack(date: "2024-08-12T15:18:10-05:00", signedBy: "K.KRAUS")).shipments.first)
        #expect(shipment.signedBy == "K.KRAUS" && shipment.events[0].substatus == .deliveredSigned)
    }

    @Test func fedExWebServicesReplyIsRefusedByName() {
        let body = Data("<?xml version=\"1.0\"?><TrackReply xmlns=\"http://fedex.com/ws/track/v7\"><HighestSeverity>SUCCESS</HighestSeverity></TrackReply>".utf8)
        #expect { try FedExAdapter().parse(body) } throws: { ($0 as? CarrierParseError)?.reason.contains("retired") == true }
        #expect(CarrierRegistry.sniff(body) == nil)
    }

    // MARK: USPS

    static func uspsV3(code: String, type: String, name: String = "") -> Data {
        Data("""
        {"trackingNumber": "9400100000000000000000", "trackingEvents": [{
          "eventType": "\(type)", "eventCode": "\(code)", "eventTimestamp": "2024-11-22T13:58:00",
          "GMTTimestamp": "2024-11-22T19:58:00Z", "GMTOffset": "-06:00",
          "eventCity": "CHICAGO", "eventState": "IL", "eventZIP": "60607", "name": "\(name)"}]}
        """.utf8)
    }

    @Test func uspsOriginSortFacilityAcceptanceIsMapped() throws {
        let event = try #require(USPSAdapter().parse(Self.uspsV3(code: "OA", type: "Accepted at USPS Origin Sort Facility")).shipments.first?.events.first)
        #expect(event.status == .inTransit && event.substatus == .pickedUp)
    }

    @Test func uspsCodeTenIsReadFromItsText() throws {
        let processed = try #require(USPSAdapter().parse(Self.uspsV3(code: "10", type: "Processed through USPS Regional Facility")).shipments.first?.events.first)
        #expect(processed.substatus == .processedAtFacility)
        let arrived = try #require(USPSAdapter().parse(Self.uspsV3(code: "10", type: "Arrived at USPS Regional Facility")).shipments.first?.events.first)
        #expect(arrived.substatus == .arrivedFacility)
    }

    @Test func uspsPlaceholderIsNotASigner() throws {
        let shipment = try #require(USPSAdapter().parse(Self.uspsV3(code: "01", type: "Delivered, Front Desk/Reception", name: "SIGNATURE WAIVED")).shipments.first)
        #expect(shipment.signedBy == nil && shipment.events[0].signedBy == nil)
    }

    @Test func uspsFreeTextLinesAreRead() throws {
        let body = Data("""
        <TrackResponse><TrackInfo ID="9361289949034102283511">
        <TrackSummary>Your item was delivered at 2:16 pm on October 12, 2013 in BROOKLYN, NY 11201.</TrackSummary>
        <TrackDetail>Out for Delivery, October 12, 2013, 10:16 am, BROOKLYN, NY 11201</TrackDetail>
        <TrackDetail>May 30 11:07 am NOTICE LEFT WILMINGTON DE 19801.</TrackDetail>
        </TrackInfo></TrackResponse>
        """.utf8)
        let result = try USPSAdapter().parse(body)
        let events = try #require(result.shipments.first?.events)
        #expect(events.map(\.status) == [.attemptFailed, .outForDelivery, .delivered])
        #expect(events[0].localTime == nil && events[0].location?.region == "DE" && events[0].location?.postalCode == "19801")
        #expect(events[1].carrierDescription == "Out for Delivery" && events[1].location?.city == "BROOKLYN")
        #expect(events[1].occurredAt.map(Timestamp.utcString) == "2013-10-12T14:16:00.000Z")
        #expect(events[2].localTime?.description == "2013-10-12T14:16:00")
        #expect(result.notices.map(\.path) == ["TrackResponse/TrackInfo[0]/TrackDetail[1]"])
    }

    @Test func signerPlaceholders() {
        for placeholder in ["Signature not required", "N/A", "n/a", "SIGNATURE WAIVED", "Driver release", "NONE", " ", "-"] {
            #expect(SignatoryName.name(in: placeholder) == nil, "\(placeholder)")
        }
        for name in ["KKRAUS", "D. DELUISE", "MORALES", "Anne-Marie O'Neil"] {
            #expect(SignatoryName.name(in: name) == name)
        }
    }
}
