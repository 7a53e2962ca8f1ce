import Crypto
import Foundation
import Hummingbird

/// Who may read `/metrics`: anyone when no token is configured (the operator keeps the port
/// private), else a request with `Authorization: Bearer <token>`, compared in constant time.
enum MetricsAccess {
    static func allows(_ request: Request, token: String?) -> Bool {
        guard let token, !token.isEmpty else { return true }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
        let offered = Data(SHA256.hash(data: Data(header.dropFirst("Bearer ".count).utf8)))
        let expected = Data(SHA256.hash(data: Data(token.utf8)))
        return offered.withUnsafeBytes { a in expected.withUnsafeBytes { b in
            zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        } }
    }
}
