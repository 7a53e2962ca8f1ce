import Foundation
import Testing
@testable import WaybillIngest

@Suite struct TokenBucketTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func burstThenRate() {
        var bucket = TokenBucket(rate: 2, burst: 3, now: start)
        #expect((0..<3).map { _ in bucket.reserve(now: start) } == [0, 0, 0])
        // Empty: the next callers queue half a second apart.
        #expect(reserve(&bucket, start) == 0.5)
        #expect(reserve(&bucket, start) == 1.0)
    }

    @Test func refillsOverTimeUpToBurst() {
        var bucket = TokenBucket(rate: 2, burst: 3, now: start)
        for _ in 0..<3 { _ = bucket.reserve(now: start) }
        #expect(available(&bucket, start.addingTimeInterval(1)) == 2)
        #expect(available(&bucket, start.addingTimeInterval(100)) == 3)
        #expect(reserve(&bucket, start.addingTimeInterval(100)) == 0)
    }
}

@Suite struct CircuitBreakerTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func opensAfterThresholdThenProbesOnceAfterCoolDown() {
        var breaker = CircuitBreaker(failureThreshold: 3, coolDown: 30)
        for _ in 0..<2 { breaker.recordFailure(now: start) }
        #expect(allow(&breaker, start))
        breaker.recordFailure(now: start)
        #expect(breaker.state == .open(until: start.addingTimeInterval(30)))
        #expect(!allow(&breaker, start.addingTimeInterval(29)))
        // Cool-down over: exactly one probe.
        #expect(allow(&breaker, start.addingTimeInterval(30)))
        #expect(breaker.state == .halfOpen)
        #expect(!allow(&breaker, start.addingTimeInterval(31)))
        breaker.recordSuccess()
        #expect(breaker.state == .closed(consecutiveFailures: 0))
        #expect(allow(&breaker, start.addingTimeInterval(31)))
    }

    @Test func failedProbeReopens() {
        var breaker = CircuitBreaker(failureThreshold: 1, coolDown: 10)
        breaker.recordFailure(now: start)
        #expect(allow(&breaker, start.addingTimeInterval(10)))
        breaker.recordFailure(now: start.addingTimeInterval(11))
        #expect(breaker.state == .open(until: start.addingTimeInterval(21)))
    }

    @Test func successResetsTheCount() {
        var breaker = CircuitBreaker(failureThreshold: 2, coolDown: 10)
        breaker.recordFailure(now: start)
        breaker.recordSuccess()
        breaker.recordFailure(now: start)
        #expect(breaker.state == .closed(consecutiveFailures: 1))
    }
}

@Suite struct BackoffTests {
    @Test func fullJitterStaysUnderTheCappedExponential() {
        #expect(Backoff.fullJitter(attempt: 1, base: 30, cap: 3600, random: { $0.upperBound }) == 30)
        #expect(Backoff.fullJitter(attempt: 4, base: 30, cap: 3600, random: { $0.upperBound }) == 240)
        #expect(Backoff.fullJitter(attempt: 20, base: 30, cap: 3600, random: { $0.upperBound }) == 3600)
        #expect(Backoff.fullJitter(attempt: 4, base: 30, cap: 3600, random: { $0.lowerBound }) == 0)
    }

    @Test func retryAfterSecondsAndHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(Backoff.retryAfter("120", now: now) == 120)
        #expect(Backoff.retryAfter(nil, now: now) == nil)
        #expect(Backoff.retryAfter("soon", now: now) == nil)
        // 1_800_000_000 is Fri, 15 Jan 2027 08:00:00 GMT.
        #expect(Backoff.retryAfter("Fri, 15 Jan 2027 08:01:00 GMT", now: now) == 60)
    }
}

private func allow(_ breaker: inout CircuitBreaker, _ now: Date) -> Bool { breaker.allowRequest(now: now) }
private func reserve(_ bucket: inout TokenBucket, _ now: Date) -> TimeInterval { bucket.reserve(now: now) }
private func available(_ bucket: inout TokenBucket, _ now: Date) -> Double { bucket.available(now: now) }
