import Foundation
import Hummingbird
import WaybillCarriers
import WaybillCore
import WaybillStore

/// Routing between carriers and sources: a shipment's legs (`/v1/shipments/{id}/legs`) and the
/// tenant's routing rules (`/v1/routing-rules`).
struct RoutingController: Sendable {
    let store: any Store

    static let legShape = JSONShape.object([
        "tracking_number": .init(shape: .string(maxLength: 100), required: true),
        "carrier": .init(shape: .string(maxLength: 40), required: true),
    ])

    static let ruleShape = JSONShape.object([
        "trusted_feed": .init(shape: .nullable(.oneOf(RoutingRule.TrustedFeed.allCases.map(\.rawValue))), required: false),
        "poll": .init(shape: .nullable(.oneOf(RoutingRule.PollMode.allCases.map(\.rawValue))), required: false),
        "webhook_silence_after_seconds": .init(shape: .nullable(.integer(60...30 * 86_400)), required: false),
        "fallback_aggregator": .init(shape: .nullable(.oneOf(CarrierFeeds.aggregators.sorted())), required: false),
        "fallback_after_failures": .init(shape: .nullable(.integer(1...100)), required: false),
    ])

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("shipments/:id/legs", use: legs)
        group.post("shipments/:id/legs", use: linkLeg)
        group.get("routing-rules", use: rules)
        group.put("routing-rules/:carrier", use: saveRule)
        group.delete("routing-rules/:carrier", use: deleteRule)
    }

    // MARK: Legs

    @Sendable func legs(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.readShipments)
        let shipment = try await store.routeShipment(context, tenantID: principal.tenantID)
        let legs = try await store.legs(shipmentID: shipment.id, tenantID: principal.tenantID)
        return JSONResponse.make(.ok, .object(["data": .array(legs.map(Representation.leg))]))
    }

    @Sendable func linkLeg(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.writeShipments)
        let shipment = try await store.routeShipment(context, tenantID: principal.tenantID)
        let (_, body) = try await request.json(Self.legShape, context: context)
        let number = TrackingNumber.normalize(body["tracking_number"]?.stringValue ?? "")
        if let problem = TrackingNumber.problem(with: number) {
            throw RequestReading.invalid("tracking_number", String(problem.dropFirst("tracking_number ".count)))
        }
        let carrier = (body["carrier"]?.stringValue ?? "").lowercased()
        guard CarrierRegistry.adapter(id: carrier) != nil || UPUPosts.countries.contains(where: { UPUPosts.post(forCountry: $0)?.carrier == carrier })
        else {
            throw RequestReading.invalid("carrier", "must be a carrier Waybill knows, such as usps or la_poste; got \"\(carrier)\"")
        }
        do {
            guard let linked = try await store.linkLeg(NewShipmentLeg(
                tenantID: principal.tenantID, shipmentID: shipment.id, trackingNumber: number, carrier: carrier, role: .added,
                linkedBy: "api", actor: principal.actor))
            else { throw RequestReading.invalid("tracking_number", "is this shipment's own tracking number") }
            return JSONResponse.make(linked.isNew ? .created : .ok, Representation.leg(linked.leg))
        } catch StoreError.invalid(let message) {
            throw APIError(status: .conflict, code: "conflict", message: message)
        }
    }

    // MARK: Rules

    @Sendable func rules(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let rules = try await store.routingRules(tenantID: principal.tenantID)
        return JSONResponse.make(.ok, .object([
            "data": .array(rules.map(Representation.routingRule)),
            "default": Representation.routingRule(RoutingRule.effective(for: RoutingRule.anyCarrier, in: rules)),
        ]))
    }

    /// Replaces the rule of one carrier (`*`: every carrier without its own); omitted fields take
    /// their defaults.
    @Sendable func saveRule(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let carrier = try context.parameters.require("carrier").lowercased()
        guard carrier == RoutingRule.anyCarrier || CarrierRegistry.adapter(id: carrier) != nil, !CarrierFeeds.isAggregator(carrier) else {
            throw RequestReading.invalid("carrier", "must be * or a carrier id such as ups (not an aggregator); got \"\(carrier)\"")
        }
        let (_, body) = try await request.json(Self.ruleShape, context: context)
        var rule = RoutingRule(carrier: carrier)
        if let text = body["trusted_feed"]?.stringValue, let feed = RoutingRule.TrustedFeed(rawValue: text) { rule.trustedFeed = feed }
        if let text = body["poll"]?.stringValue, let mode = RoutingRule.PollMode(rawValue: text) { rule.poll = mode }
        if case .number(let seconds)? = body["webhook_silence_after_seconds"] { rule.webhookSilenceAfter = .seconds(seconds) }
        rule.fallbackAggregator = body["fallback_aggregator"]?.stringValue
        if case .number(let count)? = body["fallback_after_failures"] { rule.fallbackAfterFailures = Int(count) }
        let saved = try await store.saveRoutingRule(rule, tenantID: principal.tenantID, actor: principal.actor)
        return JSONResponse.make(.ok, Representation.routingRule(saved))
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

extension Representation {
    static func leg(_ leg: ShipmentLeg) -> JSONValue {
        .object([
            "id": .string(leg.id),
            "shipment_id": .string(leg.shipmentID),
            "tracking_number": .string(leg.trackingNumber),
            "carrier": .string(leg.carrier),
            "role": .string(leg.role.rawValue),
            "linked_by": .string(leg.linkedBy),
            "tracking_url": .string(TrackingNumberDetector.trackingURL(for: leg.trackingNumber, carrier: leg.carrier)?.absoluteString),
            "poll_state": .string(leg.polling.state.rawValue),
            "last_checked_at": .time(leg.polling.lastCheckedAt),
            "next_check_at": .time(leg.polling.nextCheckAt),
            "created_at": .time(leg.createdAt),
        ])
    }

    static func routingRule(_ rule: RoutingRule) -> JSONValue {
        .object([
            "carrier": .string(rule.carrier),
            "trusted_feed": .string(rule.trustedFeed.rawValue),
            "poll": .string(rule.poll.rawValue),
            "webhook_silence_after_seconds": .number(rule.webhookSilenceAfter.timeInterval),
            "fallback_aggregator": .string(rule.fallbackAggregator),
            "fallback_after_failures": .number(Double(rule.fallbackAfterFailures)),
            "updated_at": .time(rule.updatedAt),
        ])
    }
}
