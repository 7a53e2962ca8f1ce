import Foundation
import SQLKit
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

/// One conformance suite, run against every available engine: SQLite always, PostgreSQL when
/// `WAYBILL_TEST_POSTGRES_URL` names a server.
@Suite("Store conformance")
struct StoreConformanceTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    static func event(_ status: ShipmentStatus, _ substatus: Substatus? = nil, hours: Double, city: String = "Leipzig",
                      code: String = "X", text: String = "scan", sequence: Int = 0) -> CanonicalEvent {
        let instant = t0.addingTimeInterval(hours * 3600)
        let offset = UTCOffset(seconds: 3600)
        return CanonicalEvent(
            status: status, substatus: substatus, carrierCode: code, carrierDescription: text, occurredAt: instant,
            localTime: LocalDateTime(instant: instant, offset: offset), utcOffset: offset, zoneSource: .carrierOffset,
            location: Location(city: city, postalCode: "04435", country: "DE"), sequence: sequence)
    }

    static func batch(_ tenantID: String, _ shipmentID: String, _ events: [CanonicalEvent], body: String? = nil) -> IngestBatch {
        IngestBatch(
            tenantID: tenantID,
            raw: NewRawPayload(source: .webhook, carrier: "dhl", contentType: "application/json",
                               body: Data((body ?? "{\"n\":\"\(UUID())\"}").utf8)),
            events: events.map { IngestBatch.ShipmentEvent(shipmentID: shipmentID, event: $0) }, actor: "test")
    }

    static func setUp(_ store: SQLStore, tenant: String = "acme") async throws -> (Tenant, Shipment) {
        let tenant = try await store.ensureTenant(named: tenant)
        let (shipment, created) = try await store.registerShipment(NewShipment(
            tenantID: tenant.id, trackingNumber: "00340434161094042557", carrier: "dhl", actor: "test"))
        #expect(created)
        return (tenant, shipment)
    }

    @Test(arguments: TestDatabase.available)
    func migrationsAreVersionedAndIdempotent(_ database: TestDatabase) async throws {
        try await database.withStore(migrate: false) { store in
            await #expect(throws: StoreError.self) { try await store.checkReady() }
            let first = try await store.migrate()
            #expect(first == Migration.all.map(\.version))
            #expect(try await store.migrate().isEmpty)
            #expect(try await store.schemaVersion() == Migration.all.last?.version)
            try await store.checkReady()
        }
    }

    @Test(arguments: TestDatabase.available)
    func tenantsAndKeys(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            #expect(try await store.ensureTenant(named: "acme").id == tenant.id)
            let material = APIKeyMaterial.generate()
            let key = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: material.prefix,
                                                             secretHash: material.hash, role: .support))
            let found = try #require(try await store.apiKey(secretHash: material.hash))
            #expect(found.id == key.id && found.role == .support && found.tenantID == tenant.id)
            #expect(try await store.apiKeys(tenantID: tenant.id).map(\.id) == [key.id])
            #expect(try await store.revokeAPIKey(id: key.id, tenantID: nil, actor: "test"))
            #expect(try await store.apiKey(secretHash: material.hash) == nil)
            #expect(try await store.revokeAPIKey(id: key.id, tenantID: nil, actor: "test") == false)
            #expect(try await store.apiKeys(tenantID: nil).first?.revokedAt != nil)

            // A key's own request rate limit is kept; a key without one has none (the server's default applies).
            #expect(found.rateLimit == nil)
            let limited = APIKeyMaterial.generate()
            let limit = RequestRateLimit(perSecond: 2.5, burst: 7)
            _ = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: limited.prefix, secretHash: limited.hash,
                                                       role: .integration, rateLimit: limit))
            #expect(try await store.apiKey(secretHash: limited.hash)?.rateLimit == limit)
            #expect(try await store.apiKeys(tenantID: tenant.id).compactMap(\.rateLimit) == [limit])
        }
    }

    @Test(arguments: TestDatabase.available)
    func registeringTheSameTrackingNumberAndCarrierReturnsTheExistingShipment(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (tenant, shipment) = try await Self.setUp(store)
            let again = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: shipment.trackingNumber, carrier: "dhl", actor: "test"))
            #expect(!again.created && again.shipment.id == shipment.id)
            let otherCarrier = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: shipment.trackingNumber, carrier: "dhl_express", actor: "test"))
            #expect(otherCarrier.created && otherCarrier.shipment.id != shipment.id)
            #expect(shipment.status == .pending && shipment.publicToken.count >= 32)

            // Racing registrations of one number create one shipment.
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await store.registerShipment(NewShipment(
                            tenantID: tenant.id, trackingNumber: "1Z999AA10123456784", carrier: "ups", actor: "test")).shipment.id
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func registrationMatchesAnyCarrierAdoptsACarrierAndGuardsTheOrder(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            func register(_ carrier: String, order: String? = nil, anyCarrier: Bool = false,
                          change: NewShipment.OrderChange = .refuse) async throws -> (shipment: Shipment, created: Bool) {
                try await store.registerShipment(NewShipment(
                    tenantID: tenant.id, trackingNumber: "201298452277", carrier: carrier, merchantOrderID: order, actor: "test",
                    matchesAnyCarrier: anyCarrier, orderChange: change))
            }
            let bare = try await register("", order: "A")
            #expect(bare.created && bare.shipment.carrier.isEmpty)
            // A carrier named later is given to the shipment that had none.
            let named = try await register("dhl", order: "A")
            #expect(!named.created && named.shipment.id == bare.shipment.id && named.shipment.carrier == "dhl")
            // No carrier named: that shipment, whatever its carrier; another carrier named: another shipment.
            let any = try await register("gls", anyCarrier: true)
            #expect(!any.created && any.shipment.id == bare.shipment.id && any.shipment.carrier == "dhl")
            #expect(try await register("gls").created)

            await #expect(throws: ShipmentOrderConflict(shipmentID: bare.shipment.id, trackingNumber: "201298452277",
                                                        currentOrderID: "A", requestedOrderID: "B")) {
                try await register("dhl", order: "B")
            }
            #expect(try await store.order("B", tenantID: tenant.id) == nil, "a refused registration writes nothing")
            #expect(try await register("dhl", order: "B", change: .ignore).shipment.orderID == "A")
            let moved = try await register("dhl", order: "B", change: .reassign)
            #expect(moved.shipment.orderID == "B")
            let orderB = try #require(try await store.order("B", tenantID: tenant.id))
            #expect(try await store.shipments(orderRef: orderB.id, tenantID: tenant.id).map(\.id) == [bare.shipment.id])
        }
    }

    @Test(arguments: TestDatabase.available)
    func ordersGroupTheirShipments(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let customer = Customer(email: "ana@example.com", postalCode: "75001", locale: "fr-FR", timeZone: "Europe/Paris")
            let order = try await store.createOrder(NewOrder(tenantID: tenant.id, merchantOrderID: "1001", customer: customer,
                                                             lineItems: [LineItem(sku: "A", name: "Mug", quantity: 2)], actor: "test"))
            #expect(order.created)
            #expect(try await store.createOrder(NewOrder(tenantID: tenant.id, merchantOrderID: "1001", actor: "test")).created == false)
            for number in ["AA111", "AA222"] {
                _ = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: number, carrier: "ups",
                                                                 merchantOrderID: "1001", actor: "test"))
            }
            let implicit = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: "AA333",
                                                                        merchantOrderID: "1002", actor: "test"))
            let byMerchantID = try #require(try await store.order("1001", tenantID: tenant.id))
            #expect(byMerchantID.id == order.order.id && byMerchantID.customer == customer && byMerchantID.lineItems.count == 1)
            #expect(try await store.order(order.order.id, tenantID: tenant.id)?.merchantOrderID == "1001")
            #expect(try await store.shipments(orderRef: order.order.id, tenantID: tenant.id).map(\.trackingNumber) == ["AA111", "AA222"])
            #expect(try await store.order("1002", tenantID: tenant.id) != nil)
            #expect(implicit.shipment.orderID == "1002")
        }
    }

    @Test(arguments: TestDatabase.available)
    func ingestStoresRawPayloadAndEventsAndDerivesState(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (tenant, shipment) = try await Self.setUp(store)
            var delivered = Self.event(.delivered, .deliveredSigned, hours: 30, city: "Berlin", sequence: 3)
            delivered.signedBy = "K. MÜLLER"
            let body = #"{"events":[{"code":"DL"}, {"code":"PU"}], "note":"newest first"}"#
            let outcome = try await store.ingest(Self.batch(tenant.id, shipment.id, [
                delivered,
                Self.event(.outForDelivery, .outForDelivery, hours: 26, city: "Berlin", sequence: 2),
                Self.event(.inTransit, .departedFacility, hours: 5, sequence: 1),
                Self.event(.infoReceived, .labelCreated, hours: 0, sequence: 0),
            ], body: body))
            #expect(outcome.insertedEventIDs.count == 4 && outcome.duplicateCount == 0 && outcome.rawPayloadIsNew)
            #expect(outcome.changes == [ShipmentChange(shipmentID: shipment.id, previousStatus: .pending, status: .delivered)])

            let updated = try #require(try await store.shipment(id: shipment.id, tenantID: tenant.id))
            #expect(updated.status == .delivered && updated.substatus == .deliveredSigned)
            #expect(updated.deliveredAt == delivered.occurredAt && updated.signedBy == "K. MÜLLER")
            #expect(updated.lastEventAt == delivered.occurredAt)

            let events = try await store.events(shipmentID: shipment.id, tenantID: tenant.id)
            #expect(events.map(\.event.status) == [.infoReceived, .inTransit, .outForDelivery, .delivered])
            #expect(events.allSatisfy { $0.rawPayloadID == outcome.rawPayloadID && $0.rawPayloadIDs == [outcome.rawPayloadID] })
            #expect(events[3].event.localTime?.description == delivered.localTime?.description)
            #expect(events[3].event.utcOffset == UTCOffset(seconds: 3600))
            #expect(events[3].event.location?.city == "Berlin")

            let raw = try #require(try await store.rawPayload(id: outcome.rawPayloadID, tenantID: tenant.id))
            #expect(raw.body == Data(body.utf8) && raw.status == .parsed && raw.source == .webhook)
            #expect(raw.sha256 == APIKeyMaterial.hash(of: body))  // SHA-256 of the same bytes
        }
    }

    @Test(arguments: TestDatabase.available)
    func duplicateEventsAreStoredOnceAndRememberEveryPayload(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (tenant, shipment) = try await Self.setUp(store)
            let pickup = Self.event(.inTransit, .pickedUp, hours: 1, code: "PU", text: "Picked up")
            let first = try await store.ingest(Self.batch(tenant.id, shipment.id, [pickup, pickup], body: "{\"feed\":\"webhook\"}"))
            #expect(first.insertedEventIDs.count == 1 && first.duplicateCount == 1)

            // The same scan from an aggregator: other code and words, same identity.
            var aggregated = pickup
            aggregated.carrierCode = "InTransit_001"
            aggregated.carrierDescription = "Shipment picked up"
            let arrival = Self.event(.inTransit, .arrivedFacility, hours: 4)
            let second = try await store.ingest(Self.batch(tenant.id, shipment.id, [aggregated, arrival], body: "{\"feed\":\"poll\"}"))
            #expect(second.insertedEventIDs.count == 1 && second.duplicateCount == 1)

            // An identical payload is stored once and changes nothing.
            let replay = try await store.ingest(Self.batch(tenant.id, shipment.id, [pickup, pickup], body: "{\"feed\":\"webhook\"}"))
            #expect(replay.rawPayloadID == first.rawPayloadID && !replay.rawPayloadIsNew && replay.insertedEventIDs.isEmpty)

            let events = try await store.events(shipmentID: shipment.id, tenantID: tenant.id)
            #expect(events.count == 2)
            #expect(Set(events[0].rawPayloadIDs) == [first.rawPayloadID, second.rawPayloadID])
            #expect(events[0].event.carrierCode == "PU")
        }
    }

    @Test(arguments: TestDatabase.available)
    func lateOutOfOrderEventsDoNotMoveStatusBack(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (tenant, shipment) = try await Self.setUp(store)
            _ = try await store.ingest(Self.batch(tenant.id, shipment.id, [Self.event(.delivered, .deliveredMailbox, hours: 30)]))
            let late = try await store.ingest(Self.batch(tenant.id, shipment.id, [
                Self.event(.outForDelivery, .outForDelivery, hours: 25), Self.event(.inTransit, .arrivedFacility, hours: 10),
            ]))
            #expect(late.changes.isEmpty)
            #expect(try await store.shipment(id: shipment.id, tenantID: tenant.id)?.status == .delivered)
            let returned = try await store.ingest(Self.batch(tenant.id, shipment.id, [Self.event(.returnedToSender, hours: 50)]))
            #expect(returned.changes.first?.status == .returnedToSender)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aTransactionFailingHalfwayLeavesNoPartialState(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (tenant, shipment) = try await Self.setUp(store)
            // The raw payload and the first shipment's events come before the unknown shipment.
            let bad = IngestBatch(
                tenantID: tenant.id,
                raw: NewRawPayload(source: .file, carrier: nil, contentType: "text/csv", body: Data("a,b\n".utf8)),
                events: [
                    IngestBatch.ShipmentEvent(shipmentID: shipment.id, event: Self.event(.inTransit, hours: 1)),
                    IngestBatch.ShipmentEvent(shipmentID: "shp_does_not_exist", event: Self.event(.delivered, hours: 2)),
                ], actor: "test")
            await #expect(throws: StoreError.notFound(kind: "shipment", id: "shp_does_not_exist")) { try await store.ingest(bad) }
            #expect(try await store.events(shipmentID: shipment.id, tenantID: tenant.id).isEmpty)
            #expect(try await store.shipment(id: shipment.id, tenantID: tenant.id)?.status == .pending)

            // A failure after rows were written inside the transaction rolls all of them back.
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await store.backend.transaction { db in
                    _ = try await SQLStore.storeRawPayload(db, tenantID: tenant.id, Self.batch(tenant.id, shipment.id, [], body: "partial").raw, sha256: "abc")
                    try await db.raw("UPDATE shipments SET status = 'delivered' WHERE id = \(bind: shipment.id)").run()
                    throw Boom()
                }
            }
            #expect(try await store.shipment(id: shipment.id, tenantID: tenant.id)?.status == .pending)
            let rows = try await store.backend.read { db in try await db.raw("SELECT COUNT(*) AS n FROM raw_payloads").first() }
            #expect(try rows?.decode(column: "n", as: Int.self) == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func tenantsCannotReachEachOthersData(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (acme, shipment) = try await Self.setUp(store)
            let outcome = try await store.ingest(Self.batch(acme.id, shipment.id, [Self.event(.inTransit, hours: 1)]))
            let globex = try await store.ensureTenant(named: "globex")
            #expect(try await store.shipment(id: shipment.id, tenantID: globex.id) == nil)
            #expect(try await store.events(shipmentID: shipment.id, tenantID: globex.id).isEmpty)
            #expect(try await store.rawPayload(id: outcome.rawPayloadID, tenantID: globex.id) == nil)
            #expect(try await store.shipments(ShipmentQuery(tenantID: globex.id)).items.isEmpty)
            await #expect(throws: StoreError.self) {
                try await store.ingest(Self.batch(globex.id, shipment.id, [Self.event(.delivered, hours: 9)]))
            }
            await #expect(throws: StoreError.self) {
                try await store.stopTracking(shipmentID: shipment.id, tenantID: globex.id, actor: "test")
            }
            #expect(try await store.shipment(id: shipment.id, tenantID: acme.id)?.status == .inTransit)
            // The same tracking number in another tenant is another shipment.
            let theirs = try await store.registerShipment(NewShipment(
                tenantID: globex.id, trackingNumber: shipment.trackingNumber, carrier: "dhl", actor: "test"))
            #expect(theirs.created && theirs.shipment.id != shipment.id)
        }
    }

    @Test(arguments: TestDatabase.available)
    func listingFiltersAndPagesWithACursor(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            var ids: [String] = []
            for index in 0..<7 {
                let (shipment, _) = try await store.registerShipment(NewShipment(
                    tenantID: tenant.id, trackingNumber: "TRK\(index)", carrier: "ups",
                    merchantOrderID: index < 2 ? "ORD-A" : nil, actor: "test"))
                ids.append(shipment.id)
            }
            _ = try await store.ingest(Self.batch(tenant.id, ids[3], [Self.event(.delivered, hours: 1)]))
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await store.shipments(ShipmentQuery(tenantID: tenant.id, cursor: cursor, limit: 3))
                #expect(page.items.count <= 3)
                seen += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen == ids.reversed())
            #expect(try await store.shipments(ShipmentQuery(tenantID: tenant.id, status: .delivered)).items.map(\.id) == [ids[3]])
            #expect(try await store.shipments(ShipmentQuery(tenantID: tenant.id, trackingNumber: "TRK5")).items.map(\.id) == [ids[5]])
            #expect(try await store.shipments(ShipmentQuery(tenantID: tenant.id, merchantOrderID: "ORD-A")).items.count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func stoppingTrackingKeepsTheAuditTrail(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (tenant, shipment) = try await Self.setUp(store)
            _ = try await store.ingest(Self.batch(tenant.id, shipment.id, [Self.event(.inTransit, hours: 1)]))
            let stopped = try await store.stopTracking(shipmentID: shipment.id, tenantID: tenant.id, actor: "api_key:k1")
            #expect(stopped.trackingStoppedAt != nil)
            #expect(try await store.events(shipmentID: shipment.id, tenantID: tenant.id).count == 1)
            let trail = try await store.auditTrail(tenantID: tenant.id, subjectID: shipment.id)
            #expect(trail.map(\.action) == ["shipment.registered", "shipment.tracking_stopped"])
            #expect(trail.last?.actor == "api_key:k1")
            let resumed = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: shipment.trackingNumber, carrier: "dhl", actor: "test"))
            #expect(resumed.shipment.id == shipment.id && resumed.shipment.trackingStoppedAt == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func idempotencyKeysKeepTheFirstResponse(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let response = StoredResponse(requestHash: "h1", statusCode: 201, body: "{\"id\":\"shp_1\"}")
            try await store.saveIdempotentResponse(tenantID: tenant.id, key: "k", response: response)
            try await store.saveIdempotentResponse(tenantID: tenant.id, key: "k",
                                                   response: StoredResponse(requestHash: "h2", statusCode: 200, body: "{}"))
            #expect(try await store.idempotentResponse(tenantID: tenant.id, key: "k") == response)
            let other = try await store.ensureTenant(named: "other")
            #expect(try await store.idempotentResponse(tenantID: other.id, key: "k") == nil)
        }
    }
}

