import Foundation
import Logging
import Metrics
import ServiceLifecycle
import WaybillCore
import WaybillStore

/// Watches the landing directory where SFTP servers and merchants' jobs drop files:
///
///     <root>/<tenant name>/            files arrive here
///     <root>/<tenant name>/processing/ claimed by an instance (atomic rename)
///     <root>/<tenant name>/done/       imported, beside `<file>.report.json` (and `<file>.997` for X12)
///     <root>/<tenant name>/failed/     nothing readable, beside its report
///
/// Names starting with `.` or ending in `.part`, `.tmp` or `.filepart` are uploads in progress and
/// wait; so does any file modified less than `settleTime` ago. Several instances may watch one
/// directory: the rename lets exactly one claim each file. Files left in `processing/` by a
/// crash go back to the inbox when an instance starts; importing again adds nothing twice.
///
/// A tenant can write its folder, so nothing in it is trusted: every operation is relative to a
/// directory handle and follows no link (`DirectoryHandle`). A tenant folder that is a link or has
/// a name no tenant can have, a `done/`, `failed/` or `processing/` that is a link or not a
/// directory, and a dropped link, FIFO or device are refused (`LandingRefusal`): left where they
/// are, logged and counted in `waybill_landing_refused_total{reason}` once each time they appear.
/// Nothing is written outside the landing root.
public final class LandingDirectoryWatcher: Service {
    public static let refusedMetric = "waybill_landing_refused_total"
    /// The working folders in each tenant folder.
    static let workFolders = ["processing", "done", "failed"]

    public let root: URL
    private let importer: FileImporter
    private let store: any Store
    private let interval: Duration
    private let settleTime: TimeInterval
    private let logger: Logger
    private let refusals = RefusalLog()

    public init(root: URL, importer: FileImporter, store: any Store, interval: Duration = .seconds(2),
                settleTime: TimeInterval = 2, logger: Logger) {
        self.root = root
        self.importer = importer
        self.store = store
        self.interval = interval
        self.settleTime = settleTime
        self.logger = logger
    }

