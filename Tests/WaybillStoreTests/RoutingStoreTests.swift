import Foundation
import Testing
import WaybillCore
import WaybillStore
import WaybillTestSupport

/// Legs, routing rules and feed reconciliation on both engines (issue 4, item 6).
@Suite struct RoutingStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let pic = "9274899998944522537205"

    static func event(_ status: ShipmentStatus, _ substatus: Substatus?, minutes: Double, code: String) -> CanonicalEvent {
        CanonicalEvent(status: status, substatus: substatus, carrierCode: code, occurredAt: now.addingTimeInterval(minutes * 60),
                       utcOffset: UTCOffset(seconds: 0), zoneSource: .carrierOffset)
    }

    static func ingest(_ store: SQLStore, tenantID: String, feed: String, body: String,
                       _ events: [IngestBatch.ShipmentEvent]) async throws -> IngestOutcome {
        try await store.ingest(IngestBatch(
            tenantID: tenantID, raw: NewRawPayload(source: .webhook, carrier: feed, contentType: "application/json", body: Data(body.utf8)),
            events: events, actor: "test"))
    }

    @Test(arguments: TestDatabase.available)
    func legsLinkOnceAndAreClaimedForTheirCarrier(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let shipment = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: "1Z999AA10123456784", carrier: "ups", actor: "test")).shipment
            let other = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: "1Z12345E0205271688", carrier: "ups", actor: "test")).shipment
            let leg = NewShipmentLeg(tenantID: tenant.id, shipmentID: shipment.id, trackingNumber: Self.pic, carrier: "usps",
                                     role: .lastMile, linkedBy: "ups", actor: "routing")
            let first = try #require(try await store.linkLeg(leg))
            #expect(first.isNew && first.leg.carrier == "usps" && first.leg.role == .lastMile && first.leg.polling.state == .active)
            // Again: the same leg, not a second one.
            let again = try #require(try await store.linkLeg(leg))
            #expect(!again.isNew && again.leg.id == first.leg.id)
            // Its own number is not a leg; another shipment's number or leg cannot become one.
            var own = leg
            own.trackingNumber = "1Z999AA10123456784"
            own.carrier = "ups"
            #expect(try await store.linkLeg(own) == nil)
            var stolen = leg
            stolen.shipmentID = other.id
            await #expect(throws: StoreError.self) { try await store.linkLeg(stolen) }
            var otherShipmentsNumber = leg
            otherShipmentsNumber.trackingNumber = other.trackingNumber
            otherShipmentsNumber.carrier = "ups"
            await #expect(throws: StoreError.self) { try await store.linkLeg(otherShipmentsNumber) }

            #expect(try await store.shipmentID(forLeg: Self.pic, carrier: "usps", tenantID: tenant.id) == shipment.id)
            #expect(try await store.shipmentID(forLeg: Self.pic, carrier: "fedex", tenantID: tenant.id) == nil)
            #expect(try await store.legs(shipmentID: shipment.id, tenantID: tenant.id).map(\.id) == [first.leg.id])

            // The USPS poller claims the leg, with the shipment's state; recording schedules the leg only.
            let claimed = try await store.claimDuePolls(carrier: "usps", limit: 10, owner: "a", leaseDuration: .seconds(60), now: Self.now)
            #expect(claimed.count == 1)
            let target = try #require(claimed.first)
            #expect(target.legID == first.leg.id && target.shipmentID == shipment.id && target.trackingNumber == Self.pic)
            #expect(target.carrier == "usps" && target.tenantID == tenant.id)
            #expect(try await store.claimDuePolls(carrier: "usps", limit: 10, owner: "b", leaseDuration: .seconds(60), now: Self.now).isEmpty)
            var state = target.state
            state.nextCheckAt = Self.now.addingTimeInterval(3600)
            state.outcome = .unchanged
            #expect(try await store.recordPoll(PollRecord(shipmentID: shipment.id, tenantID: tenant.id, checkedAt: Self.now, state: state,
                                                          legID: target.legID), owner: "a"))
            let stored = try #require(try await store.legs(shipmentID: shipment.id, tenantID: tenant.id).first)
            #expect(stored.polling.lastCheckedAt == Self.now && stored.polling.nextCheckAt == Self.now.addingTimeInterval(3600))
            #expect(try await store.pollingState(shipmentID: shipment.id, tenantID: tenant.id)?.lastCheckedAt == nil)
            // The UPS poller sees the shipments, never the leg.
            let ups = try await store.claimDuePolls(carrier: "ups", limit: 10, owner: "c", leaseDuration: .seconds(60), now: Self.now)
            #expect(Set(ups.map(\.shipmentID)) == [shipment.id, other.id] && ups.allSatisfy { $0.legID == nil })

            // Backfill makes legs due again.
            _ = try await store.scheduleBackfill(since: Self.now.addingTimeInterval(-86_400 * 365 * 30), until: nil, tenantID: tenant.id,
                                                 carrier: nil, now: Self.now)
            #expect(try await store.claimDuePolls(carrier: "usps", limit: 10, owner: "d", leaseDuration: .seconds(60),
                                                  now: Self.now.addingTimeInterval(1)).map(\.legID) == [first.leg.id])
        }
    }

    @Test(arguments: TestDatabase.available)
    func routingRulesAreSavedPerCarrier(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            #expect(try await store.routingRules(tenantID: tenant.id).isEmpty)
            let rule = RoutingRule(carrier: "ups", trustedFeed: .aggregator, poll: .whenWebhookSilent, webhookSilenceAfter: .seconds(7200),
                                   fallbackAggregator: "aftership", fallbackAfterFailures: 2)
            let saved = try await store.saveRoutingRule(rule, tenantID: tenant.id, actor: "test")
            #expect(saved.updatedAt != nil)
            _ = try await store.saveRoutingRule(RoutingRule(carrier: "*", poll: .never), tenantID: tenant.id, actor: "test")
            var replaced = rule
            replaced.fallbackAfterFailures = 5
            _ = try await store.saveRoutingRule(replaced, tenantID: tenant.id, actor: "test")
            let rules = try await store.routingRules(tenantID: tenant.id)
            #expect(rules.map(\.carrier) == ["*", "ups"])
            var read = try #require(rules.last)
            read.updatedAt = nil
            #expect(read == replaced)
            #expect(try await store.deleteRoutingRule(carrier: "ups", tenantID: tenant.id, actor: "test"))
            #expect(try await store.deleteRoutingRule(carrier: "ups", tenantID: tenant.id, actor: "test") == false)
            #expect(try await store.routingRules(tenantID: tenant.id).map(\.carrier) == ["*"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func anAggregatorsCopiesOfCarrierScansAreSupersededByTheTrustedFeed(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let shipment = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: "1Z999AA10123456784", carrier: "ups", actor: "test")).shipment
            // UPS reports two scans; AfterShip relays the first (3 minutes off, its own code) and
            // then a delivery UPS has not reported yet.
            _ = try await Self.ingest(store, tenantID: tenant.id, feed: "ups", body: "ups-1", [
                .init(shipmentID: shipment.id, event: Self.event(.inTransit, .departedFacility, minutes: 0, code: "DP"), carrier: "ups"),
                .init(shipmentID: shipment.id, event: Self.event(.outForDelivery, .outForDelivery, minutes: 600, code: "OT"), carrier: "ups"),
            ])
            _ = try await Self.ingest(store, tenantID: tenant.id, feed: "aftership", body: "as-1", [
                .init(shipmentID: shipment.id, event: Self.event(.inTransit, .departedFacility, minutes: 3, code: "InTransit_002"),
                      carrier: "ups"),
                .init(shipmentID: shipment.id, event: Self.event(.delivered, .deliveredDoor, minutes: 900, code: "Delivered_001"),
                      carrier: "ups"),
            ])
            let timeline = try await store.events(shipmentID: shipment.id, tenantID: tenant.id)
            #expect(timeline.map(\.event.carrierCode) == ["DP", "OT", "Delivered_001"])
            #expect(timeline.map(\.reportedBy) == ["ups", "ups", "aftership"])
            #expect(timeline.allSatisfy { $0.carrier == "ups" })
            let everything = try await store.events(shipmentID: shipment.id, tenantID: tenant.id, includingSuperseded: true)
            let copy = try #require(everything.first { $0.event.carrierCode == "InTransit_002" })
            #expect(copy.supersededBy == timeline[0].id)
            #expect(try await store.shipment(id: shipment.id, tenantID: tenant.id)?.status == .delivered)

            // The tenant now trusts the aggregator for UPS: the stored marks swap at once.
            _ = try await store.saveRoutingRule(RoutingRule(carrier: "ups", trustedFeed: .aggregator), tenantID: tenant.id, actor: "test")
            #expect(try await store.events(shipmentID: shipment.id, tenantID: tenant.id).map(\.event.carrierCode)
                == ["InTransit_002", "OT", "Delivered_001"])
            // And a later UPS copy of AfterShip's delivery is superseded on arrival.
            _ = try await Self.ingest(store, tenantID: tenant.id, feed: "ups", body: "ups-2", [
                .init(shipmentID: shipment.id, event: Self.event(.delivered, .deliveredDoor, minutes: 901, code: "KB"), carrier: "ups"),
            ])
            let swapped = try await store.events(shipmentID: shipment.id, tenantID: tenant.id)
            #expect(swapped.map(\.event.carrierCode) == ["InTransit_002", "OT", "Delivered_001"])
            let all = try await store.events(shipmentID: shipment.id, tenantID: tenant.id, includingSuperseded: true)
            #expect(all.filter { $0.supersededBy != nil }.compactMap(\.event.carrierCode).sorted() == ["DP", "KB"])
            // Deleting the rule trusts the carrier again.
            #expect(try await store.deleteRoutingRule(carrier: "ups", tenantID: tenant.id, actor: "test"))
            let restored = try await store.events(shipmentID: shipment.id, tenantID: tenant.id, includingSuperseded: true)
            #expect(restored.filter { $0.supersededBy != nil }.compactMap(\.event.carrierCode).sorted() == ["Delivered_001", "InTransit_002"])
        }
    }
}

