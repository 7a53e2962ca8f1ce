import WaybillCore
import Foundation

/// The bodies of PostNL ShippingStatus REST v2 (carriers.md §12). PostNL's JSON is converted
/// from XML: an empty field is `{}`, and a list of one is the element itself, so lists are
/// `PostNLList` and texts `PostNLText`.
struct PostNLResponse: Decodable {
    var currentStatus: PostNLStatusEnvelope?
    var completeStatus: PostNLStatusEnvelope?
    var warnings: PostNLMessages?
    var signature: PostNLSignature?
    var errors: PostNLMessages?
    var fault: PostNLFault?
    var faultstring: PostNLText?
    var detail: PostNLFaultDetail?

    enum CodingKeys: String, CodingKey {
        case currentStatus = "CurrentStatus", completeStatus = "CompleteStatus", warnings = "Warnings", signature = "Signature"
        case errors = "Errors", fault, faultstring, detail
    }
}

struct PostNLStatusEnvelope: Decodable {
    var shipment: PostNLList<PostNLShipment>?

    enum CodingKeys: String, CodingKey { case shipment = "Shipment" }
}

struct PostNLShipment: Decodable {
    var mainBarcode: PostNLText?
    var barcode: PostNLText?
    var productCode: PostNLText?
    var productDescription: PostNLText?
    var reference: PostNLText?
    var deliveryDate: PostNLText?
    var address: PostNLList<PostNLAddress>?
    var event: PostNLList<PostNLEvent>?
    var expectation: PostNLExpectation?
    var status: PostNLStatus?
    var oldStatus: PostNLList<PostNLStatus>?

    enum CodingKeys: String, CodingKey {
        case mainBarcode = "MainBarcode", barcode = "Barcode", productCode = "ProductCode"
        case productDescription = "ProductDescription", reference = "Reference", deliveryDate = "DeliveryDate"
        case address = "Address", event = "Event", expectation = "Expectation", status = "Status", oldStatus = "OldStatus"
    }
}

struct PostNLAddress: Decodable {
    var addressType: PostNLText?
    var city: PostNLText?
    var countryCode: PostNLText?
    var zipcode: PostNLText?

    enum CodingKeys: String, CodingKey {
        case addressType = "AddressType", city = "City", countryCode = "CountryCode", zipcode = "Zipcode"
    }
}

struct PostNLEvent: Decodable {
    var code: PostNLText?
    var description: PostNLText?
    var locationCode: PostNLText?
    var timeStamp: PostNLText?

    enum CodingKeys: String, CodingKey {
        case code = "Code", description = "Description", locationCode = "LocationCode", timeStamp = "TimeStamp"
    }
}

struct PostNLExpectation: Decodable {
    var etaFrom: PostNLText?
    var etaTo: PostNLText?

    enum CodingKeys: String, CodingKey { case etaFrom = "ETAFrom", etaTo = "ETATo" }
}

/// A status; `updatedshipments` spells the time key `Timestamp`, everything else `TimeStamp`.
struct PostNLStatus: Decodable {
    var timeStamp: PostNLText?
    var timestamp: PostNLText?
    var statusCode: PostNLText?
    var statusDescription: PostNLText?
    var phaseCode: PostNLText?

    enum CodingKeys: String, CodingKey {
        case timeStamp = "TimeStamp", timestamp = "Timestamp", statusCode = "StatusCode"
        case statusDescription = "StatusDescription", phaseCode = "PhaseCode"
    }

    var time: String? { timeStamp?.value ?? timestamp?.value }
}

/// One entry of `GET /status/{customerNumber}/updatedshipments`.
struct PostNLUpdatedShipment: Decodable {
    var barcode: PostNLText?
    var status: PostNLStatus?

    enum CodingKeys: String, CodingKey { case barcode = "Barcode", status = "Status" }
}

struct PostNLSignature: Decodable {
    var barcode: PostNLText?
    var signatureDate: PostNLText?

    enum CodingKeys: String, CodingKey { case barcode = "Barcode", signatureDate = "SignatureDate" }
}

struct PostNLMessage: Decodable {
    var code: PostNLText?
    var message: PostNLText?
    var description: PostNLText?
    var error: PostNLText?

    enum CodingKeys: String, CodingKey { case code = "Code", message = "Message", description = "Description", error = "Error" }

    var text: String? { message?.value ?? description?.value ?? error?.value }
}

/// `Warnings` / `Errors`: a list of messages, one message, or (signature endpoint) an object
/// wrapping them in `Warning` / `Error`: `{"Warnings":{"Warning":{"Message":...,"Code":"2"}}}`.
struct PostNLMessages: Decodable {
    var values: [PostNLMessage]

    enum WrapperKeys: String, CodingKey { case warning = "Warning", error = "Error" }

    init(from decoder: any Decoder) throws {
        if let wrapper = try? decoder.container(keyedBy: WrapperKeys.self),
           let inner = try wrapper.decodeIfPresent(PostNLList<PostNLMessage>.self, forKey: .warning)
            ?? wrapper.decodeIfPresent(PostNLList<PostNLMessage>.self, forKey: .error) {
            values = inner.values
        } else {
            values = try PostNLList<PostNLMessage>(from: decoder).values
        }
    }
}

struct PostNLFault: Decodable {
    var faultstring: PostNLText?
    var detail: PostNLFaultDetail?
}

struct PostNLFaultDetail: Decodable {
    var errorcode: PostNLText?
}

/// A text field: a string, a number written as one, or an empty `{}` / `[]` / null for "empty".
struct PostNLText: Decodable {
    var value: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let text = try? container.decode(String.self) {
            let trimmed = text.trimmed
            value = trimmed.isEmpty ? nil : trimmed
        } else if let integer = try? container.decode(Int64.self) {
            value = String(integer)
        } else if let number = try? container.decode(Double.self) {
            value = String(number)
        } else if (try? [String: PostNLIgnored](from: decoder))?.isEmpty == true || (try? [PostNLIgnored](from: decoder))?.isEmpty == true {
            value = nil
        } else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "expected text"))
        }
    }
}

/// Any JSON value, read and dropped.
struct PostNLIgnored: Decodable {
    init(from decoder: any Decoder) throws {}
}

/// A list, or its only element written without the list.
struct PostNLList<Element: Decodable>: Decodable {
    var values: [Element]

    init(from decoder: any Decoder) throws {
        if let many = try? [Element](from: decoder) {
            values = many
        } else {
            values = [try Element(from: decoder)]
        }
    }
}
