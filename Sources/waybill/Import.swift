import ArgumentParser
import Foundation
import WaybillCommandSupport
import WaybillCore
import WaybillIngest
import WaybillNotify
import WaybillStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import files of shipments or events (CSV, X12 214, EDIFACT IFTSTA) for a tenant.",
        discussion: """
            The format is detected from each file's content: X12 by its ISA header, EDIFACT by UNA/UNB, a CSV by its \
            header row (a `status` column makes it a CSV of events, else of shipments to register). \
            docs/file-formats.md describes the formats, their columns and segments, and the errors reported.

            Each file is stored first, then read in chunks; bad rows and segments are reported with file, line or \
            segment number and reason, and the good ones are kept. A row whose tracking number belongs to another \
            order already is not applied and is listed as a conflict. An import that is killed can simply be run \
            again: it finishes the work without duplicates.

            Each file's report (counts, issues, conflicts) is written to FILE.report.json, and X12 files get their \
            997 acknowledgments written to FILE.997. Progress is a bar on a terminal and plain lines otherwise. Exit \
            status 1 when a file could not be read at all.

            The tenant must exist (waybill tenants list) unless --create-tenant is given.
            """)

    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: "Tenant name (an existing tenant: see waybill tenants list).") var tenant: String
    @Flag(name: .customLong("create-tenant"), help: "Create the tenant when there is none of that name.") var createTenant = false
    @Flag(help: "Do not write FILE.997 acknowledgments for X12 files.") var noAcknowledgments = false
    @Flag(help: "Do not write FILE.report.json.") var noReport = false
    @Argument(help: "Files to import.") var files: [String]

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .warning)
        let inputs = try files.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("\(path): cannot read the file") }
            return (path, data)
        }
        let failures = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
            let tenant = try await TenantLookup.tenant(named: self.tenant, create: self.createTenant, in: store)
            let importer = FileImporter(pipeline: IngestPipeline(store: store, observers: [OutboxWriter()], logger: logger))
            var failures = 0
            for (path, data) in inputs {
                let name = URL(fileURLWithPath: path).lastPathComponent
                let bar = ProgressReporter(label: name)
                var report = FileDropReport(file: name, tenant: tenant.name, startedAt: Date())
                let result = try await importer.importFile(data, fileName: name, tenantID: tenant.id, actor: "cli:import") {
                    await bar.update($0)
                }
                await bar.finish()
                report.record(result)
                report.finishedAt = Date()
                if !noReport { try report.json().write(to: URL(fileURLWithPath: path + ".report.json"), options: .atomic) }
                if !noAcknowledgments, !result.acknowledgments.isEmpty {
                    try Data(result.acknowledgments.map(\.text).joined().utf8).write(to: URL(fileURLWithPath: path + ".997"))
                }
                for issue in result.issues { print("  \(issue)") }
                for conflict in result.conflicts { print("  conflict: \(conflict)") }
                if let failure = result.failure {
                    failures += 1
                    print("\(name): failed: \(failure)")
                } else {
                    print("\(name): \(result.format?.rawValue ?? "?"), \(result.recordsTotal) records, "
                          + "\(result.shipmentsRegistered) shipments registered, \(result.eventsInserted) events added, "
                          + "\(result.duplicates) duplicates, \(result.issues.count) issues, \(result.conflicts.count) conflicts"
                          + (result.acknowledgments.isEmpty || noAcknowledgments ? "" : "; 997 written to \(path).997"))
                }
            }
            return failures
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

/// A progress bar with rate and ETA on a terminal; a plain line every few seconds otherwise.
actor ProgressReporter {
    private let label: String
    private let started = ContinuousClock.now
    private let isTerminal = isatty(2) != 0
    private var lastLine = ContinuousClock.now
    private var latest = ImportProgress(recordsDone: 0, recordsTotal: 0)

    init(label: String) {
        self.label = label
    }

    func update(_ progress: ImportProgress) {
        latest = progress
        let now = ContinuousClock.now
        guard isTerminal || now - lastLine >= .seconds(2) || progress.recordsDone == progress.recordsTotal else { return }
        lastLine = now
        write(line(progress), final: false)
    }

    /// Ends the bar's line on a terminal (plain output already has its last line).
    func finish() {
        if isTerminal { write(line(latest), final: true) }
    }

    private func line(_ progress: ImportProgress) -> String {
        let elapsed = max(0.001, (ContinuousClock.now - started).timeInterval)
        let rate = Double(progress.recordsDone) / elapsed
        let remaining = rate > 0 ? Double(progress.recordsTotal - progress.recordsDone) / rate : 0
        let fraction = progress.recordsTotal > 0 ? Double(progress.recordsDone) / Double(progress.recordsTotal) : 1
        let stats = "\(progress.recordsDone)/\(progress.recordsTotal) records, \(Int(rate))/s, ETA \(Int(remaining.rounded()))s"
        guard isTerminal else { return "\(label): \(stats)" }
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] \(stats)"
    }

    private func write(_ line: String, final: Bool) {
        let text = isTerminal ? "\r\u{1B}[2K" + line + (final ? "\n" : "") : line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
