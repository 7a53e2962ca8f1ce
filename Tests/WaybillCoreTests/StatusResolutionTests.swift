import Foundation
import Testing
@testable import WaybillCore

/// One row of the resolution table: events in arrival order and the state they must resolve to.
struct ResolutionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let events: [CanonicalEvent]
    let status: ShipmentStatus
    let substatus: Substatus?
    let deliveredAt: Date?
    let signedBy: String?

    init(
        _ name: String, _ events: [CanonicalEvent], _ status: ShipmentStatus, _ substatus: Substatus? = nil,
        deliveredAt: String? = nil, signedBy: String? = nil
    ) {
        self.name = name
        self.events = events
        self.status = status
        self.substatus = substatus
        self.deliveredAt = deliveredAt.map(instant)
        self.signedBy = signedBy
    }

    var testDescription: String { name }
}

/// A parcel's journey, oldest first, every event with an instant and the carrier's sequence.
private let journey: [CanonicalEvent] = [
    event(.infoReceived, .labelCreated, at: "2026-11-18T09:00:00-05:00", sequence: 1),
    event(.inTransit, .pickedUp, at: "2026-11-18T17:30:00-05:00", sequence: 2),
    event(.inTransit, .departedFacility, at: "2026-11-19T02:10:00-05:00", sequence: 3),
    event(.inTransit, .arrivedFacility, at: "2026-11-20T06:45:00-05:00", sequence: 4),
    event(.outForDelivery, .outForDelivery, at: "2026-11-20T08:05:00-05:00", sequence: 5),
    event(.delivered, .deliveredSigned, at: "2026-11-20T13:22:00-05:00", sequence: 6, signedBy: "R. OKAFOR"),
]

