import WaybillCore
import Foundation

/// The bodies of DHL Shipment Tracking - Unified (`GET /track/shipments`, carriers.md §7): a
/// list of shipments, or an RFC 7807 problem (`application/problem+json`) such as the 404
/// "No result found". Fields Waybill does not read are left out: they cost decoding time.
struct DHLResponse: Decodable {
    var shipments: [DHLShipment]?
    // Problem fields.
    var title: String?
    var status: DHLText?
    var detail: String?
    var instance: String?

    enum CodingKeys: String, CodingKey {
        case shipments, title, status, detail, instance
    }

    /// The problem fields are read only when there are no shipments, the one case they are used.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        shipments = try container.decodeIfPresent([DHLShipment].self, forKey: .shipments)
        guard shipments == nil else { return }
        title = try container.decodeIfPresent(String.self, forKey: .title)
        status = try container.decodeIfPresent(DHLText.self, forKey: .status)
        detail = try container.decodeIfPresent(String.self, forKey: .detail)
        instance = try container.decodeIfPresent(String.self, forKey: .instance)
    }
}

struct DHLShipment: Decodable {
    var id: DHLText
    var service: String?
    var destination: DHLPlace?
    /// The newest event again; decoded only when `events` is missing or empty, the one case it is read.
    var status: DHLEvent?
    var estimatedTimeOfDelivery: String?
    var estimatedDeliveryTimeFrame: DHLTimeFrame?
    var details: DHLDetails?
    var events: [DHLEvent]?

    enum CodingKeys: String, CodingKey {
        case id, service, destination, status, estimatedTimeOfDelivery, estimatedDeliveryTimeFrame, details, events
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(DHLText.self, forKey: .id)
        service = try container.decodeIfPresent(String.self, forKey: .service)
        destination = try container.decodeIfPresent(DHLPlace.self, forKey: .destination)
        estimatedTimeOfDelivery = try container.decodeIfPresent(String.self, forKey: .estimatedTimeOfDelivery)
        estimatedDeliveryTimeFrame = try container.decodeIfPresent(DHLTimeFrame.self, forKey: .estimatedDeliveryTimeFrame)
        details = try container.decodeIfPresent(DHLDetails.self, forKey: .details)
        events = try container.decodeIfPresent([DHLEvent].self, forKey: .events)
        status = events?.isEmpty == false ? nil : try container.decodeIfPresent(DHLEvent.self, forKey: .status)
    }
}

struct DHLPlace: Decodable {
    var address: DHLAddress?
}

struct DHLAddress: Decodable {
    var countryCode: String?
    var postalCode: String?
    var addressLocality: String?
}

struct DHLEvent: Decodable {
    var timestamp: String?
    var location: DHLPlace?
    var statusCode: String?
    var status: String?
    var description: String?
}

struct DHLTimeFrame: Decodable {
    var estimatedFrom: String?
    var estimatedThrough: String?
}

struct DHLDetails: Decodable {
    var product: DHLProduct?
    var proofOfDelivery: DHLProofOfDelivery?
    var pieceIds: [String]?
    var references: DHLOneOrMany<DHLReference>?
}

struct DHLProduct: Decodable {
    var productName: String?
}

struct DHLProofOfDelivery: Decodable {
    var signatureUrl: String?
    var documentUrl: String?
    var signed: DHLPerson?
}

struct DHLPerson: Decodable {
    var name: String?
    var givenName: String?
    var familyName: String?

    /// "John Doe" from its parts when DHL gives them, else the `name` as given.
    var fullName: String? {
        let parts = [givenName, familyName].compactMap { $0?.trimmed }.filter { !$0.isEmpty }
        if parts.count == 2 { return parts.joined(separator: " ") }
        let trimmed = name?.trimmed
        return trimmed?.isEmpty == false ? trimmed : parts.first
    }
}

struct DHLReference: Decodable {
    var number: DHLText?
}

/// A value DHL sends as a string in one shipment and as a number in another (`id`): kept as text.
struct DHLText: Decodable, Hashable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let integer = try? container.decode(Int64.self) {
            value = String(integer)
        } else {
            let number = try container.decode(Double.self)
            value = String(number)
        }
    }
}

/// A field DHL sends either as one object or as an array of them (`details.references`). One
/// object is tried first: every sample has one, and a failed try costs a thrown DecodingError.
struct DHLOneOrMany<Element: Decodable>: Decodable {
    var values: [Element]

    init(from decoder: any Decoder) throws {
        do {
            values = [try Element(from: decoder)]
        } catch {
            guard let many = try? [Element](from: decoder) else { throw error }
            values = many
        }
    }
}
