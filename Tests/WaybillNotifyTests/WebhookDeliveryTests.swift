import Foundation
import Testing
import WaybillCore
import WaybillNotify
import WaybillStore
import WaybillTestSupport

@Suite("Signed webhook delivery")
struct WebhookDeliveryTests {
    @Test(arguments: TestDatabase.available)
    func anOutageHealsAndEveryMessageArrivesOnceInOrder(database: TestDatabase) async throws {
        try await database.withStore { store in
            let log = ReceiverLog(failingWith: 503)
            try await TestReceiver.run(log) { url in
                let tenant = try await store.ensureTenant(named: "outage")
                let subscription = try await store.createWebhookSubscription(
                    tenantID: tenant.id, url: url, eventTypes: [.shipmentStatusChanged], actor: "test")
                let ids = try await NotifyFixtures.shipments(store, tenantID: tenant.id, count: 3)
                for (step, status) in NotifyFixtures.journey.enumerated() {
                    try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: status, step: step)
                }
                let worker = NotifyFixtures.worker(store, configuration: NotifyFixtures.fastConfiguration(circuitFailures: 3))
                // Down: only each shipment's first message is tried, again and again.
                let sawRetries = try await NotifyFixtures.until({ try await worker.drainOnce() }) { await log.refusedCount >= 9 }
                #expect(sawRetries)
                #expect(await log.accepted.isEmpty)
                let waiting = try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id)
                #expect(waiting.filter { $0.attemptCount > 0 }.allSatisfy { $0.sequence == 1 }, "later messages wait for the first")

                await log.setFailing(nil)
                let healed = try await NotifyFixtures.until({ try await worker.drainOnce() }) { await log.accepted.count >= 12 }
                #expect(healed)
                let accepted = await log.accepted
                #expect(accepted.count == 12)
                #expect(Set(accepted.map(\.id)).count == 12, "once per idempotency key")
                for id in ids {
                    #expect(accepted.filter { $0.shipmentID == id }.map(\.sequence) == [1, 2, 3, 4], "in sequence order")
                }
                for delivery in accepted.prefix(3) {
                    #expect(WebhookSigner.verify(id: delivery.id, timestamp: Int(delivery.timestamp) ?? 0, body: delivery.body,
                                                 signatureHeader: delivery.signature, secret: subscription.secret))
                }
                let log = try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id)
                #expect(log.allSatisfy { $0.state == .delivered })
                let first = try #require(log.first { $0.sequence == 1 })
                #expect(first.attempts.count >= 2)
                #expect(first.attempts.first?.statusCode == 503)
                #expect(first.attempts.first?.responseExcerpt == "down")
                #expect(first.attempts.last?.statusCode == 200)
                #expect(first.attempts.last?.outcome == "delivered")
            }
        }
    }

    @Test(.enabled(if: PythonVerifier.isAvailable, "python3 is not installed"))
    func theSignatureVerifiesWithPythonsHMAC() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let log = ReceiverLog()
            try await TestReceiver.run(log) { url in
                let tenant = try await store.ensureTenant(named: "python")
                let subscription = try await store.createWebhookSubscription(
                    tenantID: tenant.id, url: url, eventTypes: [.shipmentStatusChanged], actor: "test")
                #expect(subscription.secret.hasPrefix("whsec_"))
                let ids = try await NotifyFixtures.shipments(store, tenantID: tenant.id, count: 1)
                try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .inTransit, step: 1)
                let worker = NotifyFixtures.worker(store)
                #expect(try await NotifyFixtures.until({ try await worker.drainOnce() }) { await log.accepted.count == 1 })
                let delivery = try #require(await log.accepted.first)
                #expect(delivery.id.hasPrefix("msg_"))
                #expect(delivery.json["id"]?.stringValue == delivery.id)
                #expect(delivery.signature.hasPrefix("v1,"))
                #expect(try PythonVerifier.verify(delivery, secret: subscription.secret))
                let other = try await store.createWebhookSubscription(
                    tenantID: tenant.id, url: url, eventTypes: [.shipmentStale], actor: "test")
                #expect(try !PythonVerifier.verify(delivery, secret: other.secret), "another secret does not verify")
                var tampered = delivery
                tampered.body.append(UInt8(ascii: " "))
                #expect(try !PythonVerifier.verify(tampered, secret: subscription.secret), "a changed body does not verify")
            }
        }
    }

    @Test func rotationSendsBothSignaturesDuringTheOverlap() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let log = ReceiverLog()
            try await TestReceiver.run(log) { url in
                let tenant = try await store.ensureTenant(named: "rotation")
                let original = try await store.createWebhookSubscription(
                    tenantID: tenant.id, url: url, eventTypes: [.shipmentStatusChanged], actor: "test")
                let rotated = try await store.rotateWebhookSubscriptionSecret(id: original.id, tenantID: tenant.id, overlap: 3600,
                                                                             actor: "test")
                #expect(rotated.secret != original.secret)
                let ids = try await NotifyFixtures.shipments(store, tenantID: tenant.id, count: 1)
                try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .inTransit, step: 1)
                let worker = NotifyFixtures.worker(store)
                #expect(try await NotifyFixtures.until({ try await worker.drainOnce() }) { await log.accepted.count == 1 })
                let delivery = try #require(await log.accepted.first)
                let signatures = delivery.signature.split(separator: " ")
                #expect(signatures.count == 2)
                for secret in [original.secret, rotated.secret] {
                    #expect(WebhookSigner.verify(id: delivery.id, timestamp: Int(delivery.timestamp) ?? 0, body: delivery.body,
                                                 signatureHeader: delivery.signature, secret: secret))
                    if PythonVerifier.isAvailable { #expect(try PythonVerifier.verify(delivery, secret: secret)) }
                }

                // After the overlap only the new secret signs.
                _ = try await store.rotateWebhookSubscriptionSecret(id: original.id, tenantID: tenant.id, overlap: 0, actor: "test")
                try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .outForDelivery, step: 2)
                #expect(try await NotifyFixtures.until({ try await worker.drainOnce() }) { await log.accepted.count == 2 })
                #expect(await log.accepted.last?.signature.split(separator: " ").count == 1)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRejectedMessageIsDeadLetteredAndCanBeReplayed(database: TestDatabase) async throws {
        try await database.withStore { store in
            let log = ReceiverLog(failingWith: 410)
            try await TestReceiver.run(log) { url in
                let tenant = try await store.ensureTenant(named: "dead")
                let subscription = try await store.createWebhookSubscription(
                    tenantID: tenant.id, url: url, eventTypes: [.shipmentStatusChanged], actor: "test")
                let ids = try await NotifyFixtures.shipments(store, tenantID: tenant.id, count: 1)
                try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .inTransit, step: 1)
                try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .outForDelivery, step: 2)
                let worker = NotifyFixtures.worker(store)
                let settled = try await NotifyFixtures.until({ try await worker.drainOnce() }) {
                    try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id).allSatisfy { $0.state == .dead }
                }
                #expect(settled, "a 410 is not retried; the next message goes after the dead one")
                #expect(await log.refusedCount == 2)

                await log.setFailing(nil)
                let replayed = try await store.replayDeliveries(ReplaySelector(tenantID: tenant.id, targetID: subscription.id), actor: "test")
                #expect(replayed.count == 2)
                #expect(try await NotifyFixtures.until({ try await worker.drainOnce() }) { await log.accepted.count == 2 })
                let accepted = await log.accepted
                #expect(accepted.map(\.sequence) == [1, 2])
                #expect(Set(accepted.map(\.id)) == Set(replayed), "a replay keeps the idempotency key")
                let dead = try await store.deliveries(DeliveryQuery(tenantID: tenant.id, state: .dead)).items
                #expect(dead.isEmpty)
            }
        }
    }

    /// The worker is driven by an explicit clock: each retry is due when the schedule says, and
    /// once the next one would fall after the retry period the message is dead-lettered.
    @Test func retriesFollowTheScheduleThenDeadLetter() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let log = ReceiverLog(failingWith: 500)
            try await TestReceiver.run(log) { url in
                let tenant = try await store.ensureTenant(named: "period")
                _ = try await store.createWebhookSubscription(tenantID: tenant.id, url: url, eventTypes: [.shipmentStatusChanged], actor: "t")
                let ids = try await NotifyFixtures.shipments(store, tenantID: tenant.id, count: 1)
                try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .inTransit, step: 1)
                var configuration = NotifyFixtures.fastConfiguration()
                let policy = RetryPolicy(base: 10, maxInterval: 60, maxAge: 300, jitter: 0)
                configuration.retry = policy
                let worker = NotifyFixtures.worker(store, configuration: configuration)
                var clock = Date().addingTimeInterval(1)
                #expect(try await worker.drainOnce(now: clock) == 1)
                for delay in policy.schedule {
                    #expect(try await worker.drainOnce(now: clock.addingTimeInterval(delay - 1)) == 0, "not due before its time")
                    clock = clock.addingTimeInterval(delay + 0.5)
                    #expect(try await worker.drainOnce(now: clock) == 1)
                }
                #expect(await log.refusedCount == policy.schedule.count + 1)
                let dead = try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id, state: .dead)
                #expect(dead.count == 1)
                #expect(dead.first?.attempts.map(\.outcome).last == "dead")
                try await worker.drainOnce(now: clock.addingTimeInterval(86_400))
                #expect(await log.refusedCount == policy.schedule.count + 1, "no attempt after the dead letter")
            }
        }
    }

    @Test func anOpenCircuitHoldsDeliveriesBack() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let log = ReceiverLog(failingWith: 503)
            try await TestReceiver.run(log) { url in
                let tenant = try await store.ensureTenant(named: "circuit")
                let subscription = try await store.createWebhookSubscription(
                    tenantID: tenant.id, url: url, eventTypes: [.shipmentStatusChanged], actor: "t")
                let ids = try await NotifyFixtures.shipments(store, tenantID: tenant.id, count: 4)
                try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .inTransit, step: 1)
                var configuration = NotifyFixtures.fastConfiguration(circuitFailures: 2)
                configuration.circuitOpenDuration = 3600
                configuration.concurrency = 1
                let worker = NotifyFixtures.worker(store, configuration: configuration)
                for _ in 0..<2 { try await worker.drainOnce() }
                #expect(await log.refusedCount == 2)
                let open = try #require(try await store.webhookSubscription(id: subscription.id, tenantID: tenant.id))
                #expect(open.circuitOpenUntil != nil)
                for _ in 0..<5 { try await worker.drainOnce(now: Date().addingTimeInterval(60)) }
                #expect(await log.refusedCount == 2, "no attempts while the circuit is open")
                #expect(try await worker.drainOnce(now: Date().addingTimeInterval(7200)) > 0, "tried again once it closes")
            }
        }
    }
}
