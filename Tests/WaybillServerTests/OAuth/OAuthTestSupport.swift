import Foundation
import Hummingbird
import Testing
import WaybillCore

/// An OAuth client as `POST /v1/oauth-clients` answered it.
struct CreatedClient: Sendable {
    var id: String
    var secret: String
}

extension APIClient {
    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// `POST /v1/oauth-clients` with `key`; fails the test unless it answers 201 with both values.
    func createClient(_ key: String, role: Role, name: String = "test") async throws -> CreatedClient {
        let response = try await send(.post, "/v1/oauth-clients", key: key, json: #"{"role":"\#(role.rawValue)","name":"\#(name)"}"#)
        #expect(response.status == 201, "\(String(decoding: response.body, as: UTF8.self))")
        let id = try #require(response.string("client_id"))
        let secret = try #require(response.string("client_secret"))
        return CreatedClient(id: id, secret: secret)
    }

    /// `POST /oauth/token` with `form` as the body, and HTTP Basic credentials when given (each
    /// form-url-encoded first, as RFC 6749 §2.3.1 asks).
    func tokenRequest(_ form: String, basic: (id: String, secret: String)? = nil) async throws -> APIResponse {
        var headers = Self.formHeaders
        if let basic {
            headers[.authorization] = "Basic " + Data("\(FormEncoding.encode(basic.id)):\(FormEncoding.encode(basic.secret))".utf8)
                .base64EncodedString()
        }
        return try await send(.post, "/oauth/token", json: form, headers: headers)
    }

    /// A token for `client` by form credentials; fails the test unless it is issued.
    func token(_ client: CreatedClient, scope: String? = nil) async throws -> String {
        var form = "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)"
        if let scope { form += "&scope=" + FormEncoding.encode(scope) }
        let response = try await tokenRequest(form)
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
        return try #require(response.string("access_token"))
    }
}

extension APIResponse {
    /// The RFC 6749 §5.2 error code of a token endpoint answer.
    var oauthError: String? { string("error") }
}

enum FormEncoding {
    /// application/x-www-form-urlencoded: everything but unreserved characters as %XX.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn:
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? text
    }
}

/// The parts of a compact JWS, decoded.
struct DecodedJWT {
    var header: JSONValue
    var claims: JSONValue
    var signingInput: Data
    var signature: Data

    init(_ token: String) throws {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 3)
        header = try JSONValue.parse(try #require(Self.base64URL(parts[0])))
        claims = try JSONValue.parse(try #require(Self.base64URL(parts[1])))
        signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        signature = try #require(Self.base64URL(parts[2]))
    }

    static func base64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
