import WaybillCore

/// The FedEx Track API v1 body: `output.completeTrackResults` on success, `errors` on a
/// request-level failure. Every field is optional; FedEx omits or empties what it does not know.
/// Fields Waybill does not read are left out: they cost decoding time on every event.
struct FedExTrackBody: Decodable {
    var output: Output?
    var errors: [Message]?

    struct Output: Decodable {
        var completeTrackResults: [CompleteTrackResult]?
    }

    struct Message: Decodable {
        var code: String?
        var message: String?
    }

    struct CompleteTrackResult: Decodable {
        var trackingNumber: String?
        var trackResults: [TrackResult]?
    }

    struct TrackResult: Decodable {
        var trackingNumberInfo: TrackingNumberInfo?
        var additionalTrackingInfo: AdditionalTrackingInfo?
        var latestStatusDetail: StatusDetail?
        var scanEvents: [ScanEvent]?
        var dateAndTimes: [DateAndTime]?
        var estimatedDeliveryTimeWindow: TimeWindow?
        var standardTransitTimeWindow: TimeWindow?
        var deliveryDetails: DeliveryDetails?
        var availableImages: [Image]?
        var serviceDetail: ServiceDetail?
        var recipientInformation: Party?
        var destinationLocation: LocationDetail?
        var error: Message?
    }

    struct TrackingNumberInfo: Decodable {
        var trackingNumber: String?
        var trackingNumberUniqueId: String?
    }

    struct AdditionalTrackingInfo: Decodable {
        var packageIdentifiers: [PackageIdentifier]?
    }

    struct PackageIdentifier: Decodable {
        var type: String?
        var value: String?
        var values: [String]?
    }

    /// Read only for its presence (a result with a status but no scans is still data).
    struct StatusDetail: Decodable {}

    struct ScanEvent: Decodable {
        var date: String?
        var eventType: String?
        var eventDescription: String?
        var exceptionCode: String?
        var scanLocation: Address?
        var delayDetail: DelayDetail?
    }

    struct DelayDetail: Decodable {
        var type: String?
    }

    struct Address: Decodable {
        var city: String?
        var stateOrProvinceCode: String?
        var postalCode: String?
        var countryCode: String?
    }

    struct DateAndTime: Decodable {
        var type: String?
        var dateTime: String?
    }

    struct TimeWindow: Decodable {
        var window: Window?
    }

    struct Window: Decodable {
        var begins: String?
        var ends: String?
    }

    struct DeliveryDetails: Decodable {
        var receivedByName: String?
        var signedByName: String?
        var locationDescription: String?
        var locationType: String?
    }

    struct Image: Decodable {
        var type: String?
    }

    struct ServiceDetail: Decodable {
        var type: String?
        var description: String?
    }

    struct Party: Decodable {
        var address: Address?
    }

    struct LocationDetail: Decodable {
        var locationContactAndAddress: Party?
    }
}