    public func run() async throws {
        recoverAbandonedClaims()
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await self.scanOnce()
                } catch {
                    self.logger.error("landing directory scan failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// A tenant's drop folder and its working folders, each opened without following links.
    struct TenantFolder {
        var name: String
        var inbox: DirectoryHandle
        var processing: DirectoryHandle
        var done: DirectoryHandle
        var failed: DirectoryHandle
    }

    /// Claims and imports every settled file once; returns the reports written.
    @discardableResult
    public func scanOnce(now: Date = Date()) async throws -> [FileDropReport] {
        var refused = Refusals()
        defer { announce(refused, scope: .scan) }
        guard let rootHandle = try DirectoryHandle.open(path: root.path) else { return [] }
        var reports: [FileDropReport] = []
        for tenantName in try tenantFolderNames(in: rootHandle, refused: &refused) {
            guard let tenant = try await store.tenant(named: tenantName) else {
                logger.warning("landing directory for an unknown tenant", metadata: ["directory": "\(tenantName)"])
                continue
            }
            guard let inbox = open(tenantName, in: rootHandle, refused: &refused) else { continue }
            let files = try settledFiles(in: inbox, tenantFolder: tenantName, now: now, refused: &refused)
            guard !files.isEmpty, let folder = try workFolders(of: tenantName, inbox: inbox, refused: &refused) else { continue }
            for file in files {
                guard try inbox.move(file, to: folder.processing, as: file),
                      let report = try await process(file, tenant: tenant, folder: folder, refused: &refused) else { continue }
                reports.append(report)
            }
        }
        return reports
    }

    /// Imports a claimed file and files it with its report; nil when the file vanished after the claim
    /// or was swapped for something that is refused (it goes back to the inbox, refused there on the next scan).
    private func process(_ name: String, tenant: Tenant, folder: TenantFolder, refused: inout Refusals) async throws -> FileDropReport? {
        let startedAt = Date()
        var report = FileDropReport(file: name, tenant: tenant.name, startedAt: startedAt)
        let data: Data
        do {
            guard let contents = try folder.processing.contents(of: name) else { return nil }
            data = contents
        } catch let refusal as LandingRefusal {
            refused.add(refusal, folder.name + "/" + name)
            _ = try? folder.processing.move(name, to: folder.inbox, as: name)
            return nil
        }
        do {
            let result = try await importer.importFile(data, fileName: name, tenantID: tenant.id, actor: "file:\(name)")
            report.record(result)
        } catch {
            // A database error: the file goes back to the inbox and is tried again on the next scan.
            _ = try? folder.processing.move(name, to: folder.inbox, as: name)
            throw error
        }
        report.finishedAt = Date()
        let destination = report.status == .done ? folder.done : folder.failed
        let target = try uniqueName(name, in: destination)
        try destination.replaceFile(target + ".report.json", with: try report.json())
        if !report.acknowledgmentTexts.isEmpty {
            try destination.replaceFile(target + ".997", with: Data(report.acknowledgmentTexts.joined().utf8))
        }
        _ = try folder.processing.move(name, to: destination, as: target)
        logger.info("file imported", metadata: [
            "tenant": "\(tenant.id)", "file": "\(name)", "status": "\(report.status.rawValue)",
            "events_inserted": "\(report.eventsInserted)", "issues": "\(report.issues.count)", "conflicts": "\(report.conflicts.count)",
        ])
        return report
    }

    /// Puts files left in `processing/` by a crashed instance back in their inbox.
    public func recoverAbandonedClaims() {
        var refused = Refusals()
        defer { announce(refused, scope: .recovery) }
        guard let rootHandle = try? DirectoryHandle.open(path: root.path),
              let tenants = try? tenantFolderNames(in: rootHandle, refused: &refused) else { return }
        for tenantName in tenants {
            guard let inbox = open(tenantName, in: rootHandle, refused: &refused) else { continue }
            let processing: DirectoryHandle
            do {
                guard try inbox.kind(of: "processing") != nil else { continue }
                processing = try inbox.directory("processing")
            } catch let refusal as LandingRefusal {
                refused.add(refusal, tenantName + "/processing")
                continue
            } catch {
                logger.error("landing folder unreadable", metadata: ["directory": "\(tenantName)", "error": "\(error)"])
                continue
            }
            for file in (try? processing.entries()) ?? [] where (try? processing.move(file, to: inbox, as: file)) == true {
                logger.info("file claim recovered after a restart", metadata: ["file": "\(file)"])
            }
        }
    }

    /// The folders of the landing root that may be tenants' (real directories, not hidden), sorted;
    /// links and names no tenant can have are refused.
    private func tenantFolderNames(in rootHandle: DirectoryHandle, refused: inout Refusals) throws -> [String] {
        var names: [String] = []
        for name in try rootHandle.entries().sorted() where !name.hasPrefix(".") {
            switch try rootHandle.kind(of: name) {
            case .directory:
                if Self.isTenantFolderName(name) { names.append(name) } else { refused.add(.invalidTenantFolder, name) }
            case .symlink:
                refused.add(.symlinkedFolder, name)
            default:
                continue
            }
        }
        return names
    }

    /// A name a tenant can have (1 to 100 characters, no surrounding white space, no control or
    /// format characters, no path separator) and that is not hidden.
    static func isTenantFolderName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 100, name == name.trimmingCharacters(in: .whitespacesAndNewlines),
              !name.hasPrefix(".") else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar != "/" && scalar != "\\" && ![.control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned]
                .contains(scalar.properties.generalCategory)
        }
    }

    private func open(_ tenantName: String, in rootHandle: DirectoryHandle, refused: inout Refusals) -> DirectoryHandle? {
        do {
            return try rootHandle.directory(tenantName)
        } catch let refusal as LandingRefusal {
            refused.add(refusal, tenantName)
        } catch {
            logger.error("landing folder unreadable", metadata: ["directory": "\(tenantName)", "error": "\(error)"])
        }
        return nil
    }

    /// `processing/`, `done/` and `failed/` of a tenant folder, made when missing; nil (and nothing
    /// made) when any of them is a link or not a directory.
    private func workFolders(of tenantName: String, inbox: DirectoryHandle, refused: inout Refusals) throws -> TenantFolder? {
        var usable = true
        for name in Self.workFolders {
            switch try inbox.kind(of: name) {
            case nil, .directory: continue
            case .symlink: refused.add(.symlinkedFolder, tenantName + "/" + name)
            default: refused.add(.notAFolder, tenantName + "/" + name)
            }
            usable = false
        }
        guard usable else { return nil }
        var handles: [DirectoryHandle] = []
        for name in Self.workFolders {
            do {
                try inbox.makeDirectory(name)
                handles.append(try inbox.directory(name))
            } catch let refusal as LandingRefusal {
                // Swapped for a link since the check above.
                refused.add(refusal, tenantName + "/" + name)
            }
        }
        guard handles.count == Self.workFolders.count else { return nil }
        return TenantFolder(name: tenantName, inbox: inbox, processing: handles[0], done: handles[1], failed: handles[2])
    }

