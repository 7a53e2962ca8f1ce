import Foundation
import WaybillCore

/// A tenant's SMS provider settings without the auth token (kept sealed beside them).
public struct SMSChannelSettings: Sendable, Hashable {
    public var baseURL: String
    public var accountSID: String
    public var from: PhoneNumber
    public var maxSegments: Int

    public static let fields: Set<String> = ["base_url", "account_sid", "auth_token", "from", "max_segments"]
    public static let defaultMaxSegments = 3

    public init(baseURL: String, accountSID: String, from: PhoneNumber, maxSegments: Int = defaultMaxSegments) {
        self.baseURL = baseURL
        self.accountSID = accountSID
        self.from = from
        self.maxSegments = maxSegments
    }

    /// Reads and checks `{"base_url","account_sid","from","max_segments"}` (an `auth_token`
    /// member is allowed and ignored here); errors name the field.
    public init(json: JSONValue) throws(ChannelSettingsError) {
        let reader = try SettingsReader(json)
        try reader.rejectUnknown(Self.fields)
        let baseURL = try reader.string("base_url", maxLength: 2000)!
        guard let url = URLComponents(string: baseURL), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil else {
            throw ChannelSettingsError(field: "base_url", "must be an http(s) URL such as https://api.twilio.com; got \"\(baseURL)\"")
        }
        let sid = try reader.string("account_sid", maxLength: 100)!
        guard sid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw ChannelSettingsError(field: "account_sid", "must be letters and digits only")
        }
        self.init(baseURL: baseURL, accountSID: sid, from: try PhoneNumber.parse(try reader.string("from")!, field: "from"),
                  maxSegments: try reader.integer("max_segments", in: 1...10, default: Self.defaultMaxSegments))
    }

    public var json: JSONValue {
        .object([
            "base_url": .string(baseURL), "account_sid": .string(accountSID), "from": .string(from.e164),
            "max_segments": .number(Double(maxSegments)),
        ])
    }

    public func configuration(authToken: String) -> SMSConfiguration {
        SMSConfiguration(baseURL: baseURL, accountSID: accountSID, authToken: authToken, from: from, maxSegments: maxSegments)
    }
}
