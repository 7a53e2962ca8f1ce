import Foundation
import Hummingbird
import WaybillCarriers
import WaybillCore
import WaybillStore

/// Routing between carriers and sources: a shipment's legs (`/v1/shipments/{id}/legs`) and the
/// tenant's routing rules (`/v1/routing-rules`).
struct RoutingController: Sendable {
    let store: any Store

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("shipments/:id/legs", use: legs)
        group.post("shipments/:id/legs", use: linkLeg)
        group.get("routing-rules", use: rules)
        group.put("routing-rules/:carrier", use: saveRule)
        group.delete("routing-rules/:carrier", use: deleteRule)
    }

    // MARK: Legs

    @Sendable func legs(_ request: Request, context: WaybillRequestContext) async throws -> ListResponse<LegResponse> {
        let principal = try context.require(.readShipments)
        let shipment = try await store.routeShipment(context, tenantID: principal.tenantID)
        let legs = try await store.legs(shipmentID: shipment.id, tenantID: principal.tenantID)
        return ListResponse(data: legs.map(LegResponse.init))
    }

    @Sendable func linkLeg(_ request: Request, context: WaybillRequestContext) async throws -> EditedResponse<LegResponse> {
        let principal = try context.require(.writeShipments)
        let shipment = try await store.routeShipment(context, tenantID: principal.tenantID)
        let (_, body) = try await request.decode(LinkLegRequest.self, context: context)
        let leg = try body.newLeg(of: shipment, by: principal)
        do {
            guard let linked = try await store.linkLeg(leg) else {
                throw InvalidField(path: "tracking_number", reason: "is this shipment's own tracking number")
            }
            return EditedResponse(status: linked.isNew ? .created : .ok, response: LegResponse(linked.leg))
        } catch StoreError.invalid(let message) {
            throw APIError(status: .conflict, code: "conflict", message: message)
        }
    }

    // MARK: Rules

    @Sendable func rules(_ request: Request, context: WaybillRequestContext) async throws -> RoutingRulesResponse {
        let principal = try context.require(.manageTenant)
        let rules = try await store.routingRules(tenantID: principal.tenantID)
        return RoutingRulesResponse(data: rules.map(RoutingRuleResponse.init),
                                    default: RoutingRuleResponse(RoutingRule.effective(for: RoutingRule.anyCarrier, in: rules)))
    }

    /// Replaces the rule of one carrier (`*`: every carrier without its own); omitted fields take
    /// their defaults.
    @Sendable func saveRule(_ request: Request, context: WaybillRequestContext) async throws -> RoutingRuleResponse {
        let principal = try context.require(.manageTenant)
        let carrier = try context.parameters.require("carrier").lowercased()
        guard carrier == RoutingRule.anyCarrier || CarrierRegistry.adapter(id: carrier) != nil, !CarrierFeeds.isAggregator(carrier) else {
            throw InvalidField(path: "carrier", reason: "must be * or a carrier id such as ups (not an aggregator); got \"\(carrier)\"")
        }
        let (_, body) = try await request.decode(RoutingRuleRequest.self, context: context)
        let saved = try await store.saveRoutingRule(body.rule(for: carrier), tenantID: principal.tenantID, actor: principal.actor)
        return RoutingRuleResponse(saved)
    }

    @Sendable func deleteRule(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let carrier = try context.parameters.require("carrier").lowercased()
        guard try await store.deleteRoutingRule(carrier: carrier, tenantID: principal.tenantID, actor: principal.actor) else {
            throw APIError.notFound("routing rule", carrier)
        }
        return Response(status: .noContent)
    }
}