private let resolutionCases: [ResolutionCase] = [
    // Nothing yet.
    ResolutionCase("no events: pending", [], .pending),
    ResolutionCase(
        "a label alone: info received",
        [event(.infoReceived, .labelCreated, at: "2026-11-18T09:00:00Z")],
        .infoReceived, .labelCreated),
    ResolutionCase(
        "only informational events leave the shipment pending",
        [event(.inTransit, .estimatedDeliveryUpdated, at: "2026-11-18T09:00:00Z", informational: true)],
        .pending),

    // Arrival order is not chronology.
    ResolutionCase(
        "out-of-order arrival: delivered arrives in the middle",
        [
            event(.outForDelivery, .outForDelivery, at: "2026-11-21T08:00:00+01:00"),
            event(.infoReceived, .labelCreated, at: "2026-11-19T10:00:00+01:00"),
            event(.delivered, .deliveredSigned, at: "2026-11-21T14:00:00+01:00", signedBy: "SMITH"),
            event(.inTransit, .arrivedFacility, at: "2026-11-20T10:00:00+01:00"),
        ],
        .delivered, .deliveredSigned, deliveredAt: "2026-11-21T13:00:00Z", signedBy: "SMITH"),
    ResolutionCase(
        "out-of-order arrival: the newest scan arrives first, older ones after it",
        [
            event(.inTransit, .departedFacility, at: "2026-11-21T03:00:00Z"),
            event(.infoReceived, .labelCreated, at: "2026-11-19T10:00:00Z"),
            event(.inTransit, .pickedUp, at: "2026-11-19T18:00:00Z"),
            event(.inTransit, .arrivedFacility, at: "2026-11-20T22:00:00Z"),
        ],
        .inTransit, .departedFacility),
    ResolutionCase(
        "instants in different offsets are compared as instants",
        [
            // 10:00 in New York is 15:00 UTC, later than 14:00 in Paris (13:00 UTC).
            event(.inTransit, .arrivedFacility, at: "2026-11-20T10:00:00-05:00"),
            event(.inTransit, .departedFacility, at: "2026-11-20T14:00:00+01:00"),
        ],
        .inTransit, .arrivedFacility),

    // Carriers list newest-first or oldest-first.
    ResolutionCase(
        "carrier list oldest-first",
        journey,
        .delivered, .deliveredSigned, deliveredAt: "2026-11-20T13:22:00-05:00", signedBy: "R. OKAFOR"),
    ResolutionCase(
        "carrier list newest-first",
        journey.reversed(),
        .delivered, .deliveredSigned, deliveredAt: "2026-11-20T13:22:00-05:00", signedBy: "R. OKAFOR"),

    // Ties: the carrier's sequence, then arrival.
    ResolutionCase(
        "same instant: the higher sequence is later, whatever the arrival order",
        [
            event(.inTransit, .departedFacility, at: "2026-11-20T10:00:00Z", sequence: 8),
            event(.inTransit, .arrivedFacility, at: "2026-11-20T10:00:00Z", sequence: 7),
        ],
        .inTransit, .departedFacility),
    ResolutionCase(
        "same instant, newest-first list: sequence still decides",
        [
            event(.outForDelivery, .outForDelivery, at: "2026-11-20T10:00:00Z", sequence: 3),
            event(.inTransit, .handedToLastMile, at: "2026-11-20T10:00:00Z", sequence: 2),
            event(.inTransit, .arrivedFacility, at: "2026-11-20T10:00:00Z", sequence: 1),
        ],
        .outForDelivery, .outForDelivery),
    ResolutionCase(
        "same instant and sequence: the later arrival is later",
        [
            event(.inTransit, .arrivedFacility, at: "2026-11-20T10:00:00Z"),
            event(.inTransit, .processedAtFacility, at: "2026-11-20T10:00:00Z"),
        ],
        .inTransit, .processedAtFacility),
    ResolutionCase(
        "same instant up to the second's fraction is not a tie",
        [
            event(.inTransit, .processedAtFacility, at: "2026-11-20T10:00:00.900Z", sequence: 1),
            event(.inTransit, .arrivedFacility, at: "2026-11-20T10:00:00.100Z", sequence: 2),
        ],
        .inTransit, .processedAtFacility),
    ResolutionCase(
        "the instant outranks the sequence",
        [
            event(.inTransit, .arrivedFacility, at: "2026-11-20T09:00:00Z", sequence: 9),
            event(.inTransit, .departedFacility, at: "2026-11-20T11:00:00Z", sequence: 1),
        ],
        .inTransit, .departedFacility),

    // Events with only a local time.
    ResolutionCase(
        "local time only: placed by local time, not by arrival",
        [
            event(.outForDelivery, .outForDelivery, local: "2026-11-21T08:00"),
            event(.inTransit, .pickedUp, local: "2026-11-20T10:00"),
            event(.inTransit, .arrivedFacility, local: "2026-11-20T18:30"),
        ],
        .outForDelivery, .outForDelivery),
    ResolutionCase(
        "local time only: delivered is placed by local time and has no known instant",
        [
            event(.delivered, .deliveredDoor, local: "2026-11-21T14:00", signedBy: "LEE"),
            event(.outForDelivery, .outForDelivery, local: "2026-11-21T08:00"),
        ],
        .delivered, .deliveredDoor, signedBy: "LEE"),
    ResolutionCase(
        "local time only: a local time is never read as UTC",
        [
            // 12:30 wall clock is after 10:00 wall clock at -05:00, although 12:30 UTC would be before 15:00 UTC.
            event(.inTransit, .departedFacility, at: "2026-11-20T10:00:00-05:00"),
            event(.inTransit, .arrivedFacility, local: "2026-11-20T12:30"),
        ],
        .inTransit, .arrivedFacility),
    ResolutionCase(
        "local time only, out for delivery timestamped before delivered arriving last",
        [
            event(.delivered, .deliveredMailbox, at: "2026-11-21T14:00:00+01:00"),
            event(.outForDelivery, .outForDelivery, local: "2026-11-21T09:15"),
        ],
        .delivered, .deliveredMailbox, deliveredAt: "2026-11-21T13:00:00Z"),
    ResolutionCase(
        "local time only and same local time: sequence decides",
        [
            event(.availableForPickup, .awaitingCollection, local: "2026-11-21T09:15", sequence: 2),
            event(.attemptFailed, local: "2026-11-21T09:15", sequence: 1),
        ],
        .availableForPickup, .awaitingCollection),

    // Dates without a time.
    ResolutionCase(
        "date-only event on an earlier day than timed events",
        [
            event(.outForDelivery, .outForDelivery, local: "2026-11-21T08:00"),
            event(.inTransit, .arrivedFacility, local: "2026-11-20"),
        ],
        .outForDelivery, .outForDelivery),
    ResolutionCase(
        "date-only delivered on a later day than a timed scan arriving last",
        [
            event(.delivered, .deliveredDoor, local: "2026-11-22"),
            event(.outForDelivery, .outForDelivery, at: "2026-11-21T08:00:00+01:00"),
        ],
        .delivered, .deliveredDoor),
    ResolutionCase(
        "date-only and timed on the same day: sequence decides (date-only later)",
        [
            event(.attemptFailed, local: "2026-11-21", sequence: 2),
            event(.outForDelivery, .outForDelivery, local: "2026-11-21T08:00", sequence: 1),
        ],
        .attemptFailed),
    ResolutionCase(
        "date-only and timed on the same day: sequence decides (timed later)",
        [
            event(.outForDelivery, .outForDelivery, at: "2026-11-21T08:00:00+01:00", sequence: 2),
            event(.inTransit, .arrivedFacility, local: "2026-11-21", sequence: 1),
        ],
        .outForDelivery, .outForDelivery),
    ResolutionCase(
        "date-only and timed on the same day, same sequence: arrival decides",
        [
            event(.outForDelivery, .outForDelivery, local: "2026-11-21T08:00"),
            event(.attemptFailed, local: "2026-11-21"),
        ],
        .attemptFailed),
    ResolutionCase(
        "date-only delivered does not lose to an earlier-sequenced timed scan of the same day",
        [
            event(.delivered, .deliveredDoor, local: "2026-11-21", sequence: 3),
            event(.outForDelivery, .outForDelivery, local: "2026-11-21T08:00", sequence: 2),
        ],
        .delivered, .deliveredDoor),

    // After delivery.
    ResolutionCase(
        "delivered then returned to sender",
        [
            event(.delivered, .deliveredNeighbour, at: "2026-11-21T14:00:00Z", signedBy: "NEIGHBOUR"),
            event(.returnedToSender, .returnInitiated, at: "2026-11-23T09:00:00Z"),
        ],
        .returnedToSender, .returnInitiated),
    ResolutionCase(
        "delivered then exception",
        [
            event(.delivered, .deliveredSigned, at: "2026-11-21T14:00:00Z", signedBy: "SMITH"),
            event(.exception, .damaged, at: "2026-11-21T16:00:00Z"),
        ],
        .exception, .damaged),
    ResolutionCase(
        "delivered then exception, arriving in reverse",
        [
            event(.exception, .lost, at: "2026-11-22T16:00:00Z"),
            event(.delivered, .deliveredDoor, at: "2026-11-21T14:00:00Z"),
        ],
        .exception, .lost),
    ResolutionCase(
        "delivered then in transit is ignored",
        [
            event(.delivered, .deliveredDoor, at: "2026-11-21T14:00:00Z", signedBy: "SMITH"),
            event(.inTransit, .arrivedFacility, at: "2026-11-21T18:00:00Z"),
        ],
        .delivered, .deliveredDoor, deliveredAt: "2026-11-21T14:00:00Z", signedBy: "SMITH"),
    ResolutionCase(
        "delivered then out for delivery is ignored",
        [
            event(.delivered, .deliveredDoor, at: "2026-11-21T14:00:00Z"),
            event(.outForDelivery, .outForDelivery, at: "2026-11-22T08:00:00Z"),
        ],
        .delivered, .deliveredDoor, deliveredAt: "2026-11-21T14:00:00Z"),
    ResolutionCase(
        "delivered then failed attempt, pickup and info received are ignored",
        [
            event(.delivered, .deliveredLocker, at: "2026-11-21T14:00:00Z"),
            event(.attemptFailed, at: "2026-11-21T15:00:00Z"),
            event(.availableForPickup, .awaitingCollection, at: "2026-11-21T16:00:00Z"),
            event(.infoReceived, .manifestReceived, at: "2026-11-21T17:00:00Z"),
        ],
        .delivered, .deliveredLocker, deliveredAt: "2026-11-21T14:00:00Z"),
    ResolutionCase(
        "delivered, exception, delivered again: the second delivery counts",
        [
            event(.delivered, .deliveredDoor, at: "2026-11-21T14:00:00Z", signedBy: "FIRST"),
            event(.exception, .refused, at: "2026-11-22T09:00:00Z"),
            event(.delivered, .deliveredCollected, at: "2026-11-24T11:00:00Z"),
        ],
        .delivered, .deliveredCollected, deliveredAt: "2026-11-24T11:00:00Z"),

    // Out for delivery before delivered never wins.
    ResolutionCase(
        "out for delivery timestamped before delivered, arriving last",
        [
            event(.inTransit, .arrivedFacility, at: "2026-11-21T05:00:00Z"),
            event(.delivered, .deliveredDoor, at: "2026-11-21T14:00:00Z"),
            event(.outForDelivery, .outForDelivery, at: "2026-11-21T08:00:00Z"),
        ],
        .delivered, .deliveredDoor, deliveredAt: "2026-11-21T14:00:00Z"),
    ResolutionCase(
        "out for delivery timestamped before delivered, arriving last with a higher sequence",
        [
            event(.delivered, .deliveredDoor, at: "2026-11-21T14:00:00Z", sequence: 1),
            event(.outForDelivery, .outForDelivery, at: "2026-11-21T08:00:00Z", sequence: 9),
        ],
        .delivered, .deliveredDoor, deliveredAt: "2026-11-21T14:00:00Z"),
    ResolutionCase(
        "out for delivery at the same instant as delivered, arriving last",
        [
            event(.delivered, .deliveredDoor, at: "2026-11-21T14:00:00Z"),
            event(.outForDelivery, .outForDelivery, at: "2026-11-21T14:00:00Z"),
        ],
        .delivered, .deliveredDoor, deliveredAt: "2026-11-21T14:00:00Z"),

    // Informational events.
    ResolutionCase(
        "informational event after delivery supplies the signer",
        [
            event(.delivered, .deliveredDoor, at: "2026-11-21T14:00:00Z"),
            event(
                .delivered, .proofOfDeliveryRecorded, at: "2026-11-21T14:05:00Z", informational: true,
                signedBy: "J. SMITH"),
        ],
        .delivered, .deliveredDoor, deliveredAt: "2026-11-21T14:00:00Z", signedBy: "J. SMITH"),
    ResolutionCase(
        "informational signer arriving before the delivery it belongs to",
        [
            event(
                .delivered, .proofOfDeliveryRecorded, at: "2026-11-21T14:05:00Z", informational: true,
                signedBy: "J. SMITH"),
            event(.delivered, .deliveredDoor, at: "2026-11-21T14:00:00Z"),
        ],
        .delivered, .deliveredDoor, deliveredAt: "2026-11-21T14:00:00Z", signedBy: "J. SMITH"),
    ResolutionCase(
        "informational event does not replace the signer of the delivery",
        [
            event(.delivered, .deliveredSigned, at: "2026-11-21T14:00:00Z", signedBy: "DRIVER SAW SMITH"),
            event(.delivered, .proofOfDeliveryRecorded, at: "2026-11-21T14:05:00Z", informational: true, signedBy: "OTHER"),
        ],
        .delivered, .deliveredSigned, deliveredAt: "2026-11-21T14:00:00Z", signedBy: "DRIVER SAW SMITH"),
    ResolutionCase(
        "informational event after delivery does not move the status back",
        [
            event(.delivered, .deliveredMailbox, at: "2026-11-21T14:00:00Z"),
            event(.inTransit, .estimatedDeliveryUpdated, at: "2026-11-21T20:00:00Z", informational: true),
        ],
        .delivered, .deliveredMailbox, deliveredAt: "2026-11-21T14:00:00Z"),
    ResolutionCase(
        "informational event in transit does not move the status",
        [
            event(.outForDelivery, .outForDelivery, at: "2026-11-21T08:00:00Z"),
            event(.inTransit, .estimatedDeliveryUpdated, at: "2026-11-21T09:00:00Z", informational: true),
            event(.exception, .noUpdate, at: "2026-11-21T10:00:00Z", informational: true),
        ],
        .outForDelivery, .outForDelivery),
    ResolutionCase(
        "a later delivered event without signer keeps the signer already known",
        [
            event(.delivered, .deliveredDoor, at: "2026-11-21T14:00:00Z", sequence: 2),
            event(.delivered, .deliveredSigned, at: "2026-11-21T14:00:00Z", sequence: 1, signedBy: "SMITH"),
        ],
        .delivered, .deliveredDoor, deliveredAt: "2026-11-21T14:00:00Z", signedBy: "SMITH"),

    // Returns.
    ResolutionCase(
        "returned to sender stays despite later in-transit scans",
        [
            event(.inTransit, .pickedUp, at: "2026-11-18T10:00:00Z"),
            event(.returnedToSender, .returnInitiated, at: "2026-11-20T10:00:00Z"),
            event(.inTransit, .departedFacility, at: "2026-11-21T10:00:00Z"),
            event(.inTransit, .arrivedFacility, at: "2026-11-22T10:00:00Z"),
            event(.outForDelivery, .outForDelivery, at: "2026-11-23T08:00:00Z"),
        ],
        .returnedToSender, .returnInitiated),
    ResolutionCase(
        "returned to sender then a later return scan updates the substatus",
        [
            event(.returnedToSender, .returnInitiated, at: "2026-11-20T10:00:00Z"),
            event(.inTransit, .arrivedFacility, at: "2026-11-21T10:00:00Z"),
            event(.returnedToSender, .returnedToSender, at: "2026-11-25T10:00:00Z"),
        ],
        .returnedToSender, .returnedToSender),
    ResolutionCase(
        "returned to sender then delivered (back at the sender) stays returned",
        [
            event(.returnedToSender, .returnInitiated, at: "2026-11-20T10:00:00Z"),
            event(.delivered, .deliveredSigned, at: "2026-11-25T10:00:00Z", signedBy: "SENDER"),
        ],
        .returnedToSender, .returnInitiated),
    ResolutionCase(
        "returned to sender then exception",
        [
            event(.returnedToSender, .returnInitiated, at: "2026-11-20T10:00:00Z"),
            event(.exception, .lost, at: "2026-11-25T10:00:00Z"),
        ],
        .exception, .lost),

    // Exceptions and attempts are not final.
    ResolutionCase(
        "exception then in transit again",
        [
            event(.exception, .heldByCustoms, at: "2026-11-20T10:00:00Z"),
            event(.inTransit, .customsCleared, at: "2026-11-21T10:00:00Z"),
        ],
        .inTransit, .customsCleared),
    ResolutionCase(
        "failed attempt then delivered",
        [
            event(.attemptFailed, at: "2026-11-20T10:00:00Z"),
            event(.delivered, .deliveredCollected, at: "2026-11-22T16:00:00Z", signedBy: "PAT"),
            event(.availableForPickup, .awaitingCollection, at: "2026-11-20T12:00:00Z"),
        ],
        .delivered, .deliveredCollected, deliveredAt: "2026-11-22T16:00:00Z", signedBy: "PAT"),
]

