import Foundation
import Testing
import WaybillNotify

@Suite("Retry schedule")
struct RetryPolicyTests {
    @Test func startsAtSecondsAndGrowsToHoursOverThreeDays() {
        let policy = RetryPolicy()
        let schedule = policy.schedule
        #expect(schedule.first == 5)
        #expect(schedule[1] == 10)
        #expect(schedule[2] == 20)
        #expect(schedule.allSatisfy { $0 <= 6 * 3600 })
        #expect((schedule.last ?? 0) >= 6 * 3600 - 1, "the delay reaches hours")
        #expect(zip(schedule, schedule.dropFirst()).allSatisfy { $0 <= $1 }, "never shrinks")
        let total = schedule.reduce(0, +)
        #expect(total <= 3 * 86_400 && total > 2.5 * 86_400, "retries span about three days: \(total / 3600) h")
        // A brief outage heals in seconds: the first few retries all come within a minute.
        #expect(schedule.prefix(3).reduce(0, +) < 60)
    }

    @Test func jitterStaysWithinItsBand() {
        let policy = RetryPolicy(base: 10, jitter: 0.2)
        #expect(policy.delay(afterFailures: 1, random: -1) == 8)
        #expect(policy.delay(afterFailures: 1, random: 1) == 12)
        #expect(policy.delay(afterFailures: 3, random: 0) == 40)
    }

    @Test func deadLettersOnceTheRetryPeriodIsUsedUp() {
        let policy = RetryPolicy(base: 5, maxInterval: 3600, maxAge: 3 * 86_400, jitter: 0)
        let start = Date(timeIntervalSince1970: 1_000_000)
        #expect(policy.nextAttempt(afterFailures: 1, windowStart: start, now: start) == start.addingTimeInterval(5))
        let late = start.addingTimeInterval(3 * 86_400 - 60)
        #expect(policy.nextAttempt(afterFailures: 40, windowStart: start, now: late) == nil)
    }

    @Test func configurationComesFromTheEnvironment() {
        let configuration = NotificationConfiguration.fromEnvironment([
            "WAYBILL_NOTIFY_RETRY_BASE_SECONDS": "1", "WAYBILL_NOTIFY_RETRY_HOURS": "24",
            "WAYBILL_NOTIFY_RETRY_MAX_INTERVAL_SECONDS": "600", "WAYBILL_NOTIFY_CIRCUIT_FAILURES": "3",
        ])
        #expect(configuration.retry.base == 1)
        #expect(configuration.retry.maxAge == 86_400)
        #expect(configuration.retry.maxInterval == 600)
        #expect(configuration.circuitFailureThreshold == 3)
    }
}
