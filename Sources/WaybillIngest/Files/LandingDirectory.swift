import Foundation
import Logging
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
public final class LandingDirectoryWatcher: Service {
    public let root: URL
    private let importer: FileImporter
    private let store: any Store
    private let interval: Duration
    private let settleTime: TimeInterval
    private let logger: Logger

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

    /// Claims and imports every settled file once; returns the reports written.
    @discardableResult
    public func scanOnce(now: Date = Date()) async throws -> [FileDropReport] {
        var reports: [FileDropReport] = []
        for tenantDirectory in try subdirectories(of: root) {
            let tenantName = tenantDirectory.lastPathComponent
            guard let tenant = try await store.tenant(named: tenantName) else {
                logger.warning("landing directory for an unknown tenant", metadata: ["directory": "\(tenantName)"])
                continue
            }
            for file in try settledFiles(in: tenantDirectory, now: now) {
                guard let claimed = claim(file, in: tenantDirectory),
                      let report = try await process(claimed, originalName: file.lastPathComponent, tenant: tenant,
                                                     directory: tenantDirectory) else { continue }
                reports.append(report)
            }
        }
        return reports
    }

    /// Imports a claimed file and files it with its report; nil when the file vanished after the claim.
    private func process(_ claimed: URL, originalName: String, tenant: Tenant, directory: URL) async throws -> FileDropReport? {
        let startedAt = Date()
        var report = FileDropReport(file: originalName, tenant: tenant.name, startedAt: startedAt)
        do {
            let data = try Data(contentsOf: claimed)
            let result = try await importer.importFile(data, fileName: originalName, tenantID: tenant.id,
                                                       actor: "file:\(originalName)")
            report.record(result)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return nil
        } catch {
            // A database error: the file goes back to the inbox and is tried again on the next scan.
            try? FileManager.default.moveItem(at: claimed, to: directory.appendingPathComponent(originalName))
            throw error
        }
        report.finishedAt = Date()
        let destination = directory.appendingPathComponent(report.status == .done ? "done" : "failed")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        let target = uniqueName(originalName, in: destination)
        try report.json().write(to: destination.appendingPathComponent(target + ".report.json"), options: .atomic)
        if !report.acknowledgmentTexts.isEmpty {
            try Data(report.acknowledgmentTexts.joined().utf8).write(to: destination.appendingPathComponent(target + ".997"),
                                                                     options: .atomic)
        }
        try FileManager.default.moveItem(at: claimed, to: destination.appendingPathComponent(target))
        logger.info("file imported", metadata: [
            "tenant": "\(tenant.id)", "file": "\(originalName)", "status": "\(report.status.rawValue)",
            "events_inserted": "\(report.eventsInserted)", "issues": "\(report.issues.count)", "conflicts": "\(report.conflicts.count)",
        ])
        return report
    }

    /// Moves the file into `processing/`; nil when another instance got it first.
    private func claim(_ file: URL, in directory: URL) -> URL? {
        let processing = directory.appendingPathComponent("processing")
        try? FileManager.default.createDirectory(at: processing, withIntermediateDirectories: true)
        let claimed = processing.appendingPathComponent(file.lastPathComponent)
        guard rename(file.path, claimed.path) == 0 else { return nil }
        return claimed
    }

    /// Puts files left in `processing/` by a crashed instance back in their inbox.
    public func recoverAbandonedClaims() {
        guard let tenants = try? subdirectories(of: root) else { return }
        for directory in tenants {
            let processing = directory.appendingPathComponent("processing")
            for file in (try? FileManager.default.contentsOfDirectory(atPath: processing.path)) ?? [] {
                _ = rename(processing.appendingPathComponent(file).path, directory.appendingPathComponent(file).path)
                logger.info("file claim recovered after a restart", metadata: ["file": "\(file)"])
            }
        }
    }

    private func subdirectories(of url: URL) throws -> [URL] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: [.isDirectoryKey])
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private func settledFiles(in directory: URL, now: Date) throws -> [URL] {
        let keys: [URLResourceKey] = [.isRegularFileKey, .contentModificationDateKey]
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: keys)
            .filter { url in
                let name = url.lastPathComponent
                guard !name.hasPrefix("."), ![".part", ".tmp", ".filepart"].contains(where: name.hasSuffix),
                      let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { return false }
                return now.timeIntervalSince(values.contentModificationDate ?? now) >= settleTime
            }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// `name`, or `name.2`, `name.3`... when a file of that name was already processed.
    private func uniqueName(_ name: String, in directory: URL) -> String {
        var candidate = name
        var counter = 1
        while FileManager.default.fileExists(atPath: directory.appendingPathComponent(candidate).path) {
            counter += 1
            candidate = "\(name).\(counter)"
        }
        return candidate
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
