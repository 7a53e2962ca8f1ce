import Foundation
import NIOSSL

/// The certificate and key `waybill serve --tls-cert --tls-key` presents, checked when loaded so
/// that a bad pair stops the server before it starts.
public struct ServerTLS: Sendable {
    /// The HSTS max-age browsers are told when none is configured: one year.
    public static let defaultHSTSMaxAge = 31_536_000

    public let certificateChain: [NIOSSLCertificate]
    public let privateKey: NIOSSLPrivateKey
    /// `Strict-Transport-Security: max-age=` of every response (`WAYBILL_HSTS_MAX_AGE_SECONDS`).
    public var hstsMaxAge: Int

    /// Reads and checks a PEM certificate chain (leaf first) and the PEM private key of its leaf.
    public static func load(certificateFile: String, keyFile: String,
                            hstsMaxAge: Int = defaultHSTSMaxAge) throws(TLSSetupError) -> ServerTLS {
        let certificateText = try read(certificateFile, as: .certificate)
        guard certificateText.contains("-----BEGIN CERTIFICATE-----"),
              let chain = try? NIOSSLCertificate.fromPEMBytes(Array(certificateText.utf8)), !chain.isEmpty else {
            throw .notPEM(.certificate, path: certificateFile)
        }
        let keyText = try read(keyFile, as: .key)
        if keyText.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || keyText.contains("Proc-Type: 4,ENCRYPTED") {
            throw .encryptedKey(path: keyFile)
        }
        guard keyText.contains("PRIVATE KEY-----"),
              let key = try? NIOSSLPrivateKey(bytes: Array(keyText.utf8), format: .pem) else {
            throw .notPEM(.key, path: keyFile)
        }
        let tls = ServerTLS(certificateChain: chain, privateKey: key, hstsMaxAge: hstsMaxAge)
        do {
            _ = try NIOSSLContext(configuration: tls.configuration)
        } catch NIOSSLError.failedToLoadPrivateKey {
            // Both parsed on their own: BoringSSL refuses a key that is not the leaf's.
            throw .keyDoesNotMatch(certificate: certificateFile, key: keyFile)
        } catch {
            throw .unusable(reason: "\(error)")
        }
        return tls
    }

    /// The server's TLS settings: TLS 1.2 and later (NIOSSL's server default still accepts 1.0);
    /// the HTTP/2 channel adds the ALPN protocols (h2, http/1.1).
    var configuration: TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificateChain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }

    /// The value of the `Strict-Transport-Security` header.
    var strictTransportSecurity: String { "max-age=\(hstsMaxAge)" }

    private static func read(_ path: String, as role: TLSSetupError.File) throws(TLSSetupError) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .missingFile(role, path: path) }
        guard !isFolder.boolValue else { throw .unreadable(role, path: path, reason: "a folder") }
        guard FileManager.default.isReadableFile(atPath: path),
              let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(role, path: path, reason: "permission denied")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Why the HTTPS settings cannot be used.
public enum TLSSetupError: Error, Equatable, CustomStringConvertible {
    public enum File: String, Sendable {
        case certificate = "--tls-cert"
        case key = "--tls-key"
    }

    /// One of the pair was given without the other.
    case incomplete(missing: File)
    case missingFile(File, path: String)
    case unreadable(File, path: String, reason: String)
    case notPEM(File, path: String)
    case encryptedKey(path: String)
    case keyDoesNotMatch(certificate: String, key: String)
    case invalidHSTSMaxAge(String)
    case unusable(reason: String)

    public var description: String {
        switch self {
        case .incomplete(let missing):
            let given: File = missing == .certificate ? .key : .certificate
            return "\(given.rawValue) needs \(missing.rawValue) (\(missing.variable)): HTTPS takes both or neither"
        case .missingFile(let file, let path): return "\(file.rawValue) \(path): no such file"
        case .unreadable(let file, let path, let reason): return "\(file.rawValue) \(path): cannot be read (\(reason))"
        case .notPEM(.certificate, let path): return "--tls-cert \(path): not a PEM certificate (-----BEGIN CERTIFICATE-----)"
        case .notPEM(.key, let path): return "--tls-key \(path): not a PEM private key (-----BEGIN PRIVATE KEY-----)"
        case .encryptedKey(let path): return "--tls-key \(path): the key is encrypted; give it without a passphrase"
        case .keyDoesNotMatch(let certificate, let key): return "--tls-key \(key) is not the private key of --tls-cert \(certificate)"
        case .invalidHSTSMaxAge(let text): return "WAYBILL_HSTS_MAX_AGE_SECONDS: \"\(text)\" is not a whole number of seconds"
        case .unusable(let reason): return "the TLS certificate and key cannot be used: \(reason)"
        }
    }
}

extension TLSSetupError.File {
    /// The environment variable that sets the file when the option is not given.
    public var variable: String { self == .certificate ? "WAYBILL_TLS_CERT" : "WAYBILL_TLS_KEY" }
}
