import ArgumentParser
import CarrierSimulator
import Foundation
import WaybillCore
import WaybillIngest

/// Fixed 2-hour polling against the adaptive policy over the same simulated week, in virtual
/// time (no HTTP): calls made and milestone lag (from a milestone scan to the first poll that sees
/// it) for each, side by side. Each poll sees exactly the journey steps that happened by then;
/// the policy is only told what those steps said (status, ETA, place) and the time.
struct PollingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polling", abstract: "Adaptive vs fixed 2-hour polling: carrier calls and milestone lag over a simulated week.")

    @Option(help: "Simulated shipments.") var shipments: Int = 10_000
    @Option(help: "Simulated days.") var days: Int = 7
    @Option(help: "Seed of the journeys.") var seed: UInt64 = 1
    @Option(help: "Start of the simulated week (RFC 3339); labels are created over its first half.")
    var start: String = "2026-11-23T00:00:00Z"
    @Option(name: .customLong("fixed-interval-minutes"), help: "Cadence of the fixed policy.") var fixedIntervalMinutes: Double = 120

    /// The milestone statuses of the issue: what a customer waits for.
    static let milestones: Set<ShipmentStatus> = [.outForDelivery, .delivered, .attemptFailed, .exception, .availableForPickup]

    func validate() throws {
        guard shipments > 0, days > 0, fixedIntervalMinutes > 0 else { throw ValidationError("shipments, days and the interval must be positive") }
        guard Timestamp.parse(start) != nil else { throw ValidationError("--start must be an RFC 3339 timestamp") }
    }

    func run() async throws {
        let weekStart = Timestamp.parse(start)!.date
        let end = weekStart.addingTimeInterval(Double(days) * 86_400)
        var random = SimulationRandom(seed: seed, salt: "bench-polling")
        let carriers = SimulatedTrackingNumber.carriers
        let fixedInterval = fixedIntervalMinutes * 60
        let adaptive = PollingPolicy()
        var fixed = PolicyRun()
        var smart = PolicyRun()
        let clock = ContinuousClock()
        let began = clock.now
        for index in 0..<shipments {
            let carrier = carriers[index % carriers.count]
            let journeySeed = random.next()
            let labelAt = weekStart.addingTimeInterval(Double.random(in: 0..<(Double(days) * 43_200), using: &random))
            let number = SimulatedTrackingNumber.make(carrier: carrier, seed: journeySeed)
            let journey = JourneyPlanner.plan(carrier: carrier, trackingNumber: number, start: labelAt, seed: journeySeed)
            // Fixed polling, like the services that use it, stops once a poll sees a terminal status.
            fixed.simulate(journey, registeredAt: labelAt, end: end) { observation, now in
                observation.status.isTerminal ? nil : now.addingTimeInterval(fixedInterval)
            }
            smart.simulate(journey, registeredAt: labelAt, end: end) { observation, now in
                adaptive.decide(observation, now: now).nextCheckAt
            }
        }
        let elapsed = clock.now - began
        let fixedLag = fixed.lagSummary()
        let smartLag = smart.lagSummary()
        let result: JSONValue = .object([
            "bench": .string("polling"),
            "shipments": .number(Double(shipments)), "days": .number(Double(days)), "seed": .number(Double(seed)),
            "start": .string(start),
            "fixed": fixed.json(name: "fixed every \(Int(fixedIntervalMinutes)) min", lag: fixedLag),
            "adaptive": smart.json(name: "adaptive", lag: smartLag),
            "median_lag_ratio": .number(Self.round(fixedLag.p50 / max(smartLag.p50, 0.001))),
            "calls_ratio": .number(Self.round(Double(smart.calls) / Double(max(fixed.calls, 1)))),
            "simulation_seconds": .number(Self.round(elapsed.timeInterval)),
        ])
        print(String(decoding: result.encoded(), as: UTF8.self))
    }

    static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

/// One policy's polls over every journey: calls and milestone lags.
struct PolicyRun {
    var calls = 0
    /// Minutes from each milestone scan to the first poll that saw it.
    var lags: [Double] = []
    var lagsByStatus: [ShipmentStatus: [Double]] = [:]
    /// Milestones that happened in the window but no poll saw before its end (counted in the
    /// percentiles with their lag so far, a lower bound).
    var unseen = 0

    struct Lag {
        var p50: Double
        var p90: Double
        var p99: Double
    }

    /// Polls `journey` from registration until the policy stops or the window ends.
    mutating func simulate(_ journey: SimulatedJourney, registeredAt: Date, end: Date,
                           next: (PollingPolicy.Observation, Date) -> Date?) {
        let steps = journey.steps
        var seen = 0
        var notFound = 0
        var now = registeredAt
        while now < end {
            calls += 1
            var visible = seen
            while visible < steps.count && steps[visible].at <= now { visible += 1 }
            for step in steps[seen..<visible] where PollingBench.milestones.contains(step.status) {
                record(step, lag: now.timeIntervalSince(step.at) / 60)
            }
            seen = visible
            let observation: PollingPolicy.Observation
            if let last = steps[..<visible].last {
                notFound = 0
                observation = PollingPolicy.Observation(
                    status: last.status, substatus: last.substatus, etaEarliest: last.estimatedDelivery, lastEventAt: last.at,
                    utcOffset: UTCOffset(seconds: last.utcOffsetSeconds), terminalSince: last.status.isTerminal ? last.at : nil,
                    registeredAt: registeredAt)
            } else {
                notFound += 1
                observation = PollingPolicy.Observation(status: .pending, registeredAt: registeredAt, consecutiveNotFound: notFound)
            }
            guard let following = next(observation, now), following > now else { break }
            now = following
        }
        for step in steps[seen...] where step.at < end && PollingBench.milestones.contains(step.status) {
            unseen += 1
            record(step, lag: end.timeIntervalSince(step.at) / 60)
        }
    }

    private mutating func record(_ step: SimulatedStep, lag: Double) {
        lags.append(lag)
        lagsByStatus[step.status, default: []].append(lag)
    }

    func lagSummary() -> Lag {
        let sorted = lags.sorted()
        return Lag(p50: Self.percentile(sorted, 0.5), p90: Self.percentile(sorted, 0.9), p99: Self.percentile(sorted, 0.99))
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    func json(name: String, lag: Lag) -> JSONValue {
        var byStatus: [String: JSONValue] = [:]
        for (status, values) in lagsByStatus {
            byStatus[status.rawValue] = .number(PollingBench.round(Self.percentile(values.sorted(), 0.5)))
        }
        return .object([
            "policy": .string(name),
            "calls": .number(Double(calls)),
            "milestones": .number(Double(lags.count)),
            "unseen_at_end": .number(Double(unseen)),
            "lag_p50_min": .number(PollingBench.round(lag.p50)),
            "lag_p90_min": .number(PollingBench.round(lag.p90)),
            "lag_p99_min": .number(PollingBench.round(lag.p99)),
            "lag_p50_min_by_status": .object(byStatus),
        ])
    }
}