extension RoutingStoreTests {
    @Test(arguments: TestDatabase.available)
    func subscriptionsAreDueForTrackedNumbersWithAnEndpoint(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let acme = try await store.ensureTenant(named: "acme")
            let other = try await store.ensureTenant(named: "no-endpoint")
            func register(_ tenant: String, _ number: String, _ carrier: String = "ups") async throws -> Shipment {
                try await store.registerShipment(NewShipment(tenantID: tenant, trackingNumber: number, carrier: carrier, actor: "test")).shipment
            }
            _ = try await register(acme.id, "1Z999AA10123456784")
            let delivered = try await register(acme.id, "1Z12345E0205271688")
            _ = try await Self.ingest(store, tenantID: acme.id, feed: "ups", body: "d", [
                .init(shipmentID: delivered.id, event: Self.event(.delivered, .deliveredDoor, minutes: 0, code: "KB"))])
            let stopped = try await register(acme.id, "1Z12345E6605272234")
            _ = try await store.stopTracking(shipmentID: stopped.id, tenantID: acme.id, actor: "test")
            let fedex = try await register(acme.id, "123456789012", "fedex")
            _ = try await store.linkLeg(NewShipmentLeg(tenantID: acme.id, shipmentID: fedex.id, trackingNumber: "1Z12345E1305277940",
                                                       carrier: "ups", role: .added, linkedBy: "api", actor: "test"))
            _ = try await register(other.id, "1Z999AA10123456784")
            let endpoint = try await store.createWebhookEndpoint(tenantID: acme.id, carrier: "ups", actor: "test")

            let due = try await store.dueSubscriptions(carrier: "ups", limit: 10, now: Self.now)
            #expect(due.map(\.trackingNumber) == ["1Z12345E1305277940", "1Z999AA10123456784"])
            #expect(due.allSatisfy { $0.tenantID == acme.id && $0.endpointID == endpoint.id && $0.credential == endpoint.secret })

            // Rotation is stamped with real time, so the subscriptions are too.
            let subscribedAt = Date().addingTimeInterval(-60)
            let renew = subscribedAt.addingTimeInterval(86_400)
            try await store.recordSubscriptions(due.map {
                SubscriptionRecord(tenantID: $0.tenantID, carrier: "ups", trackingNumber: $0.trackingNumber, endpointID: $0.endpointID,
                                   subscribedAt: subscribedAt, renewAt: renew, error: nil)
            })
            #expect(try await store.dueSubscriptions(carrier: "ups", limit: 10, now: Date()).isEmpty)
            #expect(try await store.dueSubscriptions(carrier: "ups", limit: 10, now: renew).count == 2)
            // A rotated secret (after the subscriptions were made) makes them due at once.
            _ = try await store.rotateWebhookSecret(id: endpoint.id, tenantID: acme.id, actor: "test")
            #expect(try await store.dueSubscriptions(carrier: "ups", limit: 10, now: Date()).count == 2)
        }
    }
}
