import ArgumentParser
import Foundation
import WaybillCommandSupport
import WaybillIngest
import WaybillNotify
import WaybillStore

struct Backfill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-poll the carriers for shipments registered in a date range.",
        discussion: """
            Makes the tracked shipments registered since --since (and before --until) due now, including delivered \
            and not-found ones, so the carriers are asked again: events the carrier has but Waybill missed are added \
            (duplicates are recognised and dropped).

            Running `waybill serve` instances poll them at the carriers' rate limits; with --run this command polls \
            them itself (with the WAYBILL_CARRIER_<ID>_* configuration of `waybill serve --help`) and exits when \
            done.
            """)

    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: "First registration date (YYYY-MM-DD, UTC) or instant (RFC 3339).") var since: String
    @Option(help: "End of the range, exclusive (same forms).") var until: String?
    @Option(help: "Only this tenant (name).") var tenant: String?
    @Option(help: "Only this carrier (ups, fedex, ...).") var carrier: String?
    @Flag(help: "Poll them now in this process instead of leaving them to the running servers.") var run = false

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .warning)
        let since = try Reprocess.parseSince(self.since)
        let until = try self.until.map(Reprocess.parseSince)
        let polling = run ? try PollingConfiguration.fromEnvironment() : nil
        if run, polling == nil { throw ValidationError("--run needs a carrier configured: WAYBILL_CARRIER_<ID>_BASE_URL") }
        let (count, polled) = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
            var tenantID: String?
            if let name = tenant {
                guard let found = try await store.tenant(named: name) else { throw ValidationError("no tenant named \(name)") }
                tenantID = found.id
            }
            let count = try await store.scheduleBackfill(since: since, until: until, tenantID: tenantID,
                                                         carrier: carrier?.lowercased(), now: Date())
            guard let polling else { return (count, 0) }
            let scheduler = PollingScheduler(store: store, pipeline: IngestPipeline(store: store, observers: [OutboxWriter()], logger: logger),
                                             configuration: polling, logger: logger)
            var batches = 0
            for endpoint in polling.carriers where carrier == nil || endpoint.carrier == carrier?.lowercased() {
                while try await scheduler.drainOnce(carrier: endpoint.carrier) { batches += 1 }
            }
            return (count, batches)
        }
        print(run ? "\(count) shipments re-polled (\(polled) batches)" : "\(count) shipments due for polling now")
    }
}
