import WaybillCore
import Foundation

/// The bodies of DHL Shipment Tracking - Unified (`GET /track/shipments`, carriers.md §7): a
/// list of shipments, or an RFC 7807 problem (`application/problem+json`) such as the 404
/// "No result found".
struct DHLResponse: Decodable {
    var shipments: [DHLShipment]?
    // Problem fields.
    var title: String?
    var status: DHLText?
    var detail: String?
    var instance: String?
}

struct DHLShipment: Decodable {
    var id: DHLText
    var service: String?
    var origin: DHLPlace?
    var destination: DHLPlace?
    var status: DHLEvent?
    var estimatedTimeOfDelivery: String?
    var estimatedDeliveryTimeFrame: DHLTimeFrame?
    var estimatedTimeOfDeliveryRemark: String?
    var details: DHLDetails?
    var events: [DHLEvent]?
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
    var remark: String?
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
    var timestamp: String?
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
    var type: String?
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

/// A field DHL sends either as one object or as an array of them (`details.references`).
struct DHLOneOrMany<Element: Decodable>: Decodable {
    var values: [Element]

    init(from decoder: any Decoder) throws {
        if let many = try? [Element](from: decoder) {
            values = many
        } else {
            values = [try Element(from: decoder)]
        }
    }
}
