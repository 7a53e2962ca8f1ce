import Foundation
import WaybillTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL server of its own with `ssl=on`, presenting the test certificates
/// (which name only `localhost`), on a free loopback port; user and password `waybill`. Started
/// like scripts/start-postgres: as the `postgres` user when the tests run as root.
final class TLSPostgresServer: @unchecked Sendable {
    let certificates: TestCertificates
    let port: Int
    private let data: String
    private let binaries: String

    init(certificates: TestCertificates) throws {
        guard let binaries = try FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")
            .sorted { $0.compare($1, options: .numeric) == .orderedAscending }.last
            .map({ "/usr/lib/postgresql/\($0)/bin" }),
            FileManager.default.isExecutableFile(atPath: binaries + "/initdb") else {
            throw TestCommand.Failure("PostgreSQL server binaries not found under /usr/lib/postgresql")
        }
        self.certificates = certificates
        self.binaries = binaries
        data = certificates.path("pgdata")
        port = try Self.freePort()
        try "waybill\n".write(toFile: certificates.path("pwfile"), atomically: true, encoding: .utf8)
        // The server refuses a key that others may read.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: certificates.keyFile)
        if getuid() == 0 {
            for file in [certificates.folder.path, certificates.certificateFile, certificates.keyFile, certificates.path("pwfile")] {
                try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: file)
            }
        }
        try run("'\(binaries)/initdb' -D '\(data)' -U waybill --pwfile='\(certificates.path("pwfile"))' -A scram-sha-256 --no-sync")
        let options = "-p \(port) -k '\(certificates.folder.path)' -c listen_addresses=127.0.0.1 -c fsync=off -c ssl=on "
            + "-c ssl_cert_file='\(certificates.certificateFile)' -c ssl_key_file='\(certificates.keyFile)'"
        try run("'\(binaries)/pg_ctl' -D '\(data)' -l '\(data)/server.log' -w -t 60 -o \"\(options)\" start")
    }

    /// A connection URL to this server's maintenance database by `host`, with `query` appended.
    func url(host: String, _ query: String) -> String {
        "postgres://waybill:waybill@\(host):\(port)/postgres?\(query)"
    }

    func stop() {
        _ = try? run("'\(binaries)/pg_ctl' -D '\(data)' -m immediate -w stop")
        certificates.remove()
    }

    private func run(_ command: String) throws {
        let result = getuid() == 0
            ? try TestCommand.run("su", ["postgres", "-s", "/bin/sh", "-c", command])
            : try TestCommand.run("sh", ["-c", command])
        guard result.status == 0 else { throw TestCommand.Failure("\(command): \(result.output) \(result.errors)") }
    }

    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard named else { throw TestCommand.Failure("no free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
