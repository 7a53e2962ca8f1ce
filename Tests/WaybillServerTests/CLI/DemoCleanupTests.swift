import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `waybill demo` keeps its database and key in a temporary folder of its own and removes it when
/// it stops: on Ctrl-C (SIGINT) and on SIGTERM.
@Suite struct DemoCleanupTests {
    @Test(.enabled(if: WaybillProcess.isBuilt, "needs the built waybill executable"), arguments: [SIGINT, SIGTERM])
    func removesItsFolderWhenStopped(signal: Int32) async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-demo-test-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputFile = scratch.appendingPathComponent("demo.out")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)

        let port = try WaybillProcess.freePort()
        let process = Process()
        process.executableURL = WaybillProcess.binary
        process.arguments = ["demo", "--port", "\(port)", "--shipments", "3", "--live", "1"]
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": scratch.path, "WAYBILL_LOG_LEVEL": "error"]) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        var output: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }
        let serving = try await ServedWaybill.waitUntil(seconds: 120) {
            guard process.isRunning else { return true }
            return await WaybillProcess.answers("http://127.0.0.1:\(port)/healthz")
        }
        try #require(serving && process.isRunning, "the demo did not start: \(output)")
        // "Serving on http://…(Ctrl-C to stop; FOLDER is removed then)."
        let folder = try #require(output.firstMatch(of: /Ctrl-C to stop; (.+) is removed then/).map { String($0.output.1) }, "\(output)")
        #expect(folder.hasPrefix(scratch.path))
        #expect(FileManager.default.fileExists(atPath: folder + "/waybill.sqlite"))

        kill(process.processIdentifier, signal)
        let stopped = try await ServedWaybill.waitUntil(seconds: 30) { !process.isRunning }
        #expect(stopped, "the demo is still running 30 s after the signal")
        #expect(!FileManager.default.fileExists(atPath: folder), "\(folder) is left behind")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["demo.out"])
    }
}
