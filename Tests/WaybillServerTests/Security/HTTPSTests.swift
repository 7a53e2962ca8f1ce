import Foundation
import Testing
import WaybillTestSupport

/// `waybill serve --tls-cert --tls-key`: HTTPS with HTTP/2 where the client offers it, HSTS on
/// every response, the slow-client guards on the TLS path, and a bad pair refused at start.
/// Certificates are made by openssl in each test; the client is curl.
@Suite("Security: HTTPS", .serialized, .enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
struct HTTPSTests {
    static let hsts = "strict-transport-security: max-age=31536000"

    @Test func servesHTTP2WhenOfferedAndHTTP1OtherwiseBothWithHSTS() async throws {
        let server = try await HTTPSWaybill()
        defer { server.stop() }

        let http2 = try server.curl(["--http2", "--include", "--write-out", "\n%{http_version}", "/healthz"])
        #expect(http2.status == 0, "\(http2.errors)")
        #expect(http2.output.hasPrefix("HTTP/2 200"), "\(http2.output)")
        #expect(http2.output.lowercased().contains(Self.hsts), "\(http2.output)")
        #expect(http2.output.contains(#"{"status":"ok"}"#))
        #expect(http2.output.hasSuffix("\n2"), "negotiated: \(http2.output)")

        let http1 = try server.curl(["--http1.1", "--include", "--write-out", "\n%{http_version}", "/healthz"])
        #expect(http1.output.hasPrefix("HTTP/1.1 200"), "\(http1.output) \(http1.errors)")
        #expect(http1.output.lowercased().contains(Self.hsts), "\(http1.output)")
        #expect(http1.output.hasSuffix("\n1.1"), "negotiated: \(http1.output)")

        // Error answers carry it too: an unknown route, and the API without a key.
        for path in ["/no-such-page", "/v1/shipments"] {
            let answer = try server.curl(["--http2", "--include", path])
            #expect(answer.output.hasPrefix("HTTP/2 40"), "\(path): \(answer.output)")
            #expect(answer.output.lowercased().contains(Self.hsts), "\(path): \(answer.output)")
        }

        // The certificate is the test CA's: curl without it refuses it (60: peer certificate cannot be authenticated).
        let untrusted = try TestCommand.run("curl", ["--silent", "--max-time", "10", "\(server.baseURL)/healthz"], timeout: 20)
        #expect(untrusted.status == 60, "\(untrusted)")
        // TLS 1.1 is refused by the server (the system's OpenSSL settings, which forbid it too, are left out).
        let old = try TestCommand.run("openssl", ["s_client", "-connect", "127.0.0.1:\(server.port)", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"],
                                      environment: ["OPENSSL_CONF": "/dev/null"], timeout: 20)
        #expect(old.errors.contains("alert protocol version"), "\(old)")
        // Plain HTTP to the HTTPS port gets no HTTP answer.
        let plain = try TestCommand.run("curl", ["--silent", "--include", "--max-time", "10", "http://127.0.0.1:\(server.port)/healthz"],
                                        timeout: 20)
        #expect(plain.status != 0 && !plain.output.contains("HTTP/"), "\(plain)")
    }

    @Test func plainHTTPSendsNoHSTS() async throws {
        let served = try ServedWaybill()
        defer { served.remove() }
        try await served.start(environment: [:])
        let server = try #require(served.server)
        let answer = try TestCommand.run("curl", ["--silent", "--show-error", "--include", "--max-time", "10", "\(server.baseURL)/healthz"],
                                         timeout: 20)
        #expect(answer.output.hasPrefix("HTTP/1.1 200"), "\(answer)")
        #expect(!answer.output.lowercased().contains("strict-transport-security"), "\(answer.output)")
    }

    @Test func aClientThatNeverHandshakesIsClosedAndTheCapPerAddressHolds() async throws {
        let server = try await HTTPSWaybill(environment: [
            "WAYBILL_REQUEST_HEAD_TIMEOUT_SECONDS": "1",
            "WAYBILL_MAX_CONNECTIONS_PER_ADDRESS": "2",
            "WAYBILL_HSTS_MAX_AGE_SECONDS": "600",
        ])
        defer { server.stop() }

        // Connects and sends nothing: no ClientHello, so no handshake ever completes.
        let silent = try RawTCPConnection(port: server.port, source: "127.0.0.3")
        let closed = try await ServedWaybill.waitUntil(seconds: 15) { silent.isClosedByPeer }
        #expect(closed, "a connection that never started the TLS handshake is still open after 15 s (deadline 1 s)")

        // Two connections from one address are let in; the next ones are closed at once.
        let crowd = try (0..<4).map { _ in try RawTCPConnection(port: server.port, source: "127.0.0.4") }
        let metrics = try await Self.metrics(of: server) { page in
            ServedWaybill.value(of: #"waybill_connections_refused_total{reason="per_address_limit"}"#, inMetricsPage: page) >= 2
        }
        #expect(ServedWaybill.value(of: #"waybill_connections_refused_total{reason="per_address_limit"}"#, inMetricsPage: metrics) >= 2,
                "\(metrics)")
        #expect(ServedWaybill.value(of: #"waybill_connections_closed_total{reason="request_head_timeout"}"#, inMetricsPage: metrics) >= 1)
        withExtendedLifetime(crowd) {}

        let answer = try server.curl(["--include", "/healthz"])
        #expect(answer.output.hasPrefix("HTTP/2 200"), "\(answer)")
        #expect(answer.output.lowercased().contains("strict-transport-security: max-age=600"), "\(answer.output)")
    }

    @Test func aBadCertificateOrKeyStopsTheStartAndSaysWhy() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let database = "sqlite:" + certificates.path("waybill.sqlite")
        func serve(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, errors: String) {
            let result = try WaybillProcess.run(["serve", "--database", database, "--port", "\(try WaybillProcess.freePort())"] + arguments,
                                                environment: environment, timeout: 60)
            return (result.status, result.errors)
        }
        let cases: [(arguments: [String], environment: [String: String], says: String)] = [
            (["--tls-cert", certificates.certificateFile, "--tls-key", certificates.otherKeyFile], [:],
             "--tls-key \(certificates.otherKeyFile) is not the private key of --tls-cert \(certificates.certificateFile)"),
            (["--tls-cert", certificates.certificateFile], [:], "--tls-cert needs --tls-key (WAYBILL_TLS_KEY)"),
            ([], ["WAYBILL_TLS_KEY": certificates.keyFile], "--tls-key needs --tls-cert (WAYBILL_TLS_CERT)"),
            (["--tls-cert", certificates.path("missing.pem"), "--tls-key", certificates.keyFile], [:],
             "--tls-cert \(certificates.path("missing.pem")): no such file"),
            (["--tls-cert", certificates.keyFile, "--tls-key", certificates.keyFile], [:], "not a PEM certificate"),
            ([], ["WAYBILL_TLS_CERT": certificates.certificateFile, "WAYBILL_TLS_KEY": certificates.caFile], "not a PEM private key"),
        ]
        for (arguments, environment, says) in cases {
            let result = try serve(arguments, environment: environment)
            #expect(result.status != 0 && result.errors.contains(says), "\(arguments) \(environment): \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: certificates.path("waybill.sqlite")), "the server opened its database")
    }

    /// `/metrics` over HTTPS once `condition` holds of it, or after 15 s.
    static func metrics(of server: HTTPSWaybill, until condition: (String) -> Bool) async throws -> String {
        var page = ""
        _ = try await ServedWaybill.waitUntil(seconds: 15) {
            page = try server.curl(["/metrics"]).output
            return condition(page)
        }
        return page
    }
}
