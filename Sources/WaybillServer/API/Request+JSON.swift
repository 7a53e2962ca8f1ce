import Crypto
import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

extension Request {
    /// The whole body; 413 `payload_too_large` when it is longer than `limit` bytes.
    func bodyData(upTo limit: Int) async throws -> Data {
        do {
            return Data(try await body.collect(upTo: limit).readableBytesView)
        } catch {
            throw APIError(status: .contentTooLarge, code: "payload_too_large", message: "the body is larger than \(limit) bytes")
        }
    }

    /// The body, checked to be JSON of `shape`; the raw bytes are returned too.
    func json(_ shape: JSONShape, context: WaybillRequestContext) async throws -> (data: Data, value: JSONValue) {
        if let contentType = headers[.contentType]?.lowercased(), !contentType.contains("json") {
            throw APIError(status: .unsupportedMediaType, code: "unsupported_media_type",
                           message: "send the body as application/json; got \(contentType)")
        }
        let data = try await bodyData(upTo: context.maxUploadSize)
        guard !data.isEmpty else { throw APIError.badRequest("invalid_request", "a JSON body is required") }
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw APIError.badRequest("malformed_json", "the body is not valid JSON: \(Self.describe(error))",
                                      details: .object(["path": .string("$")]))
        }
        if let problem = shape.problem(in: value) { throw APIError.invalidField(problem) }
        return (data, value)
    }

    /// An integer query parameter within bounds, or the default.
    func queryInt(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = uri.queryParameters.get(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest("invalid_request", "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)",
                                      details: .object(["path": .string(name)]))
        }
        return value
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            if let underlying = context.underlyingError { return "\(underlying)" }
            return context.debugDescription
        }
        return "\(error)"
    }
}

/// `Idempotency-Key`: the first response to a key is kept and replayed for the same request;
/// the same key with a different request is refused.
struct Idempotency: Sendable {
    let store: any Store

    func respond(
        to request: Request, body: Data, principal: Principal,
        _ operation: () async throws -> (HTTPResponse.Status, JSONValue)
    ) async throws -> Response {
        guard let key = request.headers[.init("Idempotency-Key")!] else {
            let (status, json) = try await operation()
            return JSONResponse.make(status, json)
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
        let (status, json) = try await operation()
        let data = json.encoded()
        try await store.saveIdempotentResponse(
            tenantID: principal.tenantID, key: key,
            response: StoredResponse(requestHash: requestHash, statusCode: Int(status.code), body: String(decoding: data, as: UTF8.self)))
        return JSONResponse.make(status, data: data)
    }
}
