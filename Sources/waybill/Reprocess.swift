import ArgumentParser
import Foundation
import WaybillCommandSupport
import WaybillCore
import WaybillIngest
import WaybillNotify
import WaybillStore

struct Reprocess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-read stored raw payloads with the current mapping tables and show what changed.",
        discussion: """
            Payloads that failed to parse are parsed again. Payloads parsed before are read again: an event whose \
            mapping changed (status, substatus, reason, action required, resolved time) is updated in place and \
            listed as before -> after; events the payload yields now but did not before are added; events are never \
            deleted, and the raw payloads never change. Shipment states are derived again.
            """)

    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: "Only payloads of this carrier or file format (ups, fedex, x12_214, ...).") var carrier: String?
    @Option(help: "Only payloads received at or after this date (YYYY-MM-DD, UTC) or instant (RFC 3339).") var since: String?
    @Option(help: "Only this tenant's payloads (name).") var tenant: String?
    @Flag(help: "Only payloads that failed to parse.") var failedOnly = false

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .warning)
        let since = try self.since.map(Self.parseSince)
        let summary = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
            var query = ReprocessQuery(carrier: carrier?.lowercased(), since: since, status: failedOnly ? .failed : nil, limit: 200)
            if let name = tenant {
                guard let found = try await store.tenant(named: name) else { throw ValidationError("no tenant named \(name)") }
                query.tenantID = found.id
            }
            let reprocessor = Reprocessor(pipeline: IngestPipeline(store: store, observers: [OutboxWriter()], logger: logger))
            var summary = ReprocessSummary()
            while true {
                let page = try await store.rawPayloadsForReprocessing(query)
                for raw in page.items {
                    let outcome = try await reprocessor.reprocess(raw)
                    summary.add(outcome)
                    if let line = Self.describe(raw, outcome) { print(line) }
                }
                guard let next = page.nextCursor else { break }
                query.cursor = next
            }
            return summary
        }
        print(summary.line)
    }

    static func parseSince(_ text: String) throws -> Date {
        if let instant = Timestamp.parse(text) { return instant.date }
        if let day = LocalDateTime(parsing: text), !day.hasTime { return day.instant(atOffset: UTCOffset(seconds: 0)) }
        throw ValidationError("--since must be a date (2026-11-01) or an RFC 3339 instant, not \"\(text)\"")
    }

    /// A line per payload that changed or failed; nothing for unchanged ones.
    static func describe(_ raw: RawPayload, _ outcome: Reprocessor.Outcome) -> String? {
        let head = "\(raw.id) \(raw.carrier ?? "-")"
        switch outcome {
        case .reprocessed(let result):
            guard !result.remapped.isEmpty || result.added > 0 else { return nil }
            var lines = ["\(head): \(result.remapped.count) remapped, \(result.added) added, \(result.unchanged) unchanged"]
            for remap in result.remapped {
                lines.append("  \(remap.eventID) code \(remap.carrierCode ?? "-"): \(remap.before) -> \(remap.after)")
            }
            for change in result.changes {
                lines.append("  shipment \(change.shipmentID): \(change.previousStatus.rawValue) -> \(change.status.rawValue)")
            }
            return lines.joined(separator: "\n")
        case .recovered(let result):
            return "\(head): parsed now, \(result.insertedEventIDs.count) events added"
        case .failed(let reason):
            return "\(head): still fails: \(reason)"
        case .skipped:
            return nil
        }
    }
}

struct ReprocessSummary: Sendable {
    var payloads = 0, remapped = 0, added = 0, recovered = 0, failed = 0, skipped = 0, statusChanges = 0

    mutating func add(_ outcome: Reprocessor.Outcome) {
        payloads += 1
        switch outcome {
        case .reprocessed(let result):
            remapped += result.remapped.count
            added += result.added
            statusChanges += result.changes.count
        case .recovered(let result):
            recovered += 1
            added += result.insertedEventIDs.count
            statusChanges += result.changes.count
        case .failed: failed += 1
        case .skipped: skipped += 1
        }
    }

    var line: String {
        "reprocessed \(payloads) payloads: \(remapped) events remapped, \(added) added, \(recovered) failed payloads parsed now, "
            + "\(failed) still failing, \(skipped) skipped; \(statusChanges) shipments changed status"
    }
}
