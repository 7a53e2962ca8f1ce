/// Group commit: items submitted while a batch is being written wait and go together into the
/// next one, so many concurrent callers cost one transaction instead of one each, without any
/// added delay when the queue is idle. A caller resumes only once `write` returned its result,
/// that is after its batch committed.
actor GroupCommitQueue<Item: Sendable, Output: Sendable> {
    /// Writes a batch; returns one result per item, in order.
    typealias Write = @Sendable ([Item]) async -> [Result<Output, any Error>]

    private var pending: [(item: Item, continuation: CheckedContinuation<Output, any Error>)] = []
    private var isWriting = false
    private let maxBatch: Int

    init(maxBatch: Int) {
        self.maxBatch = max(1, maxBatch)
    }

    /// Queues `item` and returns its result once its batch is written. Every submitter of one
    /// queue must pass the same `write`: whichever starts a drain writes the batches that follow.
    func submit(_ item: Item, write: @escaping Write) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((item, continuation))
            guard !isWriting else { return }
            isWriting = true
            Task { await self.drain(write) }
        }
    }

    private func drain(_ write: Write) async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            let results = await write(batch.map(\.item))
            for (index, entry) in batch.enumerated() {
                entry.continuation.resume(with: index < results.count
                    ? results[index] : .failure(GroupCommitError.missingResult(batchSize: batch.count, results: results.count)))
            }
        }
        isWriting = false
    }
}

/// A batch writer broke its contract of one result per item.
enum GroupCommitError: Error, CustomStringConvertible {
    case missingResult(batchSize: Int, results: Int)

    var description: String {
        switch self {
        case .missingResult(let size, let results): "group commit wrote a batch of \(size) but returned \(results) results"
        }
    }
}