    /// The settled regular files of an inbox, sorted; links, FIFOs and devices are refused.
    private func settledFiles(in inbox: DirectoryHandle, tenantFolder: String, now: Date, refused: inout Refusals) throws -> [String] {
        var files: [String] = []
        for name in try inbox.entries().sorted() {
            guard !name.hasPrefix("."), ![".part", ".tmp", ".filepart"].contains(where: name.hasSuffix),
                  !Self.workFolders.contains(name) else { continue }
            switch try inbox.kind(of: name) {
            case .regularFile(let modified):
                if now.timeIntervalSince(modified) >= settleTime { files.append(name) }
            case .symlink:
                refused.add(.symlinkedFile, tenantFolder + "/" + name)
            case .other:
                refused.add(.notARegularFile, tenantFolder + "/" + name)
            case .directory, nil:
                continue
            }
        }
        return files
    }

    /// `name`, or `name.2`, `name.3`... when a file of that name was already processed.
    private func uniqueName(_ name: String, in directory: DirectoryHandle) throws -> String {
        var candidate = name
        var counter = 1
        while try directory.exists(candidate) {
            counter += 1
            candidate = "\(name).\(counter)"
        }
        return candidate
    }

    /// Logs and counts the refusals that were not there at the previous look.
    private func announce(_ refused: Refusals, scope: RefusalLog.Scope) {
        for (entry, reason) in refusals.newlySeen(refused.entries, scope: scope) {
            Counter(label: Self.refusedMetric, dimensions: [("reason", reason.rawValue)]).increment()
            logger.warning("landing entry refused", metadata: ["entry": "\(Self.printable(entry))", "reason": "\(reason.rawValue)"])
        }
    }

    /// `text` with control characters shown as `?`, for a log line.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) ? "?" : $0
        }))
    }
}

/// The refusals of one look at the landing directory: entry (relative to the root) and reason.
struct Refusals {
    private(set) var entries: [String: LandingRefusal] = [:]

    mutating func add(_ reason: LandingRefusal, _ entry: String) {
        entries[entry] = reason
    }
}

/// What was refused at the previous scan (and at start), so that a refusal is logged and counted
/// once when it appears, not at every scan while it stays.
final class RefusalLog: @unchecked Sendable {
    enum Scope: Hashable { case scan, recovery }
    private let lock = NSLock()
    private var previous: [Scope: [String: LandingRefusal]] = [:]

    func newlySeen(_ current: [String: LandingRefusal], scope: Scope) -> [(String, LandingRefusal)] {
        lock.withLock {
            let before = previous[scope] ?? [:]
            previous[scope] = current
            return current.filter { before[$0.key] != $0.value }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }
}

/// The report written beside each processed file (`<file>.report.json`).
public struct FileDropReport: Sendable, Codable {
    public enum Status: String, Sendable, Codable { case done, failed }

    public var file: String
    public var tenant: String
    public var status: Status = .done
    public var format: String?
    public var rawPayloadId: String?
    public var recordsTotal = 0
    public var shipmentsRegistered = 0
    public var eventsInserted = 0
    public var duplicates = 0
    public var issues: [String] = []
    /// Rows whose tracking number belongs to another order already (not applied).
    public var conflicts: [String] = []
    public var failure: String?
    /// ISA13 of each interchange answered in `<file>.997`.
    public var acknowledgedInterchanges: [String] = []
    public var startedAt: Date
    public var finishedAt: Date?
    var acknowledgmentTexts: [String] = []

    enum CodingKeys: String, CodingKey {
        case file, tenant, status, format, rawPayloadId, recordsTotal, shipmentsRegistered, eventsInserted, duplicates, issues,
             conflicts, failure, acknowledgedInterchanges, startedAt, finishedAt
    }

    public init(file: String, tenant: String, startedAt: Date) {
        self.file = file
        self.tenant = tenant
        self.startedAt = startedAt
    }

    /// The report as written to `<file>.report.json`: snake_case keys, UTC times, pretty and sorted.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.utcString(date))
        }
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    public mutating func record(_ result: ImportResult) {
        status = result.succeeded ? .done : .failed
        format = result.format?.rawValue
        rawPayloadId = result.rawPayloadID
        recordsTotal = result.recordsTotal
        shipmentsRegistered = result.shipmentsRegistered
        eventsInserted = result.eventsInserted
        duplicates = result.duplicates
        issues = result.issues
        conflicts = result.conflicts
        failure = result.failure
        acknowledgedInterchanges = result.acknowledgments.map(\.interchangeControlNumber)
        acknowledgmentTexts = result.acknowledgments.map(\.text)
    }
}
