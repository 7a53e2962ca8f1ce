import WaybillIngest
import WaybillNotify
import WaybillStore

extension Store {
    /// Stores a raw payload and appends its events through the data path as the application
    /// wires it (with the outbox writer).
    @discardableResult
    func ingest(_ batch: IngestBatch) async throws -> IngestOutcome {
        try await IngestPipeline(store: self, observers: [OutboxWriter()]).ingest(batch)
    }
}