@Suite("Status resolution")
struct StatusResolutionTests {
    @Test(arguments: resolutionCases)
    func resolves(_ row: ResolutionCase) {
        let state = StatusResolver.resolve(row.events)
        #expect(state.status == row.status)
        #expect(state.substatus == row.substatus)
        #expect(state.deliveredAt == row.deliveredAt)
        #expect(state.signedBy == row.signedBy)
    }

    @Test(arguments: resolutionCases)
    func pointsAtTheDecisiveEvent(_ row: ResolutionCase) throws {
        let state = StatusResolver.resolve(row.events)
        guard let decisive = state.decisiveEventIndex else {
            #expect(state.status == .pending)
            return
        }
        let event = row.events[decisive]
        #expect(event.status == state.status)
        #expect(event.substatus == state.substatus)
        #expect(!event.isInformational)
        let latest = try #require(state.latestEventIndex)
        #expect(StatusResolver.chronologicalOrder(row.events).last == latest)
    }

    @Test func emptyIsExactlyPending() {
        #expect(StatusResolver.resolve([]) == ShipmentState.pending)
        #expect(StatusResolver.chronologicalOrder([]).isEmpty)
    }

    @Test func newestFirstAndOldestFirstGiveTheSameState() {
        let oldestFirst = StatusResolver.resolve(journey)
        let newestFirst = StatusResolver.resolve(journey.reversed())
        #expect(oldestFirst.status == newestFirst.status)
        #expect(oldestFirst.substatus == newestFirst.substatus)
        #expect(oldestFirst.deliveredAt == newestFirst.deliveredAt)
        #expect(oldestFirst.signedBy == newestFirst.signedBy)
        #expect(oldestFirst.decisiveEventIndex == journey.count - 1)
        #expect(newestFirst.decisiveEventIndex == 0)
    }

