import WaybillIngest
import WaybillStore

extension Store {
    /// Stores a raw payload and appends its events through the data path without observers:
    /// these tests are about what the store keeps.
    @discardableResult
    func ingest(_ batch: IngestBatch) async throws -> IngestOutcome {
        try await IngestPipeline(store: self, observers: []).ingest(batch)
    }
}
