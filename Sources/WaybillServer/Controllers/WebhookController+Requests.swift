import WaybillCarriers

/// `POST /v1/webhook-endpoints`: an inbound endpoint for one carrier (or `generic`).
struct CreateWebhookEndpointRequest: Decodable, Sendable {
    var carrier: String

    enum CodingKeys: String, CodingKey {
        case carrier
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        carrier = try fields.text(.carrier, maxLength: 40)
    }

    /// The carrier id, lower-cased, once it is known to the registry.
    func checkedCarrier() throws -> String {
        let carrier = carrier.lowercased()
        guard carrier == "generic" || CarrierRegistry.adapter(id: carrier) != nil else {
            let known = (CarrierRegistry.adapters.map(\.id) + ["generic"]).sorted().joined(separator: ", ")
            throw InvalidField(path: "carrier", reason: "must be one of \(known); got \"\(carrier)\"")
        }
        return carrier
    }
}