    @Test func everyArrivalOrderOfAJourneyGivesTheSameState() {
        let expected = StatusResolver.resolve(journey)
        var checked = 0
        for order in permutations(Array(journey.indices)) {
            let shuffled = order.map { journey[$0] }
            let state = StatusResolver.resolve(shuffled)
            #expect(state.status == expected.status)
            #expect(state.substatus == expected.substatus)
            #expect(state.deliveredAt == expected.deliveredAt)
            #expect(state.signedBy == expected.signedBy)
            #expect(state.decisiveEventIndex.map { order[$0] } == expected.decisiveEventIndex)
            checked += 1
        }
        #expect(checked == 720)
    }

    @Test func chronologicalOrderSortsByInstantThenSequenceThenArrival() {
        let events = [
            event(.inTransit, .arrivedFacility, at: "2026-11-20T10:00:00Z", sequence: 2),  // 0
            event(.inTransit, .pickedUp, at: "2026-11-19T10:00:00Z", sequence: 5),  // 1
            event(.inTransit, .departedFacility, at: "2026-11-20T10:00:00Z", sequence: 1),  // 2
            event(.inTransit, .processedAtFacility, at: "2026-11-20T10:00:00Z", sequence: 2),  // 3
            event(.outForDelivery, .outForDelivery, at: "2026-11-21T07:00:00Z", sequence: 0),  // 4
        ]
        #expect(StatusResolver.chronologicalOrder(events) == [1, 2, 0, 3, 4])
    }

