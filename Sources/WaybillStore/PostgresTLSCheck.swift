import Logging
import NIOSSL
import PostgresNIO

/// One connection made when a store opens with `sslmode` `require`, `verify-ca` or `verify-full`:
/// a certificate the client refuses, or a server without TLS, then stops the start with its
/// reason, where the connection pool would only report its circuit breaker a minute later.
/// Other failures (server down, wrong password) are left to the pool, as without TLS.
enum PostgresTLSCheck {
    static func run(_ settings: DatabaseURL.PostgresSettings, tls: TLSConfiguration, logger: Logger) async throws(StoreError) {
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw .invalidConfiguration("PostgreSQL TLS settings cannot be used: \(error)")
        }
        let configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.username, password: settings.password,
            database: settings.database, tls: .require(context))
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try? await connection.close()
        } catch let error as PSQLError where error.code == .sslUnsupported {
            throw .invalidConfiguration("PostgreSQL at \(settings.host):\(settings.port) does not offer TLS, "
                                        + "which sslmode=\(settings.sslMode.rawValue) requires")
        } catch let error as PSQLError where error.underlying.map(isTLSFailure) == true {
            throw .invalidConfiguration("PostgreSQL at \(settings.host):\(settings.port) (sslmode=\(settings.sslMode.rawValue)): "
                                        + reason(error.underlying, settings))
        } catch {
            logger.debug("TLS check could not connect; the pool retries", metadata: ["reason": "\(ErrorText.of(error))"])
        }
    }

    private static func isTLSFailure(_ error: any Error) -> Bool {
        error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError
    }

    private static func reason(_ error: (any Error)?, _ settings: DatabaseURL.PostgresSettings) -> String {
        let trusted = settings.sslRootCertificate.map { "a CA of sslrootcert=\($0)" } ?? "a CA the system trusts (sslrootcert=FILE names others)"
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname {
            return "the server's certificate does not name \(settings.host) (verify-ca does not check the name)"
        }
        if "\(error.map { "\($0)" } ?? "")".contains("CERTIFICATE_VERIFY_FAILED") {
            return "the server's certificate is not signed by \(trusted), or is expired"
        }
        return "the TLS handshake failed: \(error.map { "\($0)" } ?? "unknown error")"
    }
}
