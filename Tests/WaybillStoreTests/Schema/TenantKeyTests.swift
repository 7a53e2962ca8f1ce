import Testing
@testable import WaybillStore
import WaybillTestSupport

/// Citus readiness (issue 16): after migrating, the database's own catalog shows `tenant_id`
/// leading every tenant-owned table's keys and every foreign key between them.
@Suite("Tenant keys")
struct TenantKeyTests {
    @Test(arguments: TestDatabase.available)
    func everyTenantOwnedKeyStartsWithTenantID(database: TestDatabase) async throws {
        try await database.withStore { store in
            let catalog = try await SchemaCatalog.read(store)
            #expect(catalog.tables["events"] != nil && catalog.tables.count > 20, "the catalog was read: \(catalog.tables.keys.sorted())")
            let problems = TenantKeyRule.problems(in: catalog, sqlite: store.engine == .sqlite)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }

    /// The rule itself catches what it is for, on the schema before migration 14.
    @Test(arguments: TestDatabase.available)
    func theSchemaBeforeMigration14BreaksTheRule(database: TestDatabase) async throws {
        try await database.withStore(migrate: false) { store in
            try await store.migrate(through: 13)
            let problems = TenantKeyRule.problems(in: try await SchemaCatalog.read(store), sqlite: store.engine == .sqlite)
            #expect(problems.contains { $0.hasPrefix("shipments: primary key (id)") }, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("events: unique index") && $0.contains("(shipment_id, fingerprint)") }, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("events:") && $0.contains("-> shipments (id) does not include tenant_id") }, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("event_reports: no tenant_id column") }, "\(problems)")
        }
    }
}
