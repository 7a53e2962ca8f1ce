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
        let (data, body) = try await request.decode(CreateShipmentRequest.self, context: context)
        let registration = try body.registration(by: principal)
        return try await Idempotency(store: store).respond(to: request, body: data, principal: principal) {
            let registered: ShipmentRegistrar.Registration
            do {
                registered = try await ShipmentRegistrar(store: store).register(registration)
            } catch let failure as ShipmentRegistrar.Failure {
                throw APIError.registration(failure)
            }
            return (registered.created ? .created : .ok, RegistrationResponse(registered, publicBaseURL: publicBaseURL, role: principal.role))
        }
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> PageResponse<ShipmentResponse> {
        let principal = try context.require(.readShipments)
        let parameters = request.uri.queryParameters
        var status: ShipmentStatus?
        if let text = parameters.get("status") {
            guard let parsed = ShipmentStatus(rawValue: text) else {
                throw InvalidField(path: "status", reason: "must be one of \(ShipmentStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = parsed
        }
        let cursor = parameters.get("cursor")
        if let cursor, !Identifier.isValid(cursor, kind: .shipment) {
            throw InvalidField(path: "cursor", reason: "is not a cursor from a previous page")
        }
        let query = ShipmentQuery(
            tenantID: principal.tenantID,
            trackingNumber: parameters.get("tracking_number").map(TrackingNumber.normalize),
            merchantOrderID: parameters.get("order_id"), status: status, cursor: cursor,
            limit: try request.queryInt("limit", default: 50, range: 1...500))
        let page = try await store.shipments(query)
        return PageResponse(data: page.items.map { ShipmentResponse($0, publicBaseURL: publicBaseURL, role: principal.role) },
                            nextCursor: page.nextCursor)
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> ShipmentDetailResponse {
        let principal = try context.require(.readShipments)
        let shipment = try await existingShipment(context, principal)
        let legs = try await store.legs(shipmentID: shipment.id, tenantID: principal.tenantID)
        return ShipmentDetailResponse(shipment: ShipmentResponse(shipment, publicBaseURL: publicBaseURL, role: principal.role),
                                      legs: legs.map(LegResponse.init))
    }

    @Sendable func stopTracking(_ request: Request, context: WaybillRequestContext) async throws -> ShipmentResponse {
        let principal = try context.require(.writeShipments)
        let id = try context.parameters.require("id")
        let shipment = try await store.stopTracking(shipmentID: id, tenantID: principal.tenantID, actor: principal.actor)
        return ShipmentResponse(shipment, publicBaseURL: publicBaseURL, role: principal.role)
    }

    @Sendable func events(_ request: Request, context: WaybillRequestContext) async throws -> ListResponse<EventResponse> {
        let principal = try context.require(.readShipments)
        let shipment = try await existingShipment(context, principal)
        let superseded = request.uri.queryParameters.get("include") == "superseded"
        let events = try await store.events(shipmentID: shipment.id, tenantID: principal.tenantID, includingSuperseded: superseded)
        return ListResponse(data: events.map { EventResponse($0, shipmentCarrier: shipment.carrier, role: principal.role) })
    }

    @Sendable func appendEvents(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.writeShipments)
        let shipment = try await existingShipment(context, principal)
        let (data, body) = try await request.decode(AppendEventsRequest.self, context: context)
        let events = try body.canonicalEvents(receivedAt: Date())
        return try await Idempotency(store: store).respond(to: request, body: data, principal: principal) {
            let batch = IngestBatch(
                tenantID: principal.tenantID,
                raw: NewRawPayload(source: .api, carrier: shipment.carrier.isEmpty ? nil : shipment.carrier,
                                   contentType: "application/json", body: data),
                events: events.map { IngestBatch.ShipmentEvent(shipmentID: shipment.id, event: $0) },
                actor: principal.actor)
            let outcome = try await pipeline.ingest(batch)
            let updated = try await store.shipment(id: shipment.id, tenantID: principal.tenantID) ?? shipment
            return (.created, AppendEventsResponse(
                rawPayloadID: outcome.rawPayloadID, inserted: outcome.insertedEventIDs.count, duplicates: outcome.duplicateCount,
                eventIDs: outcome.insertedEventIDs, shipment: ShipmentResponse(updated, publicBaseURL: publicBaseURL, role: principal.role)))
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
