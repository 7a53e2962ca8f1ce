import Foundation
import Hummingbird
import WaybillCore

/// An order: its shipments and the status rolled up from theirs.
struct OrderResponse: ResponseEncodable, Sendable {
    let id: String
    let orderID: String
    let status: OrderStatus
    let needsAttention: Bool
    let customer: CustomerResponse
    let lineItems: [LineItemResponse]
    let metadata: [String: String]
    let shipments: [ShipmentResponse]
    let createdAt: Date
    let updatedAt: Date

    struct LineItemResponse: Encodable, Sendable {
        let sku: String?
        let name: String?
        let quantity: Int?
    }

    enum CodingKeys: String, CodingKey {
        case id, status, customer, metadata, shipments
        case orderID = "order_id"
        case needsAttention = "needs_attention"
        case lineItems = "line_items"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ order: Order, shipments: [Shipment], publicBaseURL: String, role: Role) {
        let statuses = shipments.map(\.status)
        id = order.id
        orderID = order.merchantOrderID
        status = OrderStatus.rollUp(statuses)
        needsAttention = OrderStatus.needsAttention(statuses)
        customer = CustomerResponse(order.customer, masked: !role.seesPersonalData)
        lineItems = order.lineItems.map { LineItemResponse(sku: $0.sku, name: $0.name, quantity: $0.quantity) }
        metadata = order.metadata
        self.shipments = shipments.map { ShipmentResponse($0, publicBaseURL: publicBaseURL, role: role) }
        createdAt = order.createdAt
        updatedAt = order.updatedAt
    }
}
