import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import WaybillCore
import WaybillTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The built `waybill` executable run as a real process: CLI commands, and `waybill serve` that
/// tests can start, kill with SIGKILL and start again on the same database and port.
final class WaybillProcess: @unchecked Sendable {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/debug/waybill")
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    let database: String
    let port: Int
    let environment: [String: String]
    let executable: URL
    let workingDirectory: URL?
    private var process: SpawnedProcess?

    /// `executable`: the built binary, or a copy of it elsewhere; `workingDirectory`: else the test's.
    init(database: String, port: Int, environment: [String: String] = [:], executable: URL = binary, workingDirectory: URL? = nil) {
        self.database = database
        self.port = port
        self.environment = environment
        self.executable = executable
        self.workingDirectory = workingDirectory
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var logPath: String { FileManager.default.temporaryDirectory.appendingPathComponent("waybill-serve-\(port).log").path }

    /// Runs a CLI command to completion (killed after `timeout` seconds); returns its exit status,
    /// standard output and standard error.
    static func run(_ arguments: [String], environment: [String: String] = [:], executable: URL = binary,
                    workingDirectory: URL? = nil, timeout: Double = 600) throws -> (status: Int32, output: String, errors: String) {
        // Files, not pipes: nobody has to read while the command runs.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-run-\(UUID()).stdout")
        let errorPath = outputPath.deletingPathExtension().appendingPathExtension("stderr")
        defer {
            try? FileManager.default.removeItem(at: outputPath)
            try? FileManager.default.removeItem(at: errorPath)
        }
        let process = try SpawnedProcess(
            executable: executable.path, arguments: arguments,
            environment: ProcessInfo.processInfo.environment.merging(["WAYBILL_LOG_LEVEL": "error"]) { $1 }.merging(environment) { $1 },
            workingDirectory: workingDirectory?.path, standardOutput: outputPath.path, standardError: errorPath.path)
        let deadline = DispatchWorkItem { process.signal(SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        let status = process.waitUntilExit()
        deadline.cancel()
        let output = (try? String(contentsOf: outputPath, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOf: errorPath, encoding: .utf8)) ?? ""
        return (status, output, errors)
    }

    /// Starts `waybill serve` and waits until `/healthz` answers.
    func start() async throws {
        // The server's log, kept for diagnosis after a failure.
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = try SpawnedProcess(
            executable: executable.path, arguments: ["serve", "--database", database, "--port", "\(port)", "--host", "127.0.0.1"],
            environment: ProcessInfo.processInfo.environment
                .merging(["WAYBILL_LOG_LEVEL": "warning", "WAYBILL_EGRESS_ALLOW": "127.0.0.0/8"]) { $1 }.merging(environment) { $1 },
            workingDirectory: workingDirectory?.path, standardOutput: logPath, standardError: logPath)
        self.process = process
        for _ in 0..<300 {
            if await Self.answers("\(baseURL)/healthz") { return }
            guard process.isRunning else { throw ProcessError.exited(process.waitUntilExit()) }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ProcessError.notReady(baseURL)
    }

    /// The operating system's id of the running server.
    var processIdentifier: Int32? { process.map(\.processIdentifier) }

    /// SIGKILL: no graceful shutdown, no flushing, exactly like a crash.
    func kill9() {
        guard let process, process.isRunning else { return }
        process.signal(SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        guard let process, process.isRunning else { return }
        process.signal(SIGTERM)
        process.waitUntilExit()
    }

    deinit { kill9() }

    static func answers(_ url: String) async -> Bool {
        (try? await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(1)))?.status == .ok
    }

    /// A TCP port nothing listens on right now (bound and released; the kernel does not hand it out again at once).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProcessError.noPort("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw ProcessError.noPort("bind failed") }
        let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        guard named == 0 else { throw ProcessError.noPort("getsockname failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    enum ProcessError: Error {
        case exited(Int32)
        case notReady(String)
        case noPort(String)
    }
}

extension WaybillProcess {
    /// Creates a UPS webhook endpoint over the API with `key`: the URL carriers post to and its secret.
    func createWebhookEndpoint(key: String) async throws -> (url: String, secret: String) {
        var request = HTTPClientRequest(url: "\(baseURL)/v1/webhook-endpoints")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"carrier":"ups"}"#))
        let endpoint = try JSONValue.parse(Data(try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            .body.collect(upTo: 1 << 16).readableBytesView))
        return (try #require(endpoint["url"]?.stringValue, "\(endpoint)"), try #require(endpoint["secret"]?.stringValue))
    }
}