    @Test func chronologicalOrderPlacesLocalTimesAmongInstants() {
        let events = [
            event(.outForDelivery, .outForDelivery, local: "2026-11-21T08:00"),  // 0
            event(.inTransit, .arrivedFacility, at: "2026-11-21T06:30:00+01:00"),  // 1: wall clock 06:30
            event(.inTransit, .pickedUp, local: "2026-11-19"),  // 2
            event(.delivered, .deliveredDoor, at: "2026-11-21T13:00:00Z", sequence: 0),  // 3: wall clock 13:00 UTC
        ]
        #expect(StatusResolver.chronologicalOrder(events) == [2, 1, 0, 3])
    }

    @Test func latestEventIncludesInformationalEvents() {
        let events = [
            event(.delivered, .proofOfDeliveryRecorded, at: "2026-11-21T14:05:00Z", informational: true, signedBy: "J. SMITH"),
            event(.delivered, .deliveredDoor, at: "2026-11-21T14:00:00Z"),
        ]
        let state = StatusResolver.resolve(events)
        #expect(state.latestEventIndex == 0)
        #expect(state.decisiveEventIndex == 1)
        #expect(state.signedBy == "J. SMITH")
    }

    @Test func resolutionIsPure() {
        let events = Array(journey.reversed()) + [
            event(.exception, .damaged, at: "2026-11-21T09:00:00Z"),
        ]
        #expect(StatusResolver.resolve(events) == StatusResolver.resolve(events))
    }

    @Test func mayFollowKeepsDeliveredAndReturnedFinal() {
        for next in ShipmentStatus.allCases {
            #expect(
                StatusResolver.mayFollow(current: .delivered, next: next)
                    == [.delivered, .returnedToSender, .exception].contains(next))
            #expect(
                StatusResolver.mayFollow(current: .returnedToSender, next: next)
                    == [.returnedToSender, .exception].contains(next))
            for current in ShipmentStatus.allCases where current != .delivered && current != .returnedToSender {
                #expect(StatusResolver.mayFollow(current: current, next: next))
            }
        }
    }
}

/// Every ordering of `items` (Heap's algorithm).
private func permutations<T>(_ items: [T]) -> [[T]] {
    var result: [[T]] = []
    var items = items
    func generate(_ count: Int) {
        if count <= 1 {
            result.append(items)
            return
        }
        for index in 0..<count {
            generate(count - 1)
            items.swapAt(count.isMultiple(of: 2) ? index : 0, count - 1)
        }
    }
    generate(items.count)
    return result
}
