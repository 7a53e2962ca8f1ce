import Crypto
import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// `Idempotency-Key`: the first response to a key is kept and replayed for the same request;
/// the same key with a different request is refused.
struct Idempotency: Sendable {
    let store: any Store

    func respond<Body: Encodable>(
        to request: Request, body: Data, principal: Principal,
        _ operation: () async throws -> (HTTPResponse.Status, Body)
    ) async throws -> Response {
        guard let key = request.headers[.init("Idempotency-Key")!] else {
            let (status, body) = try await operation()
            return try JSONResponse.make(status, encoding: body)
        }
        guard (1...255).contains(key.count) else {
            throw APIError.badRequest("invalid_request", "Idempotency-Key must be 1 to 255 characters")
        }
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.uri.path)\n".utf8))
        hasher.update(data: body)
        let requestHash = Hex.encode(hasher.finalize())
        if let stored = try await store.idempotentResponse(tenantID: principal.tenantID, key: key) {
            guard stored.requestHash == requestHash else {
                throw APIError(status: .unprocessableContent, code: "idempotency_key_reused",
                               message: "this Idempotency-Key was used for a different request")
            }
            return JSONResponse.make(HTTPResponse.Status(code: stored.statusCode), data: Data(stored.body.utf8),
                                     headers: [.init("Idempotent-Replayed")!: "true"])
        }
        let (status, answer) = try await operation()
        let data = try JSONValue(encoding: answer).encoded()
        try await store.saveIdempotentResponse(
            tenantID: principal.tenantID, key: key,
            response: StoredResponse(requestHash: requestHash, statusCode: Int(status.code), body: String(decoding: data, as: UTF8.self)))
        return JSONResponse.make(status, data: data)
    }
}
