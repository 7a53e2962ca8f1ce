import Foundation
import Testing
import WaybillCore
@testable import WaybillIngest

/// The cadence table: for a shipment observed at a moment, when and why the next check is.
@Suite struct PollingPolicyTests {
    static let policy = PollingPolicy()
    static let paris = UTCOffset(seconds: 3600)
    /// Thursday 2026-11-26 local times in Paris (UTC+1).
    static func paris(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        LocalDateTime(year: 2026, month: 11, day: day, time: .init(hour: hour, minute: minute))!.instant(atOffset: paris)
    }
    static let registered = paris(20, 9)

    struct Row: Sendable, CustomStringConvertible {
        var name: String
        var observation: PollingPolicy.Observation
        var now: Date
        var expected: PollingPolicy.Decision
        var description: String { name }
    }

    static func shipment(_ status: ShipmentStatus, eta: Date? = nil, last: Date? = paris(26, 8), offset: UTCOffset? = paris,
                         terminalSince: Date? = nil, notFound: Int = 0, webhook: Date? = nil) -> PollingPolicy.Observation {
        PollingPolicy.Observation(status: status, etaEarliest: eta, lastEventAt: last, utcOffset: offset, terminalSince: terminalSince,
                                  registeredAt: registered, consecutiveNotFound: notFound, hasWebhookSource: webhook != nil,
                                  lastWebhookEventAt: webhook)
    }

    static let rows: [Row] = [
        Row(name: "out for delivery mid-morning: every 15 minutes",
            observation: shipment(.outForDelivery), now: paris(26, 9), expected: .check(at: paris(26, 9, 15), cadence: .outForDelivery)),
        Row(name: "out for delivery after the window: next morning",
            observation: shipment(.outForDelivery), now: paris(26, 20, 50), expected: .check(at: paris(27, 6, 30), cadence: .outForDelivery)),
        Row(name: "in transit on the ETA day before the vans leave: at the window's start",
            observation: shipment(.inTransit, eta: paris(26, 0)), now: paris(26, 3), expected: .check(at: paris(26, 6, 30), cadence: .deliveryDay)),
        Row(name: "in transit on the ETA day: every 15 minutes",
            observation: shipment(.inTransit, eta: paris(26, 0)), now: paris(26, 10), expected: .check(at: paris(26, 10, 15), cadence: .deliveryDay)),
        Row(name: "ETA passed, still in transit: delivery-day cadence",
            observation: shipment(.inTransit, eta: paris(24, 0)), now: paris(26, 14), expected: .check(at: paris(26, 14, 15), cadence: .deliveryDay)),
        Row(name: "ETA in four days: long haul, 8 hours",
            observation: shipment(.inTransit, eta: paris(30, 0)), now: paris(26, 9), expected: .check(at: paris(26, 17), cadence: .longHaul)),
        Row(name: "long haul landing at night: pushed to the morning",
            observation: shipment(.inTransit, eta: paris(30, 0)), now: paris(26, 16), expected: .check(at: paris(27, 6), cadence: .longHaul)),
        Row(name: "ETA tomorrow, 4 hours landing at night: next morning",
            observation: shipment(.inTransit, eta: paris(27, 0)), now: paris(26, 18), expected: .check(at: paris(27, 6), cadence: .transit)),
        Row(name: "no ETA: transit every 4 hours",
            observation: shipment(.inTransit), now: paris(26, 9), expected: .check(at: paris(26, 13), cadence: .transit)),
        Row(name: "no ETA and no scan for 4 days: stuck, 12 hours",
            observation: shipment(.inTransit, last: paris(22, 9)), now: paris(26, 9), expected: .check(at: paris(26, 21), cadence: .stuck)),
        Row(name: "unknown zone: no night skip",
            observation: shipment(.inTransit, offset: nil), now: paris(26, 20), expected: .check(at: paris(27, 0), cadence: .transit)),
        Row(name: "failed attempt: hourly in the window",
            observation: shipment(.attemptFailed), now: paris(26, 12), expected: .check(at: paris(26, 13), cadence: .redelivery)),
        Row(name: "available for pickup: every 2 hours in business hours",
            observation: shipment(.availableForPickup), now: paris(26, 12), expected: .check(at: paris(26, 14), cadence: .awaitingCollection)),
        Row(name: "exception: every 2 hours",
            observation: shipment(.exception), now: paris(26, 12), expected: .check(at: paris(26, 14), cadence: .exception)),
        Row(name: "label created: every 6 hours",
            observation: shipment(.infoReceived), now: paris(26, 9), expected: .check(at: paris(26, 15), cadence: .preTransit)),
        Row(name: "delivered an hour ago: one late look after the grace period",
            observation: shipment(.delivered, terminalSince: paris(26, 11)), now: paris(26, 12),
            expected: .check(at: paris(27, 11), cadence: .terminalGrace)),
        Row(name: "delivered, grace over: never again",
            observation: shipment(.delivered, terminalSince: paris(25, 11)), now: paris(26, 12), expected: .finish),
        Row(name: "returned, grace over: never again",
            observation: shipment(.returnedToSender, terminalSince: paris(24, 11)), now: paris(26, 12), expected: .finish),
        Row(name: "not found once: 30 minutes",
            observation: shipment(.pending, last: nil, notFound: 1), now: paris(26, 9), expected: .check(at: paris(26, 9, 30), cadence: .notFoundYet)),
        Row(name: "not found 4 times: 4 hours",
            observation: shipment(.pending, last: nil, notFound: 4), now: paris(26, 9), expected: .check(at: paris(26, 13), cadence: .notFoundYet)),
        Row(name: "not found 10 times: capped at 12 hours",
            observation: shipment(.pending, last: nil, notFound: 10), now: paris(26, 9), expected: .check(at: paris(26, 21), cadence: .notFoundYet)),
        Row(name: "not found 12 times: given up",
            observation: shipment(.pending, last: nil, notFound: 12), now: paris(26, 9), expected: .giveUpNotFound),
        Row(name: "webhooks flowing: safety net, at the latest when they would be overdue",
            observation: shipment(.inTransit, webhook: paris(26, 8)), now: paris(26, 9), expected: .check(at: paris(26, 14), cadence: .webhookCovered)),
        Row(name: "webhooks silent past the freshness target: full cadence",
            observation: shipment(.outForDelivery, webhook: paris(26, 1)), now: paris(26, 9), expected: .check(at: paris(26, 9, 15), cadence: .outForDelivery)),
    ]

    @Test(arguments: rows)
    func cadence(_ row: Row) {
        #expect(Self.policy.decide(row.observation, now: row.now) == row.expected)
    }

    @Test func webhookCoverageIsRarerThanPollingAlone() {
        let now = Self.paris(26, 9)
        let alone = Self.policy.decide(Self.shipment(.inTransit), now: now).nextCheckAt!
        let covered = Self.policy.decide(Self.shipment(.inTransit, webhook: Self.paris(26, 8, 50)), now: now).nextCheckAt!
        #expect(covered > alone)
    }

    @Test func notFoundGapsGrow() {
        let now = Self.paris(26, 9)
        let gaps = (1..<12).map { Self.policy.decide(Self.shipment(.pending, last: nil, notFound: $0), now: now).nextCheckAt!.timeIntervalSince(now) }
        #expect(zip(gaps, gaps.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(abs((gaps.last ?? 0) - 12 * 3600) < 0.001)
    }
}
