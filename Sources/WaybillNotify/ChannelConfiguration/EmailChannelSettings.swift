import Foundation
import WaybillCore

/// A tenant's SMTP settings without the password (kept sealed beside them).
public struct EmailChannelSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var starttls: Bool
    /// Off only for tests or a server with a self-signed certificate.
    public var tlsVerify: Bool
    public var username: String?
    public var from: Mailbox

    public static let fields: Set<String> = ["host", "port", "starttls", "tls_verify", "username", "password", "from"]

    public init(host: String, port: Int, starttls: Bool, tlsVerify: Bool = true, username: String?, from: Mailbox) {
        self.host = host
        self.port = port
        self.starttls = starttls
        self.tlsVerify = tlsVerify
        self.username = username
        self.from = from
    }

    /// Reads and checks `{"host","port","starttls","tls_verify","username","from"}` (a `password`
    /// member is allowed and ignored here); errors name the field.
    public init(json: JSONValue) throws(ChannelSettingsError) {
        let reader = try SettingsReader(json)
        try reader.rejectUnknown(Self.fields)
        let host = try reader.string("host", maxLength: 253)!
        guard host.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "@") }) else {
            throw ChannelSettingsError(field: "host", "must be a host name or IP address; got \"\(host)\"")
        }
        let fromText = try reader.string("from", maxLength: 320)!
        guard let from = Mailbox(fromText) else {
            throw ChannelSettingsError(field: "from", "must be an email address, optionally with a name: \"Shop <shop@example.com>\"")
        }
        let username = try reader.string("username", required: false, maxLength: 320)
        if let username, username.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw ChannelSettingsError(field: "username", "must be a single line")
        }
        self.init(host: host, port: try reader.integer("port", in: 1...65535), starttls: try reader.bool("starttls", default: true),
                  tlsVerify: try reader.bool("tls_verify", default: true), username: username, from: from)
    }

    /// The settings as stored and returned by the API (never the password).
    public var json: JSONValue {
        .object([
            "host": .string(host), "port": .number(Double(port)), "starttls": .bool(starttls), "tls_verify": .bool(tlsVerify),
            "username": username.map(JSONValue.string) ?? .null, "from": .string(from.description),
        ])
    }

    public func configuration(password: String?, egress: EgressPolicy) -> SMTPConfiguration {
        SMTPConfiguration(host: host, port: port, starttls: starttls, tlsVerify: tlsVerify, username: username,
                          password: password, from: from, egress: egress)
    }
}
