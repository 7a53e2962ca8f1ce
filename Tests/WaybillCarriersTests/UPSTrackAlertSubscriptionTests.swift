import Foundation
import Testing
import WaybillCarriers
import WaybillCore

/// The Track Alert subscription call UPS needs before it pushes a number's events.
@Suite struct UPSTrackAlertSubscriptionTests {
    let adapter = UPSAdapter()

    @Test func theRequestNamesTheNumbersAndTheDestinationWithItsCredential() throws {
        let request = adapter.subscriptionRequest(
            for: ["1Z999AA10123456784", "1Z12345E0205271688"], callbackURL: "https://track.example.com/v1/webhooks/carriers/ups/whe_1",
            credential: "s3cret", configuration: CarrierConfiguration(baseURL: "https://onlinetools.ups.com/"))
        #expect(request.method == "POST" && request.url == "https://onlinetools.ups.com/api/track/v1/subscription/standard/package")
        let body = try JSONValue.parse(try #require(request.body))
        #expect(body["trackingNumberList"]?.arrayValue?.compactMap(\.stringValue) == ["1Z999AA10123456784", "1Z12345E0205271688"])
        #expect(body["destination"]?["url"]?.stringValue == "https://track.example.com/v1/webhooks/carriers/ups/whe_1")
        #expect(body["destination"]?["credential"]?.stringValue == "s3cret")
        #expect(adapter.subscriptionBatchSize == 100 && adapter.subscriptionLifetime == 14 * 86_400)
    }

    @Test func theAnswerSplitsAcceptedFromRefusedNumbers() throws {
        let answer = Data(#"{"validTrackingNumbers":[" 1z999aa10123456784"],"invalidTrackingNumbers":["1Z12345E0205271688"]}"#.utf8)
        let result = try adapter.subscriptionResult(answer, requested: ["1Z999AA10123456784", "1Z12345E0205271688"])
        #expect(result == SubscriptionResult(accepted: ["1Z999AA10123456784"], rejected: ["1Z12345E0205271688"]))
        #expect(throws: CarrierParseError.self) { try adapter.subscriptionResult(Data("<html>".utf8), requested: ["1Z999AA10123456784"]) }
    }
}
