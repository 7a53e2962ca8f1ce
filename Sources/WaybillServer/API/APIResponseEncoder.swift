import Hummingbird
import WaybillCore

/// Writes the response types (`ResponseEncodable`) as every JSON answer of the API is written:
/// through `JSONValue(encoding:)`, so absent values are null and keys sorted.
struct APIResponseEncoder: ResponseEncoder {
    func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        try JSONResponse.make(.ok, encoding: value)
    }
}
