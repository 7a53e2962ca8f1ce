import Foundation
import Hummingbird
import WaybillCore
import WaybillIngest
import WaybillStore

/// `/v1/shipments`: register, read, list, stop tracking, and append events by hand.
struct ShipmentController: Sendable {
    let store: any Store
    let pipeline: IngestPipeline
    let publicBaseURL: String

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.post("shipments", use: create)
        group.get("shipments", use: list)
        group.get("shipments/:id", use: show)
        group.delete("shipments/:id", use: stopTracking)
        group.get("shipments/:id/events", use: events)
        group.post("shipments/:id/events", use: appendEvents)
    }

    @Sendable func create(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.writeShipments)
        let (data, body) = try await request.json(RequestShapes.createShipment, context: context)
        let trackingNumber = TrackingNumber.normalize(body["tracking_number"]?.stringValue ?? "")
        if let problem = TrackingNumber.problem(with: trackingNumber) {
            throw RequestReading.invalid("tracking_number", String(problem.dropFirst("tracking_number ".count)))
        }
        let carrier = RequestReading.nonEmpty(body["carrier"]?.stringValue)?.lowercased()
        let registration = ShipmentRegistrar.Request(
            tenantID: principal.tenantID, trackingNumber: trackingNumber, carrier: carrier,
            service: RequestReading.nonEmpty(body["service"]?.stringValue),
            orderID: RequestReading.nonEmpty(body["order_id"]?.stringValue),
            customer: try RequestReading.customer(body["customer"]), metadata: RequestReading.metadata(body["metadata"]),
            reassignOrder: body["reassign_order"] == .bool(true), actor: principal.actor)
        return try await Idempotency(store: store).respond(to: request, body: data, principal: principal) {
            let registered: ShipmentRegistrar.Registration
            do {
                registered = try await ShipmentRegistrar(store: store).register(registration)
            } catch let failure as ShipmentRegistrar.Failure {
                throw APIError.registration(failure)
            }
            return (registered.created ? .created : .ok, Representation.registration(registered, publicBaseURL: publicBaseURL, role: principal.role))
        }
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.readShipments)
        let parameters = request.uri.queryParameters
        var status: ShipmentStatus?
        if let text = parameters.get("status") {
            guard let parsed = ShipmentStatus(rawValue: text) else {
                throw RequestReading.invalid("status", "must be one of \(ShipmentStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = parsed
        }
        let cursor = parameters.get("cursor")
        if let cursor, !Identifier.isValid(cursor, kind: .shipment) {
            throw RequestReading.invalid("cursor", "is not a cursor from a previous page")
        }
        let query = ShipmentQuery(
            tenantID: principal.tenantID,
            trackingNumber: parameters.get("tracking_number").map(TrackingNumber.normalize),
            merchantOrderID: parameters.get("order_id"), status: status, cursor: cursor,
            limit: try request.queryInt("limit", default: 50, range: 1...500))
        let page = try await store.shipments(query)
        return JSONResponse.make(.ok, .object([
            "data": .array(page.items.map { Representation.shipment($0, publicBaseURL: publicBaseURL, role: principal.role) }),
            "next_cursor": .string(page.nextCursor),
        ]))
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.readShipments)
        let shipment = try await existingShipment(context, principal)
        let legs = try await store.legs(shipmentID: shipment.id, tenantID: principal.tenantID)
        return JSONResponse.make(.ok, Representation.shipment(shipment, publicBaseURL: publicBaseURL, role: principal.role, legs: legs))
    }

    @Sendable func stopTracking(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.writeShipments)
        let id = try context.parameters.require("id")
        let shipment = try await store.stopTracking(shipmentID: id, tenantID: principal.tenantID, actor: principal.actor)
        return JSONResponse.make(.ok, Representation.shipment(shipment, publicBaseURL: publicBaseURL, role: principal.role))
    }

    @Sendable func events(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.readShipments)
        let shipment = try await existingShipment(context, principal)
        let superseded = request.uri.queryParameters.get("include") == "superseded"
        let events = try await store.events(shipmentID: shipment.id, tenantID: principal.tenantID, includingSuperseded: superseded)
        return JSONResponse.make(.ok, .object([
            "data": .array(events.map { Representation.event($0, shipmentCarrier: shipment.carrier) }),
        ]))
    }

    @Sendable func appendEvents(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.writeShipments)
        let shipment = try await existingShipment(context, principal)
        let (data, body) = try await request.json(RequestShapes.appendEvents, context: context)
        let receivedAt = Date()
        let events = try (body["events"]?.arrayValue ?? []).enumerated().map {
            try RequestReading.event($1, index: $0, receivedAt: receivedAt)
        }
        guard !events.isEmpty else { throw RequestReading.invalid("events", "must hold at least one event") }
        return try await Idempotency(store: store).respond(to: request, body: data, principal: principal) {
            let batch = IngestBatch(
                tenantID: principal.tenantID,
                raw: NewRawPayload(source: .api, carrier: shipment.carrier.isEmpty ? nil : shipment.carrier,
                                   contentType: "application/json", body: data),
                events: events.map { IngestBatch.ShipmentEvent(shipmentID: shipment.id, event: $0) },
                actor: principal.actor)
            let outcome = try await pipeline.ingest(batch)
            let updated = try await store.shipment(id: shipment.id, tenantID: principal.tenantID) ?? shipment
            return (.created, .object([
                "raw_payload_id": .string(outcome.rawPayloadID),
                "inserted": .number(Double(outcome.insertedEventIDs.count)),
                "duplicates": .number(Double(outcome.duplicateCount)),
                "event_ids": .array(outcome.insertedEventIDs.map(JSONValue.string)),
                "shipment": Representation.shipment(updated, publicBaseURL: publicBaseURL, role: principal.role),
            ]))
        }
    }

    private func existingShipment(_ context: WaybillRequestContext, _ principal: Principal) async throws -> Shipment {
        try await store.routeShipment(context, tenantID: principal.tenantID)
    }
}

extension Store {
    /// The shipment the route's `id` names, of the caller's tenant; 404 otherwise.
    func routeShipment(_ context: WaybillRequestContext, tenantID: String) async throws -> Shipment {
        let id = try context.parameters.require("id")
        guard let shipment = try await shipment(id: id, tenantID: tenantID) else { throw APIError.notFound("shipment", id) }
        return shipment
    }
}
