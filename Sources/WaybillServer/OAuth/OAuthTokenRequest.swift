import Foundation
import Hummingbird
import WaybillCore

/// A token request (RFC 6749 §4.4.2) as sent: the form's parameters and the client's credentials,
/// from HTTP Basic (§2.3.1) or from `client_id`/`client_secret` in the form, never both.
struct OAuthTokenRequest: Sendable {
    static let maxBodySize = 8 * 1024

    var grantType: String?
    var scope: String?
    var clientID: String
    var clientSecret: String
    var usedBasic: Bool

    static func read(_ request: Request, context: WaybillRequestContext) async throws(OAuthError) -> OAuthTokenRequest {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw .invalidRequest("send the parameters as application/x-www-form-urlencoded")
        }
        let body: Data
        do {
            body = try await request.bodyData(upTo: maxBodySize)
        } catch {
            throw .invalidRequest("the body is longer than \(maxBodySize) bytes")
        }
        let form = try FormBody.parse(String(decoding: body, as: UTF8.self))
        let basic = try request.headers[.authorization].map(basicCredentials)
        let formID = form["client_id"], formSecret = form["client_secret"]
        let clientID: String, clientSecret: String
        if let basic {
            guard formID == nil, formSecret == nil else {
                throw .invalidRequest("use one client authentication: HTTP Basic or client_id and client_secret in the body, not both")
            }
            (clientID, clientSecret) = basic
        } else {
            guard let formID, let formSecret else {
                throw OAuthError(status: .unauthorized, code: "invalid_client",
                                 description: "authenticate the client with HTTP Basic or client_id and client_secret in the body")
            }
            (clientID, clientSecret) = (formID, formSecret)
        }
        return OAuthTokenRequest(grantType: form["grant_type"], scope: form["scope"], clientID: clientID,
                                 clientSecret: clientSecret, usedBasic: basic != nil)
    }

    /// `Basic base64(urlencoded(id) ":" urlencoded(secret))`; nil for a header of another scheme
    /// (which is refused), `invalid_client` for a Basic header that does not decode.
    private static func basicCredentials(_ header: String) throws(OAuthError) -> (String, String) {
        guard header.lowercased().hasPrefix("basic ") else {
            throw .invalidRequest("the token endpoint takes HTTP Basic client authentication, not \(header.prefix(while: { $0 != " " }).prefix(20))")
        }
        let encoded = header.dropFirst("basic ".count).trimmed
        guard let decoded = Data(base64Encoded: encoded).flatMap({ String(data: $0, encoding: .utf8) }),
              let colon = decoded.firstIndex(of: ":"),
              let id = FormBody.decode(decoded[..<colon]), let secret = FormBody.decode(decoded[decoded.index(after: colon)...]) else {
            throw .invalidClient(usedBasic: true)
        }
        return (id, secret)
    }
}

/// An `application/x-www-form-urlencoded` body: `+` is a space, `%XX` a byte; a parameter given
/// twice is refused (RFC 6749 §3.2).
enum FormBody {
    static func parse(_ text: String) throws(OAuthError) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw .invalidRequest("the body is not valid application/x-www-form-urlencoded")
            }
            guard fields[name] == nil else { throw .invalidRequest("\(name.prefix(40)) is given more than once") }
            fields[name] = value
        }
        return fields
    }

    static func decode(_ text: some StringProtocol) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
