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

        enum CodingKeys: String, CodingKey {
            case trackingNumberInfo, additionalTrackingInfo, latestStatusDetail, scanEvents, dateAndTimes
            case estimatedDeliveryTimeWindow, standardTransitTimeWindow, deliveryDetails, availableImages, serviceDetail
            case recipientInformation, destinationLocation, error
        }

        /// As the synthesized decoding, except for three fields read only when what they stand in
        /// for is missing (every object decoded costs time, see above): `latestStatusDetail` and
        /// `error` only without scans, `destinationLocation` only without a recipient's place.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            trackingNumberInfo = try container.decodeIfPresent(TrackingNumberInfo.self, forKey: .trackingNumberInfo)
            additionalTrackingInfo = try container.decodeIfPresent(AdditionalTrackingInfo.self, forKey: .additionalTrackingInfo)
            scanEvents = try container.decodeIfPresent([ScanEvent].self, forKey: .scanEvents)
            let hasScans = scanEvents?.isEmpty == false
            latestStatusDetail = hasScans ? nil : try container.decodeIfPresent(StatusDetail.self, forKey: .latestStatusDetail)
            dateAndTimes = try container.decodeIfPresent([DateAndTime].self, forKey: .dateAndTimes)
            estimatedDeliveryTimeWindow = try container.decodeIfPresent(TimeWindow.self, forKey: .estimatedDeliveryTimeWindow)
            standardTransitTimeWindow = try container.decodeIfPresent(TimeWindow.self, forKey: .standardTransitTimeWindow)
            deliveryDetails = try container.decodeIfPresent(DeliveryDetails.self, forKey: .deliveryDetails)
            availableImages = try container.decodeIfPresent([Image].self, forKey: .availableImages)
            serviceDetail = try container.decodeIfPresent(ServiceDetail.self, forKey: .serviceDetail)
            recipientInformation = try container.decodeIfPresent(Party.self, forKey: .recipientInformation)
            destinationLocation = FedExText.location(recipientInformation?.address) != nil
                ? nil : try container.decodeIfPresent(LocationDetail.self, forKey: .destinationLocation)
            error = hasScans || latestStatusDetail != nil ? nil : try container.decodeIfPresent(Message.self, forKey: .error)
        }
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
