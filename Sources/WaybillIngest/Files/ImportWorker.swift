import Foundation
import Logging
import ServiceLifecycle
import WaybillFeeds
import WaybillStore

/// Runs imports queued by `POST /v1/imports`: claims `import_file` jobs (leased, so a crashed
/// instance's import is taken up again and finished without duplicates) and records progress on
/// the import after every chunk.
public final class ImportWorker: Service {
    private let importer: FileImporter
    private let store: any Store
    private let owner = "import-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    private let logger: Logger
    private let wakeup = WorkerWakeup()

    public init(importer: FileImporter, store: any Store, logger: Logger) {
        self.importer = importer
        self.store = store
        self.logger = logger
    }

    /// Asks the worker to look for work now (after an import was queued).
    public func nudge() {
        wakeup.nudge()
    }

    public func run() async throws {
        await wakeup.run(every: .seconds(2)) { try await self.drainOnce() }
    }

    /// Claims and runs one queued import; returns whether there was one.
    @discardableResult
    public func drainOnce() async throws -> Bool {
        // A long import renews nothing: the lease is long enough for big files, and an expired
        // lease only means another instance finishes the work idempotently.
        guard let job = try await store.claimJobs(kinds: [SQLStore.importJobKind], limit: 1, owner: owner,
                                                  leaseDuration: .seconds(1800), now: Date()).first else { return false }
        guard let tenantID = job.tenantID, var item = try await store.fileImport(id: job.payload, tenantID: tenantID),
              let raw = try await store.rawPayload(id: item.rawPayloadID, tenantID: tenantID) else {
            try await store.failJob(id: job.id, owner: owner, error: "import or its file is gone", retryAt: .distantFuture)
            return true
        }
        do {
            item.status = .running
            try await store.updateImport(item)
            let running = item
            let result = try await importer.importStored(
                rawPayloadID: raw.id, data: raw.body, format: raw.carrier.flatMap(FeedFileFormat.init(rawValue:)),
                fileName: item.fileName, tenantID: tenantID, actor: "import:\(item.id)"
            ) { progress in
                var update = running
                update.recordsDone = progress.recordsDone
                update.recordsTotal = progress.recordsTotal
                try? await self.store.updateImport(update)
            }
            item.record(result)
            try await store.updateImport(item)
            try await store.completeJob(id: job.id, owner: owner)
            logger.info("import finished", metadata: ["import": "\(item.id)", "status": "\(item.status.rawValue)"])
        } catch {
            let delay = Backoff.fullJitter(attempt: job.attempts, base: 1, cap: 300)
            logger.error("import error", metadata: ["import": "\(item.id)", "error": "\(ErrorText.of(error))"])
            try await store.failJob(id: job.id, owner: owner, error: "\(ErrorText.of(error))", retryAt: Date().addingTimeInterval(delay))
        }
        return true
    }
}

extension FileImport {
    mutating func record(_ result: ImportResult) {
        status = result.succeeded ? .done : .failed
        format = result.format?.rawValue
        recordsTotal = result.recordsTotal
        recordsDone = result.succeeded ? result.recordsTotal : 0
        shipmentsRegistered = result.shipmentsRegistered
        eventsInserted = result.eventsInserted
        duplicates = result.duplicates
        // The import resource has no list of its own for them: a conflict is an issue there, said as one.
        issues = result.issues + result.conflicts.map { "conflict: \($0)" }
        acknowledgedInterchanges = result.acknowledgments.map(\.interchangeControlNumber)
        error = result.failure
        finishedAt = Date()
    }
}
