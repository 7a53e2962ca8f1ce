import Foundation
import Logging
import NIOSSL
import SQLKit
import Testing
import WaybillTestSupport
@testable import WaybillStore

/// `sslmode` and `sslrootcert` of a PostgreSQL URL, with libpq's meaning, against a server of
/// the test's own with `ssl=on` and a certificate made by openssl that names only `localhost`.
@Suite("PostgreSQL TLS (sslmode)")
struct PostgresTLSTests {
    @Test func sslModesAreReadAsLibpqReadsThem() throws {
        func settings(_ query: String) throws -> DatabaseURL.PostgresSettings {
            guard case .postgres(let settings) = try DatabaseURL(parsing: "postgres://u:p@db.example:5432/waybill\(query)") else {
                throw TestCommand.Failure("not a PostgreSQL URL")
            }
            return settings
        }
        #expect(try settings("").sslMode == .prefer)
        #expect(try settings("?sslmode=verify-full&sslrootcert=/etc/ca.pem").sslMode == .verifyFull)
        #expect(try settings("?sslmode=verify-full&sslrootcert=/etc/ca.pem").sslRootCertificate == "/etc/ca.pem")
        #expect(try settings("?sslmode=disable").tlsNegotiation() == nil)
        #expect(try settings("?sslmode=prefer").tlsNegotiation()?.required == false)
        #expect(try settings("?sslmode=allow").tlsNegotiation()?.required == false)
        #expect(try settings("?sslmode=require").tlsNegotiation()?.configuration.certificateVerification == CertificateVerification.none)
        #expect(try settings("?sslmode=verify-ca").tlsNegotiation()?.configuration.certificateVerification == .noHostnameVerification)
        #expect(try settings("?sslmode=verify-full").tlsNegotiation()?.configuration.certificateVerification == .fullVerification)
        #expect(try settings("?sslmode=verify-full").tlsNegotiation()?.required == true)

        #expect(throws: StoreError.invalidConfiguration(
            "sslmode=verify_full is not one of disable, allow, prefer, require, verify-ca, verify-full")) {
            try DatabaseURL(parsing: "postgres://u:p@db.example/waybill?sslmode=verify_full")
        }
        let missing = "/nonexistent/ca-\(UUID()).pem"
        #expect(throws: StoreError.invalidConfiguration("sslrootcert=\(missing): no such file, or not readable")) {
            try settings("?sslmode=verify-full&sslrootcert=\(missing)").tlsNegotiation()
        }
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil, Comment(rawValue: TestDatabase.skipReason)), .timeLimit(.minutes(3)))
    func verifyFullChecksTheChainAndTheHostNameAndRequireOnlyEncrypts() async throws {
        let server = try TLSPostgresServer(certificates: try TestCertificates(names: ["DNS:localhost"]))
        defer { server.stop() }
        let ca = server.certificates.caFile
        let otherCA = server.certificates.otherCAFile

        #expect(try await Self.encryption(server.url(host: "localhost", "sslmode=verify-full&sslrootcert=\(ca)")) == .encrypted)
        #expect(try await Self.encryption(server.url(host: "127.0.0.1", "sslmode=verify-ca&sslrootcert=\(ca)")) == .encrypted)
        #expect(try await Self.encryption(server.url(host: "127.0.0.1", "sslmode=require")) == .encrypted)
        #expect(try await Self.encryption(server.url(host: "127.0.0.1", "sslmode=prefer")) == .encrypted)
        #expect(try await Self.encryption(server.url(host: "127.0.0.1", "sslmode=disable")) == .plain)

        // The certificate names localhost, not 127.0.0.1.
        let wrongHost = try await Self.encryption(server.url(host: "127.0.0.1", "sslmode=verify-full&sslrootcert=\(ca)"))
        #expect(wrongHost.refusal?.contains("certificate does not name 127.0.0.1") == true, "\(wrongHost)")
        // Signed by a CA the client was not given; require with sslrootcert verifies the chain too.
        for mode in ["verify-full", "verify-ca", "require"] {
            let wrongCA = try await Self.encryption(server.url(host: "localhost", "sslmode=\(mode)&sslrootcert=\(otherCA)"))
            #expect(wrongCA.refusal?.contains("certificate is not signed by a CA of sslrootcert=\(otherCA)") == true, "\(mode): \(wrongCA)")
        }
    }

    enum Encryption: Equatable {
        case encrypted
        case plain
        case refused(String)

        var refusal: String? {
            if case .refused(let text) = self { return text }
            return nil
        }
    }

    /// Whether a store on `url` connects, and whether its connection is encrypted (`pg_stat_ssl`);
    /// the error's text when it does not connect.
    static func encryption(_ url: String) async throws -> Encryption {
        var logger = Logger(label: "test.tls")
        logger.logLevel = .critical
        let store: SQLStore
        do {
            store = try await SQLStore.open(try DatabaseURL(parsing: url), logger: logger)
        } catch {
            return .refused("\(error)")
        }
        return await withTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            do {
                let ssl = try await store.backend.read { database in
                    try await database.raw("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first()?
                        .decode(column: "ssl", as: Bool.self)
                }
                return ssl == true ? .encrypted : .plain
            } catch {
                return .refused(ErrorText.of(error))
            }
        }
    }
}
