import Foundation
import Logging
import ServiceLifecycle
import WaybillStore

/// Parses received raw payloads in the background: claims `parse_raw_payload` jobs (leased, so
/// several instances share the work and a crash only delays it) and runs the processor. It wakes
/// on `nudge()` right after a webhook is stored, and otherwise looks for work every second.
public final class IngestWorker: Service {
    private let processor: RawPayloadProcessor
    private let store: any Store
    private let owner: String
    private let logger: Logger
    private let wakeup = WorkerWakeup()

    public init(processor: RawPayloadProcessor, store: any Store, logger: Logger) {
        self.processor = processor
        self.store = store
        self.owner = "ingest-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        self.logger = logger
    }

    /// Asks the worker to look for work now.
    public func nudge() {
        wakeup.nudge()
    }

    public func run() async throws {
        await wakeup.run(every: .seconds(1)) { try await self.drainOnce() }
    }

    /// Claims and processes one batch of due jobs; returns whether there was any.
    @discardableResult
    public func drainOnce(limit: Int = 20) async throws -> Bool {
        let jobs = try await store.claimJobs(kinds: [RawPayloadProcessor.jobKind], limit: limit, owner: owner,
                                             leaseDuration: .seconds(120), now: Date())
        for job in jobs {
            guard let tenantID = job.tenantID else {
                try await store.failJob(id: job.id, owner: owner, error: "job without tenant", retryAt: .distantFuture)
                continue
            }
            do {
                if case .failed(let reason) = try await processor.process(rawPayloadID: job.payload, tenantID: tenantID) {
                    logger.warning("raw payload failed to parse", metadata: ["raw_payload": "\(job.payload)", "reason": "\(reason)"])
                }
                try await store.completeJob(id: job.id, owner: owner)
            } catch {
                let delay = Backoff.fullJitter(attempt: job.attempts, base: 1, cap: 300)
                logger.error("raw payload processing error", metadata: ["raw_payload": "\(job.payload)", "error": "\(error)"])
                try await store.failJob(id: job.id, owner: owner, error: "\(error)", retryAt: Date().addingTimeInterval(delay))
            }
        }
        return !jobs.isEmpty
    }
}
