import Foundation
import Testing
import WaybillCore

/// `waybill tenants list|create`, and `import` and `keys create` refusing a tenant that does not
/// exist (a typo) unless given `--create-tenant`, run as the real executable on a real SQLite file.
@Suite struct TenantCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-tenants-\(UUID())")
    var database: String { "sqlite:" + folder.appendingPathComponent("waybill.sqlite").path }

    func waybill(_ arguments: String...) throws -> (status: Int32, output: String, errors: String) {
        try WaybillProcess.run(arguments + ["--database", database])
    }

    @Test(.enabled(if: WaybillProcess.isBuilt, "needs the built waybill executable"))
    func unknownTenantsAreRefusedUnlessAskedToCreate() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let first = try waybill("keys", "create", "--tenant", "acme")
        #expect(first.status != 0 && first.output.isEmpty)
        #expect(first.errors.contains(#"no tenant named "acme""#) && first.errors.contains("--create-tenant"), "\(first.errors)")

        let created = try waybill("tenants", "create", "acme")
        #expect(created.status == 0)
        #expect(created.output.hasPrefix("ten_"))
        let again = try waybill("tenants", "create", "acme")
        #expect(again.status != 0 && again.errors.contains("exists already"), "\(again.errors)")
        #expect(try waybill("keys", "create", "--tenant", "acme").status == 0)
        #expect(try waybill("keys", "create", "--tenant", "globex", "--create-tenant", "--role", "viewer").status == 0)

        let typo = try waybill("keys", "create", "--tenant", "acmee")
        #expect(typo.status != 0)
        #expect(typo.errors.contains(#"no tenant named "acmee" (did you mean "acme"?); known tenants: acme, globex."#), "\(typo.errors)")

        let file = folder.appendingPathComponent("shipments.csv")
        try "tracking_number,carrier,order_id\n1Z999AA10123456784,ups,A-1\n".write(to: file, atomically: true, encoding: .utf8)
        let refused = try waybill("import", "--tenant", "acmee", file.path)
        #expect(refused.status != 0 && refused.errors.contains(#"no tenant named "acmee""#), "\(refused.errors)")
        let imported = try waybill("import", "--tenant", "initech", "--create-tenant", file.path)
        #expect(imported.status == 0, "\(imported.output) \(imported.errors)")
        #expect(imported.output.contains("1 shipments registered"), "\(imported.output)")

        let listed = try JSONValue.parse(Data(try waybill("tenants", "list", "--json").output.utf8)).arrayValue ?? []
        #expect(listed.compactMap { $0["name"]?.stringValue } == ["acme", "globex", "initech"])
        #expect(listed.compactMap { $0["keys"] } == [.number(1), .number(1), .number(0)])
        #expect(listed.allSatisfy { $0["id"]?.stringValue?.hasPrefix("ten_") == true && $0["created_at"]?.stringValue != nil })
        let table = try waybill("tenants", "list").output.split(separator: "\n")
        #expect(table.first == "ID\tNAME\tCREATED\tKEYS" && table.count == 4)
    }
}
