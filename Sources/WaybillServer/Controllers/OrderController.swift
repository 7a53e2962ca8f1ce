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
        let (data, body) = try await request.json(RequestShapes.createOrder, context: context)
        guard let merchantOrderID = RequestReading.nonEmpty(body["order_id"]?.stringValue) else {
            throw RequestReading.invalid("order_id", "must not be empty")
        }
        let lineItems = (body["line_items"]?.arrayValue ?? []).map { item -> LineItem in
            var quantity: Int?
            if case .number(let number)? = item["quantity"] { quantity = Int(number) }
            return LineItem(sku: item["sku"]?.stringValue, name: item["name"]?.stringValue, quantity: quantity)
        }
        let new = NewOrder(tenantID: principal.tenantID, merchantOrderID: merchantOrderID,
                           customer: try RequestReading.customer(body["customer"]), lineItems: lineItems,
                           metadata: RequestReading.metadata(body["metadata"]), actor: principal.actor)
        return try await Idempotency(store: store).respond(to: request, body: data, principal: principal) {
            let (order, created) = try await store.createOrder(new)
            let shipments = try await store.shipments(orderRef: order.id, tenantID: principal.tenantID)
            return (created ? .created : .ok,
                    Representation.order(order, shipments: shipments, publicBaseURL: publicBaseURL, role: principal.role))
        }
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.readOrders)
        let id = try context.parameters.require("id")
        guard let order = try await store.order(id, tenantID: principal.tenantID) else { throw APIError.notFound("order", id) }
        let shipments = try await store.shipments(orderRef: order.id, tenantID: principal.tenantID)
        return JSONResponse.make(.ok, Representation.order(order, shipments: shipments, publicBaseURL: publicBaseURL, role: principal.role))
    }
}
