import Foundation
import WaybillTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A real `waybill serve --tls-cert --tls-key` process with the test certificates (which name
/// only `localhost`), on its own SQLite file, reached with `curl` trusting the test CA.
final class HTTPSWaybill: @unchecked Sendable {
    let certificates: TestCertificates
    let port: Int
    private let process: SpawnedProcess
    private let logPath: String

    init(environment: [String: String] = [:]) async throws {
        certificates = try TestCertificates()
        port = try WaybillProcess.freePort()
        logPath = certificates.path("serve.log")
        process = try SpawnedProcess(
            executable: WaybillProcess.binary.path,
            arguments: ["serve", "--database", "sqlite:" + certificates.path("waybill.sqlite"), "--port", "\(port)", "--host", "127.0.0.1",
                        "--tls-cert", certificates.certificateFile, "--tls-key", certificates.keyFile],
            environment: ProcessInfo.processInfo.environment.merging(["WAYBILL_LOG_LEVEL": "warning"]) { $1 }.merging(environment) { $1 },
            standardOutput: logPath, standardError: logPath)
        for _ in 0..<300 {
            if try curl(["/healthz"]).status == 0 { return }
            guard process.isRunning else { throw TestCommand.Failure("waybill serve exited: \(log)") }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw TestCommand.Failure("waybill serve did not answer over HTTPS: \(log)")
    }

    var baseURL: String { "https://localhost:\(port)" }

    /// `curl` trusting the test CA; a leading `/` argument is a path on this server. Its exit
    /// status (0 when the transfer worked), standard output and error.
    func curl(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try TestCommand.run("curl", ["--silent", "--show-error", "--max-time", "10", "--cacert", certificates.caFile]
                                     + arguments.map { $0.hasPrefix("/") ? baseURL + $0 : $0 }, timeout: 20)
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func stop() {
        if process.isRunning {
            process.signal(SIGKILL)
            process.waitUntilExit()
        }
        certificates.remove()
    }
}
