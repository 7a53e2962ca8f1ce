import Foundation
import WaybillCore

/// The instant of an RFC 3339 timestamp written into a test.
public func utc(_ text: String) -> Date {
    guard let parsed = Timestamp.parse(text) else { preconditionFailure("not an RFC 3339 timestamp: \(text)") }
    return parsed.date
}
