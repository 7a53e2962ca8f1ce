// Threat: a request nobody thought of (a field of the wrong type, an id of 10,000 characters, a
// number out of range, a body in the wrong encoding) makes the server fail with a 5xx: a crash or
// an unhandled error that a client can trigger at will, and the sign of a check that is missing.
//
// Defence: every request is read by a typed request type or a checked parameter, so a bad one gets
// a 4xx naming what is wrong. This test holds the whole API to it: schemathesis (PyPI) reads the
// served `/openapi.json` and sends a bounded number of generated requests to every documented
// operation of a real `waybill serve` on a real SQLite file, with an admin key; any 5xx answer in
// its report of every request fails the test, with the request and its body. Needs schemathesis 4.x on PATH
// (`pip install schemathesis`; `.ci/run` installs it); skipped with the reason otherwise.

import Foundation
import Testing
import WaybillCore
#if canImport(Glibc)
import Glibc
#endif

@Suite("Attack: API fuzzing (schemathesis)", .serialized)
struct APIFuzzingTests {
    /// Generated requests per operation and phase: 40 finds the malformed numbers that answered 500 (MalformedJSONTests)
    /// with the fixed seed, 10 did not; the run takes about 40 s on 2 cores.
    static let examplesPerOperation = ProcessInfo.processInfo.environment["WAYBILL_FUZZ_EXAMPLES"].flatMap(Int.init) ?? 40
    /// A fixed seed makes a failure reproducible; set WAYBILL_FUZZ_SEED to explore other inputs.
    static let seed = ProcessInfo.processInfo.environment["WAYBILL_FUZZ_SEED"].flatMap(Int.init) ?? 15

    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"),
          .enabled(if: Schemathesis.executable != nil, Schemathesis.unavailableReason),
          .timeLimit(.minutes(10)))
    func noGeneratedRequestMakesTheServerFail() async throws {
        let served = try ServedWaybill()
        defer { served.remove() }
        let key = try served.adminKey(tenant: "acme")
        try await served.start(environment: ["WAYBILL_API_RATE_PER_SECOND": "0"])  // the fuzzer, not the limiter
        let server = try #require(served.server)
        // Something for the generated ids to miss or, with the examples of the document, to find.
        _ = try await served.post("/v1/shipments", key: key,
                                  json: #"{"tracking_number":"1Z999AA10123456784","carrier":"ups","order_id":"A-100"}"#)

        let run = try await Schemathesis.run(in: served.folder, arguments: [
            "run", server.baseURL + "/openapi.json",
            "--header", "Authorization: Bearer \(key)",
            "--checks", Schemathesis.checks,
            "--max-examples", "\(Self.examplesPerOperation)",
            "--seed", "\(Self.seed)",
            "--workers", "2",
            "--request-timeout", "10",
            // Server-sent events: the stream stays open for up to an hour by design.
            "--exclude-path", "/v1/notifications/stream",
            "--suppress-health-check", "all",
            "--no-color",
            "--report", "har", "--report-har-path", served.folder.appendingPathComponent("requests.har").path,
        ], timeout: 480)
        // The verdict is the server's answers, from the report of every request: schemathesis also
        // exits 1 on errors of its own (Hypothesis once failed to describe a lambda), which say
        // nothing about the server and are only printed.
        let answered5xx = try #require(Schemathesis.serverErrors(inReport: served.folder.appendingPathComponent("requests.har")),
                                       "schemathesis wrote no report (exit \(run.status)):\n\(run.output.suffix(4000))")
        let serverLog = served.log.split(separator: "\n").filter { $0.contains("request failed") || $0.contains(#""status":"5"#) }
        #expect(answered5xx.isEmpty, """
            schemathesis (seed \(Self.seed), \(Self.examplesPerOperation) examples per operation) got 5xx answers \
            (exit \(run.status), \(Int(run.seconds)) s):
            \(answered5xx.joined(separator: "\n"))
            server log, errors:
            \(serverLog.suffix(40).joined(separator: "\n"))
            schemathesis output:
            \(run.output.suffix(6000))
            """)
        if run.status != 0, answered5xx.isEmpty {
            print("schemathesis exited \(run.status) without a 5xx answer (an error of its own):\n\(run.output.suffix(1500))")
        }
        // A run that tested nothing passes too: hold it to the whole document.
        let tested = Schemathesis.count(of: "Tested", in: run.output)
        let selected = Schemathesis.count(of: "Selected", in: run.output)
        #expect(tested == selected && (selected ?? 0) >= 60, "operations tested \(tested ?? -1) of \(selected ?? -1):\n\(run.output.suffix(3000))")
        print("schemathesis: exit \(run.status) in \(Int(run.seconds)) s, seed \(Self.seed), \(Self.examplesPerOperation) examples per operation")
    }
}

/// The schemathesis command line (`schemathesis` or `st` on PATH, version 4).
enum Schemathesis {
    /// What every response is checked for.
    static let checks = "not_a_server_error"

    static let unavailableReason: Comment = "needs schemathesis 4.x on PATH (pip install schemathesis; .ci/run installs it)"

    static let executable: URL? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in ["schemathesis", "st"] {
            for folder in folders {
                let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
                guard FileManager.default.isExecutableFile(atPath: candidate.path),
                      let version = try? versionText(candidate), version.contains("version 4.") else { continue }
                return candidate
            }
        }
        return nil
    }()

    /// The requests of a HAR report answered with a 5xx: method, URL and body (schemathesis' own
    /// reproduction leaves out bodies it cannot print, such as the malformed JSON it generates).
    static func serverErrors(inReport har: URL) -> [String]? {
        guard let data = try? Data(contentsOf: har), let report = try? JSONValue.parse(data),
              let entries = report["log"]?["entries"]?.arrayValue else { return nil }
        return entries.filter { ($0["response"]?["status"].flatMap { if case .number(let code) = $0 { code } else { nil } } ?? 0) >= 500 }
            .map { entry in
                let request = entry["request"]
                let body = request?["postData"]?["text"]?.stringValue ?? ""
                return "\(request?["method"]?.stringValue ?? "?") \(request?["url"]?.stringValue ?? "?") body: \(String(reflecting: String(body.prefix(2000))))"
            }
    }

    /// `N` of a summary line such as "Tested: 67" or "Selected: 67/68".
    static func count(of label: String, in output: String) -> Int? {
        for line in output.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix(label + ": ") else { continue }
            return Int(text.dropFirst(label.count + 2).prefix { $0.isNumber })
        }
        return nil
    }

    /// `schemathesis --version`: "st, version 4.32.5".
    private static func versionText(_ executable: URL) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--version"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : ""
    }

    /// Runs schemathesis in `folder` (where it leaves its report and cache), killing it after `timeout`.
    static func run(in folder: URL, arguments: [String], timeout: TimeInterval) async throws
        -> (status: Int32, output: String, seconds: Double) {
        let executable = try #require(executable)
        let started = Date()
        let outputPath = folder.appendingPathComponent("schemathesis-\(UUID()).txt")
        _ = FileManager.default.createFile(atPath: outputPath.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputPath)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1", "COLUMNS": "160"]) { $1 }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        while process.isRunning, Date().timeIntervalSince(started) < timeout { try await Task.sleep(for: .milliseconds(250)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        let text = (try? String(contentsOf: outputPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text, Date().timeIntervalSince(started))
    }
}
