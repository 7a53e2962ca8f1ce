import Foundation
import NIOSSL

/// libpq's `sslmode`: whether a PostgreSQL connection is encrypted, and what of the server's
/// certificate is verified.
public enum PostgresSSLMode: String, Sendable, Hashable, CaseIterable {
    /// Plain text.
    case disable
    /// libpq tries plain text first; here it behaves as `prefer` (postgres-nio has no plain-first mode).
    case allow
    /// TLS when the server offers it, else plain text; the certificate is not verified.
    case prefer
    /// TLS or no connection; the certificate is not verified unless `sslrootcert` is given (then as `verify-ca`).
    case require
    /// TLS with a certificate signed by a trusted CA; the host name is not checked.
    case verifyCA = "verify-ca"
    /// TLS with a certificate signed by a trusted CA and naming the host connected to.
    case verifyFull = "verify-full"
}

/// How the client negotiates TLS with PostgreSQL.
struct PostgresTLSNegotiation {
    /// No connection without TLS (else plain text when the server does not offer it).
    let required: Bool
    /// The client's verification and trust roots.
    let configuration: TLSConfiguration
}

extension DatabaseURL.PostgresSettings {
    /// How the client negotiates TLS; nil for plain text. Reads `sslrootcert` once, here.
    func tlsNegotiation() throws(StoreError) -> PostgresTLSNegotiation? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = switch sslMode {
        case .disable, .allow, .prefer: .none
        case .require: sslRootCertificate == nil ? .none : .noHostnameVerification
        case .verifyCA: .noHostnameVerification
        case .verifyFull: .fullVerification
        }
        if let sslRootCertificate, configuration.certificateVerification != .none {
            configuration.trustRoots = .certificates(try Self.certificates(sslRootCertificate))
        }
        switch sslMode {
        case .disable: return nil
        case .allow, .prefer: return PostgresTLSNegotiation(required: false, configuration: configuration)
        case .require, .verifyCA, .verifyFull: return PostgresTLSNegotiation(required: true, configuration: configuration)
        }
    }

    private static func certificates(_ path: String) throws(StoreError) -> [NIOSSLCertificate] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .invalidConfiguration("sslrootcert=\(path): no such file, or not readable")
        }
        guard let certificates = try? NIOSSLCertificate.fromPEMFile(path), !certificates.isEmpty else {
            throw .invalidConfiguration("sslrootcert=\(path): not PEM certificates (-----BEGIN CERTIFICATE-----)")
        }
        return certificates
    }
}
