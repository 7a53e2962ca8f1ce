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

    @Test func aClockKeptToRealTimeRunsCompressedUntilItCatchesUpThenKeepsToIt() {
        let real = RealClock()
        let start = real.now.addingTimeInterval(-3600)
        let clock = SimulatedClock(start: start, speed: 600, notAfterRealTime: true, realNow: { real.now })
        #expect(clock.now() == start)
        real.now.addTimeInterval(3)
        #expect(clock.now() == start.addingTimeInterval(1800), "still behind the real time: compressed")
        real.now.addTimeInterval(7)
        #expect(clock.now() == real.now, "caught up: it stops at the real time")
        real.now.addTimeInterval(60)
        #expect(clock.now() == real.now)
        clock.advance(by: 86_400)
        clock.set(to: real.now.addingTimeInterval(3600))
        #expect(clock.now() == real.now, "no control moves it past the real time")
    }

    @Test(arguments: [true, false])
    func theDemosParcelsShowNoScanLaterThanNow(_ keptToRealTime: Bool) {
        // As `waybill demo` runs it: a clock three days back at 600x; parcels labelled an hour ago are mid-journey now.
        let simulator = CarrierSimulator(configuration: .init(
            speed: 600, start: Date().addingTimeInterval(-3 * 86_400), notAfterRealTime: keptToRealTime, seed: 2026))
        let journeys = SimulatedTrackingNumber.carriers.map { simulator.createShipment(carrier: $0, start: Date().addingTimeInterval(-3600)) }
        // Ten simulated days later (a demo left running): only a clock kept to the real time shows no future scan.
        simulator.clock.advance(by: 10 * 86_400)
        let shown = journeys.flatMap { $0.visibleSteps(at: simulator.clock.now()) }
        #expect(!shown.isEmpty)
        #expect(shown.allSatisfy { $0.at <= Date() } == keptToRealTime)
    }
}
