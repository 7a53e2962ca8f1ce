import Foundation
import Hummingbird
import WaybillCore

extension HTTPFields {
    typealias Name = HTTPFields.Element.Name
}

extension SimulatedResponse {
    var response: Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        for (name, value) in headers {
            guard let field = HTTPFields.Name(name) else { continue }
            fields[field] = value
        }
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A control API error: `{"error":{"code","message","details"}}`.
    static func controlError(_ status: Int, code: String, message: String, details: JSONValue = .object([:])) -> SimulatedResponse {
        SimulatedResponse(status: status, json: .object([
            "error": .object(["code": .string(code), "message": .string(message), "details": details]),
        ]))
    }
}

extension Request {
    func header(_ name: String) -> String? {
        HTTPFields.Name(name).flatMap { headers[$0] }
    }

    func bodyData(limit: Int = 1 << 20) async throws -> Data {
        let buffer = try await body.collect(upTo: limit)
        return Data(buffer.readableBytesView)
    }
}

/// OAuth client-credentials parameters from a form or JSON body and an optional Basic header.
struct ClientCredentials {
    var grantType: String?
    var clientID: String?
    var clientSecret: String?

    init(body: Data, contentType: String?, authorization: String?) {
        var fields: [String: String] = [:]
        if contentType?.lowercased().includes("json") == true, let json = try? JSONValue.parse(body), case .object(let object) = json {
            for (key, value) in object { if let text = value.stringValue { fields[key] = text } }
        } else {
            for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
                }
                if parts.count == 2 { fields[parts[0]] = parts[1] }
            }
        }
        grantType = fields["grant_type"]
        clientID = fields["client_id"]
        clientSecret = fields["client_secret"]
        if let authorization, authorization.lowercased().hasPrefix("basic "),
           let decoded = Data(base64Encoded: String(authorization.dropFirst(6)).trimmed).map({ String(decoding: $0, as: UTF8.self) }),
           let colon = decoded.firstIndex(of: ":") {
            clientID = clientID ?? String(decoded[..<colon])
            clientSecret = clientSecret ?? String(decoded[decoded.index(after: colon)...])
        }
    }

    var isValid: Bool {
        grantType == "client_credentials" && !(clientID ?? "").isEmpty && !(clientSecret ?? "").isEmpty
    }
}
