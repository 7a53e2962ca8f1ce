import Hummingbird
import NIOCore
import Logging
import WaybillCore

/// Who is calling: the tenant and role of the API key that authenticated the request.
struct Principal: Sendable {
    var tenantID: String
    var keyID: String
    var role: Role

    /// Name recorded in the audit log.
    var actor: String { "api_key:\(keyID)" }
}

struct WaybillRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    var principal: Principal?
    var requestID: String = ""
    /// The peer's address (lookup rate limits are per client).
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    var maxUploadSize: Int { 2 * 1024 * 1024 }
    var responseEncoder: APIResponseEncoder { APIResponseEncoder() }

    /// The authenticated caller, after checking it may do `permission`.
    func require(_ permission: Permission) throws -> Principal {
        guard let principal else { throw APIError.unauthorized }
        guard principal.role.allows(permission) else { throw APIError.forbidden(permission.rawValue) }
        return principal
    }
}
