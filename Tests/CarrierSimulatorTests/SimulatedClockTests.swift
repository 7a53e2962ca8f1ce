import CarrierSimulator
import Foundation
import Testing

@Suite("Simulated clock")
struct SimulatedClockTests {
    final class RealClock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_000_000)
    }

    @Test func runsCompressedAndCanBeSetAdvancedAndPaused() {
        let real = RealClock()
        let start = Date(timeIntervalSince1970: 1_763_564_400)
        let clock = SimulatedClock(start: start, speed: 3600, realNow: { real.now })
        #expect(clock.now() == start)
        real.now.addTimeInterval(2)
        #expect(clock.now() == start.addingTimeInterval(2 * 3600))

        clock.setSpeed(0)
        real.now.addTimeInterval(100)
        #expect(clock.now() == start.addingTimeInterval(2 * 3600))

        clock.advance(by: 60)
        #expect(clock.now() == start.addingTimeInterval(2 * 3600 + 60))

        let later = start.addingTimeInterval(30 * 86_400)
        clock.set(to: later)
        clock.setSpeed(60)
        real.now.addTimeInterval(10)
        #expect(clock.now() == later.addingTimeInterval(600))
        #expect(clock.speed == 60)
    }

    @Test func aJourneyShowsOnlyThePastSteps() {
        let start = Date(timeIntervalSince1970: 1_763_564_400)
        let journey = JourneyPlanner.plan(carrier: "ups", trackingNumber: "1Z999AA10123456784", start: start, seed: 4)
        #expect(journey.visibleSteps(at: start.addingTimeInterval(-1)).isEmpty)
        #expect(journey.visibleSteps(at: start).count == 1)
        #expect(journey.visibleSteps(at: journey.steps.last!.at).count == journey.steps.count)
        let middle = journey.steps[3].at
        #expect(journey.visibleSteps(at: middle.addingTimeInterval(-1)).count == 3)
        #expect(journey.estimatedDelivery(at: middle) == journey.steps[3].estimatedDelivery)
    }
}
