import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// `/v1/deliveries`: the delivery log (every message with its attempts) and replay.
struct DeliveryController: Sendable {
    let store: any Store

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("deliveries", use: list)
        group.get("deliveries/:id", use: show)
        group.post("deliveries/replay", use: replay)
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> PageResponse<DeliveryResponse> {
        let principal = try context.require(.manageTenant)
        let query = request.uri.queryParameters
        func time(_ name: String) throws -> Date? {
            guard let text = query.get(name) else { return nil }
            guard let parsed = Timestamp.parse(text) else {
                throw InvalidField(path: name, reason: "must be an RFC 3339 timestamp with offset; got \"\(text)\"")
            }
            return parsed.date
        }
        func oneOf<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
            guard let text = query.get(name) else { return nil }
            guard let value = T(rawValue: text) else {
                throw InvalidField(path: name, reason: "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")); got \"\(text)\"")
            }
            return value
        }
        let page = try await store.deliveries(DeliveryQuery(
            tenantID: principal.tenantID, state: try oneOf("state", OutboundState.self),
            channel: try oneOf("channel", OutboundMessage.Channel.self),
            targetID: query.get("subscription_id") ?? query.get("rule_id"), shipmentID: query.get("shipment_id"),
            eventType: query.get("event_type"), since: try time("since"), until: try time("until"), cursor: query.get("cursor"),
            limit: try request.queryInt("limit", default: 50, range: 1...200)))
        return PageResponse(data: page.items.map(DeliveryResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> DeliveryResponse {
        let principal = try context.require(.manageTenant)
        let id = try context.parameters.require("id")
        guard let entry = try await store.delivery(id: id, tenantID: principal.tenantID) else { throw APIError.notFound("delivery", id) }
        return DeliveryResponse(entry)
    }

    /// Queues delivered or dead-lettered messages again, by id, by endpoint (subscription or
    /// rule) and/or by creation time range; they keep their id, so receivers can deduplicate.
    @Sendable func replay(_ request: Request, context: WaybillRequestContext) async throws -> EditedResponse<ReplayedDeliveriesResponse> {
        let principal = try context.require(.manageTenant)
        let (_, body) = try await request.decode(ReplayDeliveriesRequest.self, context: context)
        let replayed = try await store.replayDeliveries(try body.selector(tenantID: principal.tenantID), actor: principal.actor)
        return EditedResponse(status: .accepted, response: ReplayedDeliveriesResponse(replayed: replayed.count, ids: replayed))
    }
}
