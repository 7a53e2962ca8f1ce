import Foundation
import Testing
import WaybillCore
@testable import WaybillIngest
import WaybillNotify
import WaybillStore
import WaybillTestSupport

@Suite("Outbox written in the ingest transaction")
struct OutboxTests {
    @Test(arguments: TestDatabase.available)
    func aStatusChangeWritesOneRowPerMatchingSubscription(database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "outbox")
            let changes = try await store.createWebhookSubscription(
                tenantID: tenant.id, url: "http://127.0.0.1:9/a", eventTypes: [.shipmentStatusChanged], actor: "test")
            let both = try await store.createWebhookSubscription(
                tenantID: tenant.id, url: "http://127.0.0.1:9/b", eventTypes: [.shipmentStatusChanged, .shipmentDelivered], actor: "test")
            _ = try await store.createWebhookSubscription(
                tenantID: tenant.id, url: "http://127.0.0.1:9/c", eventTypes: [.shipmentDelivered], actor: "test")
            let ids = try await NotifyFixtures.shipments(store, tenantID: tenant.id, count: 1)

            let outcome = try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .inTransit, step: 1)
            #expect(outcome.changes.count == 1)
            var rows = try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id)
            #expect(Set(rows.map(\.targetID)) == [changes.id, both.id])
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0.eventType == "shipment.status_changed" && $0.sequence == 1 && $0.state == .pending })

            // The same payload again: stored once, no new events, no new messages.
            let again = try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .inTransit, step: 1)
            #expect(!again.rawPayloadIsNew && again.insertedEventIDs.isEmpty)
            #expect(try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id).count == 2)

            // A new scan with the same status changes nothing that subscriptions follow.
            try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .inTransit, step: 2)
            #expect(try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id).count == 2)

            // Delivered: status_changed to two subscriptions, shipment.delivered to two, later sequences.
            try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .delivered, step: 3)
            rows = try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id)
            let delivered = rows.filter { $0.sequence > 1 }
            #expect(delivered.count == 4)
            #expect(Set(delivered.filter { $0.eventType == "shipment.status_changed" }.map(\.sequence)) == [2])
            #expect(Set(delivered.filter { $0.eventType == "shipment.delivered" }.map(\.sequence)) == [3])
        }
    }

    @Test(arguments: TestDatabase.available)
    func theBodyCarriesTheShipmentTheEventAndProofOfDelivery(database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "bodies")
            _ = try await store.createWebhookSubscription(tenantID: tenant.id, url: "http://127.0.0.1:9/a",
                                                          eventTypes: [.shipmentDelivered], actor: "test")
            let ids = try await NotifyFixtures.shipments(store, tenantID: tenant.id, count: 1)
            try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .delivered, step: 1)
            let claimed = try await store.claimNotifications(limit: 10, owner: "t", leaseDuration: 60, now: Date())
            let message = try #require(claimed.first { $0.channel == .webhook })
            let body = try JSONValue.parse(Data(message.body.utf8))
            #expect(body["id"]?.stringValue == message.id)
            #expect(body["type"]?.stringValue == "shipment.delivered")
            #expect(body["created_at"]?.stringValue.flatMap(Timestamp.parse) != nil)
            #expect(body["data"]?["shipment"]?["id"]?.stringValue == ids[0])
            #expect(body["data"]?["shipment"]?["signed_by"]?.stringValue == "M. Martin")
            #expect(body["data"]?["event"]?["substatus"]?.stringValue == "delivered_signed")
            #expect(body["data"]?["event"]?["location"]?["city"]?.stringValue == "Lyon")
            #expect(body["data"]?["sequence"] == .number(2))
            #expect(body["data"]?["shipment"]?["customer"] == nil, "no customer contact details in webhooks")
        }
    }

    @Test(arguments: TestDatabase.available)
    func orderLevelEventsFireWhenTheLastShipmentIsDelivered(database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "orders")
            _ = try await store.createWebhookSubscription(tenantID: tenant.id, url: "http://127.0.0.1:9/o",
                                                          eventTypes: [.orderDelivered, .orderPartiallyDelivered], actor: "test")
            var ids: [String] = []
            for index in 0..<2 {
                let (shipment, _) = try await store.registerShipment(NewShipment(
                    tenantID: tenant.id, trackingNumber: "ORD\(index)", carrier: "ups", merchantOrderID: "A-100", actor: "test"))
                ids.append(shipment.id)
            }
            try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: [ids[0]], status: .delivered, step: 1)
            var rows = try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id)
            #expect(rows.map(\.eventType) == ["order.partially_delivered"])
            try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: [ids[1]], status: .delivered, step: 2)
            rows = try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id)
            #expect(rows.filter { $0.eventType == "order.delivered" }.count == 1)
        }
    }

    /// The ingest worker appends payloads about different shipments together; two shipments of
    /// one order are never in one group, so the first delivery still fires "partially delivered".
    @Test(arguments: TestDatabase.available)
    func twoDeliveriesOfOneOrderInOneWorkerBatchFireBothOrderEvents(database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "orders")
            _ = try await store.createWebhookSubscription(tenantID: tenant.id, url: "http://127.0.0.1:9/o",
                                                          eventTypes: [.orderDelivered, .orderPartiallyDelivered], actor: "test")
            var items: [StoredPayloadEvents] = []
            for index in 0..<2 {
                let (shipment, _) = try await store.registerShipment(NewShipment(
                    tenantID: tenant.id, trackingNumber: "ORD\(index)", carrier: "ups", merchantOrderID: "A-100", actor: "test"))
                let raw = NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: Data("{\"n\":\(index)}".utf8))
                let rawID = try await store.receive(raw, tenantID: tenant.id, parseJobKind: "parse_raw_payload").rawPayloadID
                let event = CanonicalEvent(status: .delivered, occurredAt: Date(timeIntervalSince1970: 1_780_000_000 + Double(index) * 60),
                                           location: Location(city: "Lyon", country: "FR"), sequence: index)
                items.append(StoredPayloadEvents(jobID: "", rawPayloadID: rawID, tenantID: tenant.id,
                                                 events: [.init(shipmentID: shipment.id, event: event)], actor: "webhook:ups"))
            }
            try await store.moveInbox()
            let parsed = items.map { ParsedPayload(stored: $0, source: .webhook, carrier: "ups", notices: []) }
            _ = try await IngestPipeline(store: store, observers: [OutboxWriter()]).ingest(parsed: parsed, completingJobsOf: "w")
            let rows = try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id)
            #expect(Set(rows.map(\.eventType)) == ["order.partially_delivered", "order.delivered"])
            #expect(rows.count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func rulesQueueMessagesToPeopleOncePerShipment(database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "rules")
            let defaults = try await store.alertRules(tenantID: tenant.id)
            #expect(defaults.count == 6)
            #expect(try await store.alertRules(tenantID: tenant.id).count == 6, "defaults are created once")
            let shipped = try #require(defaults.first { $0.trigger == .status(.inTransit) })
            #expect(shipped.oncePerShipment)
            let ids = try await NotifyFixtures.shipments(store, tenantID: tenant.id, count: 1,
                                                         customer: Customer(email: "c@example.com", timeZone: "Europe/Paris"))
            try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .inTransit, step: 1)
            try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .exception, step: 2)
            try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .inTransit, step: 3)
            let shippedMessages = try await store.deliveries(DeliveryQuery(tenantID: tenant.id, targetID: shipped.id)).items
            #expect(shippedMessages.count == 1, "in transit twice, told once")
            let feed = try await store.deliveries(DeliveryQuery(tenantID: tenant.id, channel: .inApp)).items
            #expect(feed.count == 1)
        }
    }
}
