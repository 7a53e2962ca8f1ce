import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A certificate authority and a server certificate made by `openssl` in a scratch folder, for
/// the TLS tests: `ca.pem` signed `server.pem` (EC P-256, valid for 2 days, naming only the
/// host names given, DNS:localhost by default); `other-ca.pem` is a CA that signed nothing here;
/// `other.key` is a key of no certificate.
public struct TestCertificates: Sendable {
    public let folder: URL

    public var caFile: String { path("ca.pem") }
    public var otherCAFile: String { path("other-ca.pem") }
    public var certificateFile: String { path("server.pem") }
    public var keyFile: String { path("server.key") }
    public var otherKeyFile: String { path("other.key") }

    public init(names: [String] = ["DNS:localhost"]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-tls-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try openssl(["req", "-x509"] + curve + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Waybill Test CA"])
        try openssl(["req", "-x509"] + curve + ["-keyout", "other-ca.key", "-out", "other-ca.pem", "-days", "2", "-subj", "/CN=Other CA"])
        try openssl(["req"] + curve + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=waybill test server"])
        try "subjectAltName=\(names.joined(separator: ","))\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(to: folder.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                     "-out", "server.pem", "-days", "2", "-extfile", "server.ext"])
        try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other.key"])
    }

    public func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    public func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func openssl(_ arguments: [String]) throws {
        let result = try TestCommand.run("openssl", arguments, workingDirectory: folder.path)
        guard result.status == 0 else { throw TestCommand.Failure("openssl \(arguments.joined(separator: " ")): \(result.errors)") }
    }
}

/// A program found on PATH, run to completion with its output in files (killed after `timeout` seconds).
public enum TestCommand {
    public static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:],
                           workingDirectory: String? = nil, timeout: Double = 60) throws -> (status: Int32, output: String, errors: String) {
        guard let executable = locate(name) else { throw Failure("\(name) is not installed (not on PATH)") }
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-command-\(UUID()).stdout").path
        let errorPath = outputPath + ".stderr"
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: errorPath)
        }
        let process = try SpawnedProcess(
            executable: executable, arguments: arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            workingDirectory: workingDirectory, standardOutput: outputPath, standardError: errorPath)
        let deadline = DispatchWorkItem { process.signal(SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        let status = process.waitUntilExit()
        deadline.cancel()
        return (status, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
                (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }

    public static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }
}
