import Foundation
import Testing
import WaybillCore

/// A carrier's own feed and an aggregator reporting the same scans (issue 4, item 6).
@Suite struct FeedReconcilerTests {
    static let base = Date(timeIntervalSince1970: 1_800_000_000)

    static func entry(_ id: String, _ status: ShipmentStatus, _ substatus: Substatus? = nil, minutes: Double,
                      feed: String?, carrier: String? = "ups") -> FeedReconciler.Entry {
        FeedReconciler.Entry(id: id, status: status, substatus: substatus, occurredAt: base.addingTimeInterval(minutes * 60),
                             localTime: nil, carrier: carrier, reportedBy: feed)
    }

    let timeline = [
        entry("c1", .inTransit, .departedFacility, minutes: 0, feed: "ups"),
        entry("c2", .outForDelivery, .outForDelivery, minutes: 600, feed: "ups"),
        entry("a1", .inTransit, .departedFacility, minutes: 4, feed: "aftership"),
        entry("a2", .outForDelivery, .outForDelivery, minutes: 600, feed: "aftership"),
        // Only the aggregator saw this one: it is kept whoever is trusted.
        entry("a3", .delivered, .deliveredDoor, minutes: 900, feed: "aftership"),
    ]

    @Test func theUntrustedFeedsCopiesAreSuperseded() {
        let carrierTrusted = FeedReconciler.supersessions(of: timeline, shipmentCarrier: "ups") { _ in .carrier }
        #expect(carrierTrusted == ["a1": "c1", "a2": "c2"])
        let aggregatorTrusted = FeedReconciler.supersessions(of: timeline, shipmentCarrier: "ups") { _ in .aggregator }
        #expect(aggregatorTrusted == ["c1": "a1", "c2": "a2"])
    }

    @Test func differentScansAreNotCopies() {
        let entries = [
            Self.entry("c1", .inTransit, .departedFacility, minutes: 0, feed: "ups"),
            // Same status, too far apart: a second scan.
            Self.entry("a1", .inTransit, .departedFacility, minutes: 31, feed: "aftership"),
            // Same time, another substatus.
            Self.entry("a2", .inTransit, .arrivedFacility, minutes: 0, feed: "aftership"),
            // Same scan of another carrier (the last-mile leg).
            Self.entry("a3", .inTransit, .departedFacility, minutes: 1, feed: "aftership", carrier: "usps"),
        ]
        #expect(FeedReconciler.supersessions(of: entries, shipmentCarrier: "ups") { _ in .carrier }.isEmpty)
    }

    @Test func eachTrustedEventAbsorbsOneCopyTheNearest() {
        let entries = [
            Self.entry("c1", .inTransit, .arrivedFacility, minutes: 0, feed: nil, carrier: nil),
            Self.entry("a1", .inTransit, .arrivedFacility, minutes: 20, feed: "easypost"),
            Self.entry("a2", .inTransit, .arrivedFacility, minutes: 2, feed: "easypost"),
        ]
        // Rows without a feed or carrier are the shipment carrier's own.
        #expect(FeedReconciler.supersessions(of: entries, shipmentCarrier: "ups") { _ in .carrier } == ["a2": "c1"])
    }

    @Test func oneFeedAloneIsNeverReconciled() {
        let entries = [Self.entry("c1", .inTransit, minutes: 0, feed: "ups"), Self.entry("c2", .inTransit, minutes: 1, feed: "ups")]
        #expect(FeedReconciler.supersessions(of: entries, shipmentCarrier: "ups") { _ in .aggregator }.isEmpty)
    }

    @Test func rulesFallBackToTheTenantsDefault() {
        let rules = [RoutingRule(carrier: "*", trustedFeed: .aggregator), RoutingRule(carrier: "ups", poll: .never)]
        #expect(RoutingRule.effective(for: "ups", in: rules).poll == .never)
        #expect(RoutingRule.effective(for: "ups", in: rules).trustedFeed == .carrier)
        #expect(RoutingRule.effective(for: "fedex", in: rules).trustedFeed == .aggregator)
        #expect(RoutingRule.effective(for: "fedex", in: rules).carrier == "fedex")
        #expect(RoutingRule.effective(for: "fedex", in: []) == RoutingRule(carrier: "fedex"))
    }
}
