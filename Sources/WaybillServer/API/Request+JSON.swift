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
            throw APIError.bodyTooLarge(limit: limit)
        }
    }

    /// The body decoded as a request type (whose `init(from:)` reads its fields with `RequestFields`);
    /// the raw bytes are returned too, for idempotency and raw payloads.
    func decode<Body: Decodable>(_ type: Body.Type, context: WaybillRequestContext) async throws -> (data: Data, value: Body) {
        let data = try await jsonData(context: context)
        return (data, try Self.decode(Body.self, from: data))
    }

    /// For a body that may be left out: nil when it is empty, else as `decode`.
    func decodeIfPresent<Body: Decodable>(_ type: Body.Type, context: WaybillRequestContext) async throws -> Body? {
        let data = try await jsonData(context: context, required: false)
        return data.isEmpty ? nil : try Self.decode(Body.self, from: data)
    }

    private static func decode<Body: Decodable>(_ type: Body.Type, from data: Data) throws -> Body {
        do {
            return try JSONDecoder().decode(Body.self, from: data)
        } catch DecodingError.dataCorrupted(let corruption) {
            // Wherever the decoder found it (a malformed number is only read when its field is), the body is not JSON.
            throw malformed(corruption)
        }
    }

    /// The body, checked to be JSON of `shape`; the raw bytes are returned too.
    func json(_ shape: JSONShape, context: WaybillRequestContext) async throws -> (data: Data, value: JSONValue) {
        let data = try await jsonData(context: context)
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch DecodingError.dataCorrupted(let corruption) {
            throw Self.malformed(corruption)
        }
        if let problem = shape.problem(in: value) { throw problem }
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

    /// A JSON body's bytes: the content type says JSON (or nothing), the body is within the upload limit and,
    /// when `required`, not empty.
    private func jsonData(context: WaybillRequestContext, required: Bool = true) async throws -> Data {
        if let contentType = headers[.contentType]?.lowercased(), !contentType.contains("json") {
            throw APIError(status: .unsupportedMediaType, code: "unsupported_media_type",
                           message: "send the body as application/json; got \(contentType)")
        }
        let data = try await bodyData(upTo: context.maxUploadSize)
        guard !data.isEmpty || !required else { throw APIError.badRequest("invalid_request", "a JSON body is required") }
        return data
    }

    private static func malformed(_ corruption: DecodingError.Context) -> APIError {
        let reason = corruption.underlyingError.map { "\($0)" } ?? corruption.debugDescription
        return APIError.badRequest("malformed_json", "the body is not valid JSON: \(reason)", details: .object(["path": .string("$")]))
    }
}
