import Foundation
import Testing
import WaybillCore

/// `waybill tenants erase` (confirmation required, then every row of the tenant goes) and
/// `waybill retention run`, as the real executable on a real SQLite file.
@Suite("Erase and retention commands")
struct TenantEraseCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-erase-\(UUID())")
    var database: String { "sqlite:" + folder.appendingPathComponent("waybill.sqlite").path }

    func waybill(_ arguments: String...) throws -> (status: Int32, output: String, errors: String) {
        try WaybillProcess.run(arguments + ["--database", database])
    }

    @Test(.enabled(if: WaybillProcess.isBuilt, "needs the built waybill executable"))
    func eraseNeedsConfirmationThenRemovesTheTenantOnly() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for tenant in ["acme", "globex"] {
            #expect(try waybill("keys", "create", "--tenant", tenant, "--create-tenant").status == 0)
        }
        let unconfirmed = try waybill("tenants", "erase", "acme")
        #expect(unconfirmed.status != 0 && unconfirmed.errors.contains("--yes"), "\(unconfirmed.errors)")
        #expect(try waybill("tenants", "erase", "nobody", "--yes").status != 0)

        let erased = try waybill("tenants", "erase", "acme", "--yes", "--json")
        #expect(erased.status == 0, "\(erased.errors)")
        let report = try JSONValue.parse(Data(erased.output.utf8))
        #expect(report["rows"]?["tenants"] == .number(1) && report["rows"]?["api_keys"] == .number(1)
                && report["rows"]?["audit_log"] == .number(1), "\(erased.output)")
        let listed = try waybill("tenants", "list", "--json")
        #expect(listed.output.contains("globex") && !listed.output.contains("acme"))

        let pass = try waybill("retention", "run")
        #expect(pass.status == 0 && pass.output.contains("globex\tnothing to remove"), "\(pass.output) \(pass.errors)")
        let one = try waybill("retention", "run", "--tenant", "globex", "--json")
        #expect(one.status == 0 && one.output.contains("\"audit_purge_refused\":false"), "\(one.output)")
    }
}
