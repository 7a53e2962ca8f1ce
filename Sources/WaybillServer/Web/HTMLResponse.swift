import Foundation
import Hummingbird
import NIOCore

/// Responses of the customer pages, with their security headers.
enum HTMLResponse {
    /// Where a page may be shown.
    enum Framing: Sendable {
        /// Never inside a frame.
        case deny
        /// Only inside pages of these origins (the tenant's `allowed_origins`).
        case origins([String])
    }

    static func contentSecurityPolicy(styleSource: String, framing: Framing, connect: String = "'self'") -> String {
        let ancestors: String
        switch framing {
        case .deny: ancestors = "'none'"
        case .origins(let origins): ancestors = origins.isEmpty ? "'none'" : origins.joined(separator: " ")
        }
        return "default-src 'none'; script-src 'self'; style-src \(styleSource); img-src 'self' https: data:; "
            + "connect-src \(connect); form-action 'self'; base-uri 'none'; frame-ancestors \(ancestors)"
    }

    static func make(_ status: HTTPResponse.Status, html: String, styleSource: String, framing: Framing = .deny,
                     etag: String? = nil, cacheControl: String = "no-cache", extra: HTTPFields = [:]) -> Response {
        make(status, html: ByteBuffer(string: html), styleSource: styleSource, framing: framing, etag: etag,
             cacheControl: cacheControl, extra: extra)
    }

    static func make(_ status: HTTPResponse.Status, html: ByteBuffer, styleSource: String, framing: Framing = .deny,
                     etag: String? = nil, cacheControl: String = "no-cache", extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = contentSecurityPolicy(styleSource: styleSource, framing: framing)
        headers[.xContentTypeOptions] = "nosniff"
        headers[.init("Referrer-Policy")!] = "no-referrer"
        headers[.cacheControl] = cacheControl
        if case .deny = framing { headers[.init("X-Frame-Options")!] = "DENY" }
        if let etag { headers[.eTag] = etag }
        return Response(status: status, headers: headers, body: .init(byteBuffer: html))
    }

    static func notModified(etag: String) -> Response {
        Response(status: .notModified, headers: [.eTag: etag, .cacheControl: "no-cache"])
    }

    /// Whether an `If-None-Match` header names `etag`.
    static func matches(_ request: Request, etag: String) -> Bool {
        guard let header = request.headers[.ifNoneMatch] else { return false }
        return header == "*" || header.split(separator: ",").contains { String($0).trimmed == etag }
    }
}
