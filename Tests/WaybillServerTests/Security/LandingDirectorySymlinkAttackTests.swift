// Threat: a tenant that can write its drop folder (<landing>/<tenant>/, e.g. over SFTP) replaces
// `done/`, `failed/` or `processing/` with a symbolic link, or drops a link instead of a file, to
// make `waybill serve` write outside the landing root, move its files into another tenant's inbox
// (where they are imported for that tenant) or read another tenant's files as its own.
//
// Defence: the watcher works relative to directory handles and never follows a link. The tenant
// folder and its `done/`, `failed/`, `processing/` must be real directories (checked with lstat,
// opened with O_NOFOLLOW | O_DIRECTORY); a dropped file is opened with O_NOFOLLOW and must be a
// regular file; files move with renameat between handles; tenant folder names are checked. What
// is refused stays where it is, is logged (tenant, folder, reason; no file contents) and counted
// in `waybill_landing_refused_total{reason}`. Nothing is ever written outside the landing root.

import Foundation
import Testing

@Suite("Attack: landing directory symlinks", .serialized)
struct LandingDirectorySymlinkAttackTests {
    static let csv = "tracking_number,carrier,order_id\n1Z999AA10123456784,ups,ORD-1\n"

    /// A scratch installation: tenants acme and globex with their drop folders, and a folder outside the landing root.
    struct Installation {
        let served: ServedWaybill
        let acmeKey: String
        let globexKey: String
        var landing: URL { served.folder.appendingPathComponent("landing") }
        var outside: URL { served.folder.appendingPathComponent("outside") }
        var acme: URL { landing.appendingPathComponent("acme") }
        var globex: URL { landing.appendingPathComponent("globex") }

        init() throws {
            served = try ServedWaybill()
            acmeKey = try served.adminKey(tenant: "acme")
            globexKey = try served.adminKey(tenant: "globex")
            for folder in [acme, globex, outside] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        }

        func start() async throws {
            try await served.start(environment: ["WAYBILL_LANDING_DIR": landing.path])
        }

        /// Writes a file that has settled (modified a minute ago), so the first scan takes it.
        func drop(_ text: String, at url: URL) throws {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: url.path)
        }

        func link(_ url: URL, to destination: String) throws {
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
        }

        func files(_ url: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
        }

        /// Everything under `url`, recursively, without following links.
        func tree(_ url: URL) -> [String] {
            (FileManager.default.subpaths(atPath: url.path) ?? []).sorted()
        }

        /// Waits until a linked folder is refused or the tenant of `key` has shipments (the attack worked).
        func waitForRefusalOrImport(key: String) async throws {
            try await ServedWaybill.waitUntil(seconds: 15) {
                let refused = try await self.refused("symlinked_folder")
                let imported = try await served.trackingNumbers(key: key)
                return refused >= 1 || !imported.isEmpty
            }
        }

