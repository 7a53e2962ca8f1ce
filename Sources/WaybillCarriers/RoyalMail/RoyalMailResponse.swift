/// Royal Mail Tracking API v2 bodies (carriers.md §15): `/events` returns one mail piece,
/// `/summary` a list; errors are `{httpCode, httpMessage, errors[]}`.
struct RoyalMailResponse: Decodable {
    var mailPieces: [MailPiece]?
    var httpCode: String?
    var httpMessage: String?
    var errors: [Failure]?

    enum CodingKeys: String, CodingKey { case mailPieces, httpCode, httpMessage, errors }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let many = try? container.decodeIfPresent([MailPiece].self, forKey: .mailPieces) {
            mailPieces = many
        } else {
            mailPieces = try container.decodeIfPresent(MailPiece.self, forKey: .mailPieces).map { [$0] }
        }
        // httpCode is a string in Royal Mail's examples; accept a number too.
        if let code = try? container.decodeIfPresent(Int.self, forKey: .httpCode) {
            httpCode = String(code)
        } else {
            httpCode = try container.decodeIfPresent(String.self, forKey: .httpCode)
        }
        httpMessage = try container.decodeIfPresent(String.self, forKey: .httpMessage)
        errors = try container.decodeIfPresent([Failure].self, forKey: .errors)
    }

    struct MailPiece: Decodable {
        var mailPieceId: String?
        var summary: Summary?
        var signature: Signature?
        var estimatedDelivery: EstimatedDelivery?
        var events: [Event]?
        var error: Failure?
    }

    struct Summary: Decodable {
        var uniqueItemId: String?
        var oneDBarcode: String?
        var productName: String?
        var productCategory: String?
        /// ISO 3166-1 alpha-3 (`GBR`).
        var originCountryCode: String?
        var destinationCountryCode: String?
        var lastEventCode: String?
        var lastEventName: String?
        var lastEventDateTime: String?
        var lastEventLocationName: String?
        var statusCategory: String?
        var statusDescription: String?
    }

    struct Signature: Decodable {
        var recipientName: String?
        var signatureDateTime: String?
        var imageId: String?
    }

    struct EstimatedDelivery: Decodable {
        var date: String?
        var startOfEstimatedWindow: String?
        var endOfEstimatedWindow: String?
    }

    struct Event: Decodable {
        var eventCode: String
        var eventName: String?
        var eventDateTime: String?
        var locationName: String?
    }

    struct Failure: Decodable {
        var errorCode: String?
        var errorDescription: String?
        var errorCause: String?
    }
}
