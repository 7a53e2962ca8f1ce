import WaybillCore

/// USPS Tracking v3: one object per tracking number, or an error envelope
/// `{apiVersion, error: {code, message, errors[]}}`, or an OAuth error `{error: "invalid_client"}`.
/// Fields Waybill does not read are left out: they cost decoding time on every event.
struct USPSV3Body: Decodable {
    var trackingNumber: String?
    var mailClass: String?
    var destinationCity: String?
    var destinationState: String?
    var destinationZIP: String?
    var expectedDeliveryTimeStamp: String?
    var predictedDeliveryDate: String?
    var predictedDeliveryWindowStartTime: String?
    var predictedDeliveryWindowEndTime: String?
    var guaranteedDeliveryTimeStamp: String?
    /// Tells apart parcels under a reused tracking number.
    var uniqueMailPieceID: String?
    var trackingEvents: [Event]?
    /// An object in the API's envelope, a string in the OAuth server's.
    var error: JSONValue?
    var errorDescription: String?

    enum CodingKeys: String, CodingKey {
        case trackingNumber, mailClass, destinationCity, destinationState, destinationZIP
        case expectedDeliveryTimeStamp, predictedDeliveryDate, predictedDeliveryWindowStartTime, predictedDeliveryWindowEndTime
        case guaranteedDeliveryTimeStamp, uniqueMailPieceID, trackingEvents, error
        case errorDescription = "error_description"
    }

    struct Event: Decodable {
        var eventType: String?
        var eventCode: String?
        var eventTimestamp: String?
        var gmtTimestamp: String?
        var gmtOffset: String?
        var eventCity: String?
        var eventState: String?
        var eventZIP: String?
        var eventCountry: String?
        var name: String?

        enum CodingKeys: String, CodingKey {
            case eventType, eventCode, eventTimestamp, eventCity, eventState, eventZIP, eventCountry, name
            case gmtTimestamp = "GMTTimestamp"
            case gmtOffset = "GMTOffset"
        }
    }
}

/// USPS Tracking v1 JSON, a rendering of the TrackV2 XML (`TrackResults.TrackInfo`).
struct USPSV1Body: Decodable {
    var trackResults: TrackResults

    enum CodingKeys: String, CodingKey { case trackResults = "TrackResults" }

    struct TrackResults: Decodable {
        var trackInfo: USPSOneOrMany<TrackInfo>?
        enum CodingKeys: String, CodingKey { case trackInfo = "TrackInfo" }
    }

    struct TrackInfo: Decodable {
        var id: String?
        var mailClass: String?
        var expectedDeliveryDate: String?
        var predictedDeliveryDate: String?
        var destinationCity: String?
        var destinationState: String?
        var destinationZip: String?
        var mailPieceSuffix: String?
        var trackSummary: Event?
        var trackDetail: USPSOneOrMany<Event>?
        var error: ErrorDetail?

        enum CodingKeys: String, CodingKey {
            case id = "@ID", mailClass = "Class", expectedDeliveryDate = "ExpectedDeliveryDate"
            case predictedDeliveryDate = "PredictedDeliveryDate", destinationCity = "DestinationCity"
            case destinationState = "DestinationState", destinationZip = "DestinationZip", mailPieceSuffix = "MPSUFFIX"
            case trackSummary = "TrackSummary", trackDetail = "TrackDetail", error = "Error"
        }
    }

    struct Event: Decodable {
        var eventTime: String?
        var eventDate: String?
        var event: String?
        var eventCity: String?
        var eventState: String?
        var eventZIPCode: String?
        var eventCountry: String?
        var firmName: String?
        var name: String?
        var eventCode: String?
        var gmtOffset: String?

        enum CodingKeys: String, CodingKey {
            case eventTime = "EventTime", eventDate = "EventDate", event = "Event", eventCity = "EventCity"
            case eventState = "EventState", eventZIPCode = "EventZIPCode", eventCountry = "EventCountry"
            case firmName = "FirmName", name = "Name", eventCode = "EventCode", gmtOffset = "GMTOffset"
        }
    }

    struct ErrorDetail: Decodable {
        var number: String?
        var description: String?
        enum CodingKeys: String, CodingKey { case number = "Number", description = "Description" }
    }
}

/// A JSON rendering of XML gives an object for one element and an array for several.
struct USPSOneOrMany<Element: Decodable>: Decodable {
    var values: [Element]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let many = try? container.decode([Element].self) {
            values = many
        } else {
            values = [try container.decode(Element.self)]
        }
    }
}
