import WaybillCore

/// Australia Post's legacy tracking body (`QueryTrackEventsResponse`, the myapi / Delivery
/// Choice service), converted from XML: a single `TrackingResult` or `Event` comes as an object
/// instead of a list, ids as numbers (`"TrackingID": 1234`). The lenient decoder reads those
/// with a warning. Events are listed newest first with the scan's offset
/// ("2010-07-06T10:57:53+09:30"); an unknown id is a `BusinessException` (1401 "Invalid
/// tracking ID").
struct AustraliaPostLegacyResponse: Decodable {
    var trackingResult: [AustraliaPostLegacyResult]?

    enum CodingKeys: String, CodingKey { case trackingResult = "TrackingResult" }
}

struct AustraliaPostLegacyResult: Decodable {
    var trackingID: String?
    var articleDetails: AustraliaPostLegacyArticle?
    var businessException: AustraliaPostLegacyException?

    enum CodingKeys: String, CodingKey {
        case trackingID = "TrackingID", articleDetails = "ArticleDetails", businessException = "BusinessException"
    }
}

struct AustraliaPostLegacyArticle: Decodable {
    var articleID: String?
    var productName: String?
    var events: AustraliaPostLegacyEvents?

    enum CodingKeys: String, CodingKey { case articleID = "ArticleID", productName = "ProductName", events = "Events" }
}

struct AustraliaPostLegacyEvents: Decodable {
    var event: [AustraliaPostLegacyEvent]?

    enum CodingKeys: String, CodingKey { case event = "Event" }
}

struct AustraliaPostLegacyEvent: Decodable {
    var description: String?
    var dateTime: String?
    var location: String?
    var signerName: String?

    enum CodingKeys: String, CodingKey {
        case description = "EventDescription", dateTime = "EventDateTime", location = "Location", signerName = "SignerName"
    }
}

struct AustraliaPostLegacyException: Decodable {
    var code: String?
    var description: String?

    enum CodingKeys: String, CodingKey { case code = "Code", description = "Description" }
}

extension AustraliaPostParser {
    func legacy(_ response: AustraliaPostLegacyResponse) -> CarrierParseResult {
        var result = CarrierParseResult(shipments: [])
        for (index, tracking) in (response.trackingResult ?? []).enumerated() {
            let path = "QueryTrackEventsResponse.TrackingResult[\(index)]"
            let article = tracking.articleDetails
            let number = CarrierText.clean(article?.articleID) ?? CarrierText.clean(tracking.trackingID)
            if let exception = tracking.businessException {
                // 1401 "Invalid tracking ID" is also what a number not yet lodged gets.
                result.notices.append(CarrierNotice(trackingNumber: number, kind: exception.code == "1401" ? .notFound : .error,
                                                    code: exception.code, message: exception.description ?? "Australia Post error"))
                continue
            }
            guard let number else {
                result.notices.append(.warning("TrackingResult without TrackingID or ArticleID; skipped", path: path))
                continue
            }
            var parsed = ParsedShipment(carrier: adapter.id, trackingNumber: number, service: CarrierText.clean(article?.productName))
            if let trackingID = CarrierText.clean(tracking.trackingID), trackingID != number {
                parsed.alternateTrackingNumbers = [trackingID]
            }
            for (position, raw) in (article?.events?.event ?? []).enumerated().reversed() {
                append(description: raw.description, date: raw.dateTime, location: raw.location, signer: raw.signerName,
                       path: "\(path).ArticleDetails.Events.Event[\(position)]", to: &parsed, notices: &result.notices)
            }
            if parsed.events.isEmpty {
                result.notices.append(CarrierNotice(trackingNumber: number, kind: .notFound, code: nil,
                                                    message: "Australia Post has no tracking events yet"))
            } else {
                result.shipments.append(parsed)
            }
        }
        return result
    }
}
