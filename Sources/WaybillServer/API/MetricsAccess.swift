import Hummingbird

/// Who may read `/metrics`: anyone when no token is configured (the operator keeps the port
/// private), else a request with `Authorization: Bearer <token>`.
enum MetricsAccess {
    static func allows(_ request: Request, token: String?) -> Bool {
        guard let token, !token.isEmpty else { return true }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
        return SecretComparison.equal(String(header.dropFirst("Bearer ".count)), token)
    }
}
