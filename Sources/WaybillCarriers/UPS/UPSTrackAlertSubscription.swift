import Foundation
import WaybillCore

/// Track Alert v1: `POST /api/track/v1/subscription/standard/package` with the destination and its
/// opaque credential, which UPS echoes in the `credential` header of every push. Subscriptions
/// last 14 days and carry no history (the Track API has it).
extension UPSAdapter: PushSubscribing {
    public var subscriptionBatchSize: Int { 100 }
    public var subscriptionLifetime: TimeInterval { 14 * 86_400 }

    public func subscriptionRequest(for trackingNumbers: [String], callbackURL: String, credential: String,
                                    configuration: CarrierConfiguration) -> CarrierRequest {
        let body: JSONValue = .object([
            "locale": .string("en_US"),
            "countryCode": .string("US"),
            "trackingNumberList": .array(trackingNumbers.map(JSONValue.string)),
            "destination": .object([
                "url": .string(callbackURL), "credentialType": .string("Bearer"), "credential": .string(credential),
            ]),
        ])
        return CarrierRequest(
            method: "POST", url: "\(configuration.baseURL)/api/track/v1/subscription/standard/package",
            headers: ["Accept": "application/json", "Content-Type": "application/json",
                      "transId": UUID().uuidString, "transactionSrc": "waybill"],
            body: body.encoded())
    }

    public func subscriptionResult(_ body: Data, requested: [String]) throws(CarrierParseError) -> SubscriptionResult {
        guard let json = try? JSONValue.parse(body), let valid = json["validTrackingNumbers"]?.arrayValue else {
            throw CarrierParseError(carrier: id, location: "validTrackingNumbers", reason: "not a Track Alert subscription answer")
        }
        let accepted = Set(valid.compactMap { $0.stringValue.map(TrackingNumber.normalize) })
        return SubscriptionResult(accepted: requested.filter { accepted.contains(TrackingNumber.normalize($0)) },
                                  rejected: requested.filter { !accepted.contains(TrackingNumber.normalize($0)) })
    }
}
