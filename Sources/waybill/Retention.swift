import ArgumentParser
import Foundation
import WaybillCommandSupport
import WaybillCore
import WaybillIngest
import WaybillStore

struct Retention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply the tenants' retention policies.",
        discussion: """
            `waybill serve` applies them every WAYBILL_RETENTION_INTERVAL_SECONDS. Run this as the \
            owner of audit_log when the server's PostgreSQL role may not delete from it \
            (docs/security.md): the server then leaves the audit log's old entries in place.
            """,
        subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run one retention pass now and print what it removed.")

        @OptionGroup var databaseOptions: DatabaseOptions
        @Option(help: "Only this tenant (name or id).") var tenant: String?
        @Flag(help: "Print one JSON object.") var json = false

        func run() async throws {
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let tenantName = tenant
            let (results, names) = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                let tenants = try await store.tenants()
                let selected = try tenantName.map { try TenantArgument.resolve($0, among: tenants) }.map { [$0] } ?? tenants
                let service = RetentionService(store: store, payloadCapDays: RetentionService.payloadCapDays(), logger: logger)
                let results = try await service.runOnce(now: Date(), tenantIDs: selected.map(\.id))
                return (results, Dictionary(uniqueKeysWithValues: selected.map { ($0.id, $0.name) }))
            }
            if json {
                let object = results.mapValues { counts in
                    JSONValue.object(Dictionary(uniqueKeysWithValues: counts.byKind.map { ($0.kind, .number(Double($0.rows))) })
                        .merging(["audit_purge_refused": .bool(counts.auditPurgeRefused)]) { $1 })
                }
                print(String(decoding: JSONValue.object(object).encoded(), as: UTF8.self))
            } else {
                for (tenantID, counts) in results.sorted(by: { $0.key < $1.key }) {
                    let removed = counts.byKind.filter { $0.rows > 0 }.map { "\($0.kind)=\($0.rows)" }
                    print("\(names[tenantID] ?? tenantID)\t\(removed.isEmpty ? "nothing to remove" : removed.joined(separator: " "))"
                          + (counts.auditPurgeRefused ? "\taudit log NOT purged: permission denied (run as the owner of audit_log)" : ""))
                }
            }
            if results.values.contains(where: \.auditPurgeRefused) { throw ExitCode(2) }
        }
    }
}

/// A tenant named on the command line by its name or its id.
enum TenantArgument {
    static func resolve(_ text: String, among tenants: [Tenant]) throws -> Tenant {
        let text = text.trimmed
        if let tenant = tenants.first(where: { $0.name == text || $0.id == text }) { return tenant }
        throw UnknownTenant(name: text, known: tenants.map(\.name))
    }
}
