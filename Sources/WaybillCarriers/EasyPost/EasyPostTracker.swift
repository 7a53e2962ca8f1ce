import WaybillCore

/// EasyPost's bodies: a Tracker, an Event envelope (`tracker.created` / `tracker.updated`)
/// whose `result` is a Tracker, a tracker list, or an error `{error: {code, message}}`.
struct EasyPostBody: Decodable {
    var object: String?
    var description: String?
    var result: EasyPostTracker?
    var trackers: [EasyPostTracker]?
    var error: EasyPostError?
}

struct EasyPostError: Decodable {
    var code: String?
    var message: String?
}

struct EasyPostTracker: Decodable {
    var id: String?
    var object: String?
    var trackingCode: String?
    var status: String?
    var statusDetail: String?
    var signedBy: String?
    var estDeliveryDate: String?
    var carrier: String?
    var trackingDetails: [Detail]?
    var carrierDetail: CarrierDetail?

    enum CodingKeys: String, CodingKey {
        case id, object, status, carrier
        case trackingCode = "tracking_code", statusDetail = "status_detail", signedBy = "signed_by"
        case estDeliveryDate = "est_delivery_date", trackingDetails = "tracking_details", carrierDetail = "carrier_detail"
    }

    struct Detail: Decodable {
        var message: String?
        var description: String?
        var status: String?
        var statusDetail: String?
        var datetime: String?
        var carrierCode: String?
        var trackingLocation: TrackingLocation?

        enum CodingKeys: String, CodingKey {
            case message, description, status, datetime
            case statusDetail = "status_detail", carrierCode = "carrier_code", trackingLocation = "tracking_location"
        }
    }

    struct TrackingLocation: Decodable {
        var city: String?
        var state: String?
        var country: String?
        var zip: String?
    }

    struct CarrierDetail: Decodable {
        var service: String?
        var estDeliveryDateLocal: String?
        var estDeliveryTimeLocal: String?
        var destinationTrackingLocation: TrackingLocation?
        var alternateIdentifier: String?

        enum CodingKeys: String, CodingKey {
            case service
            case estDeliveryDateLocal = "est_delivery_date_local", estDeliveryTimeLocal = "est_delivery_time_local"
            case destinationTrackingLocation = "destination_tracking_location", alternateIdentifier = "alternate_identifier"
        }
    }
}
