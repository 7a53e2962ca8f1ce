import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// `/v1/orders`: an order groups the shipments of one merchant order.
struct OrderController: Sendable {
    let store: any Store
    let publicBaseURL: String

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.post("orders", use: create)
        group.get("orders/:id", use: show)
    }

    @Sendable func create(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.writeShipments)
        let (data, body) = try await request.decode(CreateOrderRequest.self, context: context)
        let new = try body.newOrder(by: principal)
        return try await Idempotency(store: store).respond(to: request, body: data, principal: principal) {
            let (order, created) = try await store.createOrder(new)
            let shipments = try await store.shipments(orderRef: order.id, tenantID: principal.tenantID)
            return (created ? .created : .ok, OrderResponse(order, shipments: shipments, publicBaseURL: publicBaseURL, role: principal.role))
        }
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> OrderResponse {
        let principal = try context.require(.readOrders)
        let id = try context.parameters.require("id")
        guard let order = try await store.order(id, tenantID: principal.tenantID) else { throw APIError.notFound("order", id) }
        let shipments = try await store.shipments(orderRef: order.id, tenantID: principal.tenantID)
        return OrderResponse(order, shipments: shipments, publicBaseURL: publicBaseURL, role: principal.role)
    }
}
