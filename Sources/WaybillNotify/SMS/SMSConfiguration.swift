import Foundation
import NIOCore

/// A Twilio-compatible SMS provider account.
public struct SMSConfiguration: Sendable {
    /// e.g. `https://api.twilio.com`; the request goes to `{base}/2010-04-01/Accounts/{sid}/Messages.json`.
    public var baseURL: String
    public var accountSID: String
    public var authToken: String
    public var from: PhoneNumber
    /// Longer texts are cut at a word boundary to fit this many messages.
    public var maxSegments: Int
    public var timeout: TimeAmount

    public init(baseURL: String, accountSID: String, authToken: String, from: PhoneNumber, maxSegments: Int = 3,
                timeout: TimeAmount = .seconds(30)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.accountSID = accountSID
        self.authToken = authToken
        self.from = from
        self.maxSegments = maxSegments
        self.timeout = timeout
    }

    public var messagesURL: String {
        let sid = accountSID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? accountSID
        return "\(baseURL)/2010-04-01/Accounts/\(sid)/Messages.json"
    }
}
