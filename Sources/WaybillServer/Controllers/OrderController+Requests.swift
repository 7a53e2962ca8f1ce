import WaybillCore
import WaybillStore

/// `POST /v1/orders`.
struct CreateOrderRequest: Decodable, Sendable {
    var customer: CustomerRequest?
    var lineItems: [LineItemRequest]?
    var metadata: [String: String]?
    var orderID: String

    enum CodingKeys: String, CodingKey {
        case customer, metadata
        case lineItems = "line_items"
        case orderID = "order_id"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        customer = try fields.optionalObject(.customer)
        lineItems = try fields.optionalList(.lineItems, maxCount: 500)
        metadata = try fields.optionalStringMap(.metadata, maxEntries: 50)
        orderID = try fields.text(.orderID, maxLength: 200)
    }

    /// The order asked for, once its id and customer are checked.
    func newOrder(by principal: Principal) throws -> NewOrder {
        guard let merchantOrderID = orderID.nonBlank else { throw InvalidField(path: "order_id", reason: "must not be empty") }
        return NewOrder(tenantID: principal.tenantID, merchantOrderID: merchantOrderID,
                        customer: try customer?.customer() ?? Customer(),
                        lineItems: (lineItems ?? []).map { LineItem(sku: $0.sku, name: $0.name, quantity: $0.quantity) },
                        metadata: metadata ?? [:], actor: principal.actor)
    }
}

/// A line of `POST /v1/orders`.
struct LineItemRequest: Decodable, Sendable {
    var name: String?
    var quantity: Int?
    var sku: String?

    enum CodingKeys: String, CodingKey {
        case name, quantity, sku
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        name = try fields.optionalText(.name, maxLength: 500)
        quantity = try fields.optionalInteger(.quantity, in: 0...1_000_000)
        sku = try fields.optionalText(.sku, maxLength: 200)
    }
}
