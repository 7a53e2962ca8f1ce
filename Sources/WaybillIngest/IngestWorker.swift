import Foundation
import Logging
import Metrics
import ServiceLifecycle
import Tracing
import WaybillCore
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

    /// Parses on the process's background thread, at a lower CPU priority than the threads that
    /// answer requests, so a backlog of parsing does not delay webhook acknowledgements.
    public func run() async throws {
        await withTaskExecutorPreference(BackgroundThreadExecutor.shared) {
            await wakeup.run(every: .seconds(1)) {
                do {
                    return try await self.drainOnce()
                } catch {
                    self.logger.error("ingest worker could not claim or process a batch", metadata: ["error": "\(ErrorText.of(error))"])
                    return false
                }
            }
        }
    }

    /// Claims and processes one batch of due jobs; returns whether there was any. The claimed
    /// payloads are read in one query, parsed and resolved to shipments (several at a time on
    /// PostgreSQL, where each waits on round trips; one at a time on SQLite, where they would
    /// only compete for the CPU and the one writer), then their events appended in order, in
    /// transactions of up to `appendBatch` payloads (grouped by shipment, see `IngestPipeline.ingest(parsed:completingJobsOf:)`).
    /// On SQLite, acknowledgements do not wait for these transactions: they commit to the inbox
    /// (`SQLiteInbox`), which each drain first moves into the main database.
    @discardableResult
    public func drainOnce(limit: Int = 50, appendBatch: Int = 50) async throws -> Bool {
        try await store.moveInbox()
        let jobs = try await store.claimJobs(kinds: [RawPayloadProcessor.jobKind], limit: limit, owner: owner,
                                             leaseDuration: .seconds(120), now: Date())
        guard !jobs.isEmpty else { return false }
        try await withSpan("ingest.batch") { span in
            span.attributes["waybill.jobs"] = jobs.count
            try await process(jobs, appendBatch: appendBatch)
        }
        return true
    }

    private func process(_ jobs: [Job], appendBatch: Int) async throws {
        let preloaded = try await store.rawPayloads(ids: jobs.map(\.payload))
        let width = store.engine == .postgres ? 4 : 1
        let prepared = try await withThrowingTaskGroup(of: (Int, Result<RawPayloadProcessor.Preparation, any Error>).self) { group in
            var results = [Result<RawPayloadProcessor.Preparation, any Error>?](repeating: nil, count: jobs.count)
            for (index, job) in jobs.enumerated() {
                if index >= width, let (done, result) = try await group.next() { results[done] = result }
                group.addTask { (index, await self.prepare(job, preloaded: preloaded[job.payload])) }
            }
            for try await (done, result) in group { results[done] = result }
            return results
        }
        var parsed: [(job: Job, payload: ParsedPayload)] = []
        for (job, preparation) in zip(jobs, prepared) {
            switch preparation {
            case .success(.parsed(let payload))?:
                parsed.append((job, payload))
            case .success(.failed(let reason))?:
                logger.warning("raw payload failed to parse", metadata: ["raw_payload": "\(job.payload)", "reason": "\(reason)"])
                try await store.completeJob(id: job.id, owner: owner)
            case .failure(let error)?:
                try await retryLater(job, error)
            case nil:
                continue
            }
        }
        // Appends hold the single SQLite writer that API writes wait for: they run at the normal
        // priority, so they are not slowed down while holding it.
        try await withTaskExecutorPreference(globalConcurrentExecutor) {
            for chunk in parsed.chunked(max(1, appendBatch)) {
                try await append(Array(chunk))
            }
        }
    }

    private func prepare(_ job: Job, preloaded: RawPayload?) async -> Result<RawPayloadProcessor.Preparation, any Error> {
        guard let tenantID = job.tenantID else { return .failure(IngestWorkerError.jobWithoutTenant(jobID: job.id)) }
        return await withSpan("ingest.parse") { span in
            span.attributes["waybill.raw_payload_id"] = job.payload
            let result = await prepare(job, tenantID: tenantID, preloaded: preloaded)
            if case .failure(let error) = result { span.recordError(error) }
            return result
        }
    }

    private func prepare(_ job: Job, tenantID: String, preloaded: RawPayload?) async -> Result<RawPayloadProcessor.Preparation, any Error> {
        do {
            if let preloaded, preloaded.tenantID == tenantID {
                return .success(try await processor.prepare(preloaded, jobID: job.id))
            }
            return .success(try await processor.prepare(rawPayloadID: job.payload, tenantID: tenantID, jobID: job.id))
        } catch {
            return .failure(error)
        }
    }

    /// Appends the events of parsed payloads in one transaction, run again after a short pause
    /// if it lost a lock conflict (up to three times), or one by one if it failed as a whole.
    private func append(_ parsed: [(job: Job, payload: ParsedPayload)]) async throws {
        let pipeline = processor.pipeline
        var results: [Result<IngestOutcome, any Error>]?
        for attempt in 1...3 {
            do {
                results = try await pipeline.ingest(parsed: parsed.map(\.payload), completingJobsOf: owner)
                break
            } catch where StoreError.isTransientConflict(error) && attempt < 3 {
                logger.warning("batch append lost a lock conflict; appending it again", metadata: ["error": "\(ErrorText.of(error))"])
                try await Task.sleep(for: Self.conflictPause)
            } catch {
                logger.warning("batch append failed; appending one by one", metadata: ["error": "\(ErrorText.of(error))"])
                break
            }
        }
        if let results {
            for (entry, result) in zip(parsed, results) {
                if case .failure(let error) = result { try await retryLater(entry.job, error) }
            }
            return
        }
        for (job, payload) in parsed {
            do {
                try await pipeline.ingest(parsed: payload)
                try await store.completeJob(id: job.id, owner: owner)
            } catch {
                try await retryLater(job, error)
            }
        }
    }

    private func retryLater(_ job: Job, _ error: any Error) async throws {
        if case IngestWorkerError.jobWithoutTenant = error {
            try await store.failJob(id: job.id, owner: owner, error: "job without tenant", retryAt: .distantFuture)
            return
        }
        if StoreError.isTransientConflict(error) {
            // Not the payload's fault: neither an attempt counted towards giving up nor a backoff.
            logger.warning("raw payload lost a lock conflict; retrying it", metadata: ["raw_payload": "\(job.payload)", "error": "\(ErrorText.of(error))"])
            try await store.requeueJob(id: job.id, owner: owner, retryAt: Date().addingTimeInterval(Self.conflictPause.timeInterval))
            return
        }
        let delay = Backoff.fullJitter(attempt: job.attempts, base: 1, cap: 300)
        logger.error("raw payload processing error", metadata: ["raw_payload": "\(job.payload)", "error": "\(ErrorText.of(error))"])
        try await store.failJob(id: job.id, owner: owner, error: "\(ErrorText.of(error))", retryAt: Date().addingTimeInterval(delay))
        // The last attempt: the payload ends failed, listed and retryable, never `received` forever.
        if job.attempts >= job.maxAttempts, let tenantID = job.tenantID {
            try await store.markRawPayloadFailed(id: job.payload, tenantID: tenantID,
                                                 reason: "gave up after \(job.attempts) attempts: \(ErrorText.of(error))")
            Counter(label: "waybill_parse_jobs_gave_up_total").increment()
        }
    }
}

extension IngestWorker {
    /// How long to wait before running again a transaction that lost a lock conflict: short, and
    /// random, so the two that conflicted do not meet again.
    static var conflictPause: Duration { .milliseconds(Int.random(in: 20...200)) }
}

enum IngestWorkerError: Error, CustomStringConvertible {
    case jobWithoutTenant(jobID: String)

    var description: String {
        switch self {
        case .jobWithoutTenant(let jobID): "parse job \(jobID) has no tenant"
        }
    }
}
