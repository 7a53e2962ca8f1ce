import Crypto
import Foundation
import Hummingbird
import WaybillCore

/// A support console session: a random id in an HttpOnly cookie, stored hashed with an expiry,
/// and a CSRF token derived from the id for the forms the cookie authenticates.
struct SupportSession: Sendable {
    static let cookieName = "wb_support"
    static let lifetime: TimeInterval = 8 * 3600
    private static let prefix = "wbs_"

    /// The cookie value; never stored.
    let secret: String

    static func generate() -> SupportSession {
        SupportSession(secret: prefix + SecretToken.make(bytes: 32))
    }

    /// The session in the request's cookie, when it has the shape of one.
    init?(cookies: String?) {
        guard let cookies else { return nil }
        for part in cookies.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, String(pair[0]).trimmed == Self.cookieName else { continue }
            let value = String(pair[1]).trimmed
            guard value.hasPrefix(Self.prefix), value.count < 100,
                  value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
            self.init(secret: value)
            return
        }
        return nil
    }

    private init(secret: String) {
        self.secret = secret
    }

    /// What the store keeps: the id alone gives nothing back.
    var idHash: String { APIKeyMaterial.hash(of: secret) }

    /// The hidden field of every form this session authenticates: another site cannot read it,
    /// so it cannot forge the form.
    var csrfToken: String { Hex.encode(SHA256.hash(data: Data("csrf:\(secret)".utf8))) }

    func setCookie(secure: Bool) -> String {
        "\(Self.cookieName)=\(secret); Path=/support; HttpOnly; SameSite=Strict; Max-Age=\(Int(Self.lifetime))\(secure ? "; Secure" : "")"
    }

    static func clearCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=/support; HttpOnly; SameSite=Strict; Max-Age=0\(secure ? "; Secure" : "")"
    }
}

/// Whether a browser's form post comes from this server's own pages: its `Origin` is the public
/// base URL's or the requested host's. A request without `Origin` is not from a browser's
/// cross-site form (browsers send it on every POST) and passes.
enum SameOrigin {
    static func allows(_ request: Request, publicBaseURL: String) -> Bool {
        guard let origin = request.headers[.origin]?.lowercased() else { return true }
        if let own = Self.origin(of: publicBaseURL), origin == own { return true }
        guard let host = request.head.authority?.lowercased() else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    /// `scheme://host[:port]` of a URL, lower case.
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased() else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}
