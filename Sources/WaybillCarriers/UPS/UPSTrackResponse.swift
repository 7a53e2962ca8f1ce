import WaybillCore

/// The UPS Track API v1 body: `trackResponse` on success, `response.errors` on failure.
/// Every field is optional: UPS omits what it does not know and examples differ by version.
/// Fields Waybill does not read are left out: they cost decoding time on every event.
struct UPSTrackBody: Decodable {
    var trackResponse: TrackResponse?
    var response: ErrorResponse?

    struct TrackResponse: Decodable {
        var shipment: [Shipment]?
    }

    struct ErrorResponse: Decodable {
        var errors: [Message]?
    }

    struct Message: Decodable {
        var code: String?
        var message: String?
    }

    struct Shipment: Decodable {
        var inquiryNumber: String?
        var package: [Package]?
        var warnings: [Message]?
    }

    struct Package: Decodable {
        var trackingNumber: String?
        var activity: [Activity]?
        var deliveryDate: [DeliveryDate]?
        var deliveryTime: DeliveryTime?
        var deliveryInformation: DeliveryInformation?
        var packageAddress: [PackageAddress]?
        var service: Service?
        var referenceNumber: [Numbered]?
        var alternateTrackingNumber: [Numbered]?
    }

    struct Activity: Decodable {
        var date: String?
        var time: String?
        var gmtDate: String?
        var gmtTime: String?
        var gmtOffset: String?
        var location: ActivityLocation?
        var status: Status?
    }

    struct ActivityLocation: Decodable {
        var address: Address?
    }

    struct Address: Decodable {
        var city: String?
        var stateProvince: String?
        var postalCode: String?
        var country: String?
        var countryCode: String?
    }

    struct Status: Decodable {
        var type: String?
        var code: String?
        var description: String?
        var statusCode: String?
    }

    struct DeliveryDate: Decodable {
        var type: String?
        var date: String?
    }

    struct DeliveryTime: Decodable {
        var type: String?
        var startTime: String?
        var endTime: String?
    }

    struct DeliveryInformation: Decodable {
        var receivedBy: String?
        var location: String?
        var signature: UPSContent?
        var deliveryPhoto: UPSPhoto?
        var pod: UPSContent?
    }

    struct PackageAddress: Decodable {
        var type: String?
        var address: Address?
    }

    struct Service: Decodable {
        var code: String?
        var description: String?
    }

    struct Numbered: Decodable {
        var type: String?
        var number: String?
    }
}

/// The UPS Track Alert webhook body: one activity per POST.
struct UPSTrackAlertBody: Decodable {
    var trackingNumber: String?
    var localActivityDate: String?
    var localActivityTime: String?
    var gmtActivityDate: String?
    var gmtActivityTime: String?
    var gmtOffset: String?
    var activityLocation: UPSTrackBody.Address?
    var activityStatus: Status?
    var scheduledDeliveryDate: String?
    var actualDeliveryDate: String?
    var actualDeliveryTime: String?
    var deliveryStartTime: String?
    var deliveryEndTime: String?
    var receivedBy: String?
    var deliveryPhoto: JSONValue?

    struct Status: Decodable {
        var type: String?
        var code: String?
        var description: String?
        var descriptionCode: String?
    }
}
