import Foundation
import Testing
import WaybillCore

/// What `packaging/` ships: a systemd unit that systemd accepts, and a Grafana dashboard that
/// queries only metrics Waybill exports.
@Suite("Packaging")
struct PackagingTests {
    static let packaging = WaybillProcess.packageRoot.appendingPathComponent("packaging")

    static let systemdAnalyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed"),
          .enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built"))
    func theSystemdUnitVerifies() throws {
        // The unit as shipped, with ExecStart pointing at the binary this build made.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-unit-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let unit = try String(contentsOf: Self.packaging.appendingPathComponent("waybill.service"), encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/local/bin/waybill serve"))
        let local = folder.appendingPathComponent("waybill.service")
        try unit.replacingOccurrences(of: "/usr/local/bin/waybill", with: WaybillProcess.binary.path)
            .write(to: local, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.systemdAnalyze))
        process.arguments = ["verify", local.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && !text.contains("waybill.service"), "\(text)")
    }

    @Test func theDashboardQueriesOnlyExportedMetrics() throws {
        let data = try Data(contentsOf: Self.packaging.appendingPathComponent("grafana-dashboard.json"))
        let dashboard = try JSONValue.parse(data)
        let expressions = (dashboard["panels"]?.arrayValue ?? []).flatMap { panel in
            (panel["targets"]?.arrayValue ?? []).compactMap { $0["expr"]?.stringValue }
        }
        #expect(expressions.count >= 10)
        let sources = WaybillProcess.packageRoot.appendingPathComponent("Sources")
        var code = ""
        for case let file as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)! where file.pathExtension == "swift" {
            code += try String(contentsOf: file, encoding: .utf8)
        }
        let names = Set(expressions.flatMap { expression in
            expression.matches(of: /waybill_[a-z_]+/).map { String($0.output) }
        }).map { $0.replacing(/_(bucket|count|sum)$/, with: "") }
        #expect(!names.isEmpty)
        for name in names {
            #expect(code.contains("\"\(name)\""), "the dashboard queries \(name), which no source file names")
        }
    }
}