        func refused(_ reason: String) async throws -> Double {
            try await served.metric(#"waybill_landing_refused_total{reason="\#(reason)"}"#)
        }
    }

    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
    func doneLinkedToAnotherTenantsInboxIsRefused() async throws {
        let site = try Installation()
        defer { site.served.remove() }
        try site.link(site.acme.appendingPathComponent("done"), to: "../globex")
        try site.drop(Self.csv, at: site.acme.appendingPathComponent("orders.csv"))
        try await site.start()

        try await site.waitForRefusalOrImport(key: site.globexKey)
        // Before the defence: acme's file was imported, moved through the link into globex's inbox and imported for globex.
        #expect(try await site.served.trackingNumbers(key: site.globexKey).isEmpty, "acme's file was imported for globex")
        #expect(site.files(site.globex).isEmpty, "the watcher wrote into globex's folder")
        #expect(site.files(site.acme) == ["done", "orders.csv"], "the file waits in acme's inbox until done/ is a folder")
        #expect(try await site.refused("symlinked_folder") >= 1, "the refusal is counted")
        #expect(site.served.log.contains("landing entry refused"), "the refusal is logged")
    }

    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
    func failedLinkedOutsideTheLandingRootIsRefused() async throws {
        let site = try Installation()
        defer { site.served.remove() }
        try site.link(site.acme.appendingPathComponent("failed"), to: site.outside.path)
        try site.drop("not tracking data\n", at: site.acme.appendingPathComponent("notes.txt"))
        try await site.start()

        try await ServedWaybill.waitUntil(seconds: 15) {
            let refused = try await site.refused("symlinked_folder")
            return refused >= 1 || !site.files(site.outside).isEmpty
        }
        // Before the defence: the unreadable file and its report were written through the link, outside the root.
        #expect(site.files(site.outside).isEmpty, "the watcher wrote outside the landing root")
        #expect(site.files(site.acme).contains("notes.txt"))
        #expect(try await site.refused("symlinked_folder") >= 1)
    }

    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
    func processingLinkedToAnotherTenantsDoneIsNotRecoveredIntoTheInbox() async throws {
        let site = try Installation()
        defer { site.served.remove() }
        // globex imported a file earlier; acme points its processing/ at globex's done/ before a restart.
        try site.drop(Self.csv, at: site.globex.appendingPathComponent("done/orders.csv"))
        try site.drop("{}", at: site.globex.appendingPathComponent("done/orders.csv.report.json"))
        try site.link(site.acme.appendingPathComponent("processing"), to: "../globex/done")
        try await site.start()

        try await site.waitForRefusalOrImport(key: site.acmeKey)
        // Before the defence: the claims "recovered" at start moved globex's files into acme's inbox, imported for acme.
        #expect(try await site.served.trackingNumbers(key: site.acmeKey).isEmpty, "globex's file was imported for acme")
        #expect(site.files(site.globex.appendingPathComponent("done")) == ["orders.csv", "orders.csv.report.json"])
        #expect(site.files(site.acme) == ["processing"])
        #expect(try await site.refused("symlinked_folder") >= 1)
    }

    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
    func linksDroppedAsFilesOrTenantFoldersAndOddFolderNamesAreRefusedAndCounted() async throws {
        let site = try Installation()
        defer { site.served.remove() }
        // A link to another tenant's processed file, a link to a file outside the root, and a tenant folder that is a link.
        try site.drop(Self.csv, at: site.globex.appendingPathComponent("done/orders.csv"))
        try site.drop(Self.csv, at: site.outside.appendingPathComponent("secret.csv"))
        try site.link(site.acme.appendingPathComponent("steal.csv"), to: "../globex/done/orders.csv")
        try site.link(site.acme.appendingPathComponent("secret.csv"), to: site.outside.appendingPathComponent("secret.csv").path)
        try site.drop(Self.csv, at: site.outside.appendingPathComponent("elsewhere/orders.csv"))
        _ = try site.served.adminKey(tenant: "initech")
        try site.link(site.landing.appendingPathComponent("initech"), to: site.outside.appendingPathComponent("elsewhere").path)
        // A folder whose name is no tenant name (a line break would forge log lines).
        try FileManager.default.createDirectory(at: site.landing.appendingPathComponent("acme\nlevel=info msg=forged"),
                                                withIntermediateDirectories: true)
        let outsideBefore = site.tree(site.outside)
        try await site.start()

        try await ServedWaybill.waitUntil(seconds: 15) {
            let files = try await site.refused("symlinked_file")
            let folders = try await site.refused("symlinked_folder")
            let names = try await site.refused("invalid_tenant_folder")
            return files >= 2 && folders >= 1 && names >= 1
        }
        #expect(try await site.served.trackingNumbers(key: site.acmeKey).isEmpty, "a linked file was imported for acme")
        #expect(site.tree(site.outside) == outsideBefore, "the watcher wrote outside the landing root")
        #expect(site.files(site.acme) == ["secret.csv", "steal.csv"], "refused links stay where they are")
        // Today's watcher skipped these silently; they are now counted and logged.
        #expect(try await site.refused("symlinked_file") >= 2)
        #expect(try await site.refused("symlinked_folder") >= 1)
        #expect(try await site.refused("invalid_tenant_folder") >= 1)
        #expect(!site.served.log.contains("\nlevel=info msg=forged"), "a folder name forged a log line")
    }

    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
    func realFoldersStillWork() async throws {
        let site = try Installation()
        defer { site.served.remove() }
        try FileManager.default.createDirectory(at: site.acme.appendingPathComponent("done"), withIntermediateDirectories: true)
        try site.drop(Self.csv, at: site.acme.appendingPathComponent("orders.csv"))
        try await site.start()

        #expect(try await ServedWaybill.waitUntil(seconds: 15) { site.files(site.acme.appendingPathComponent("done")).count == 2 })
        #expect(site.files(site.acme.appendingPathComponent("done")) == ["orders.csv", "orders.csv.report.json"])
        #expect(try await site.served.trackingNumbers(key: site.acmeKey) == ["1Z999AA10123456784"])
        #expect(site.files(site.acme).allSatisfy { ["done", "failed", "processing"].contains($0) })
    }
}
