import Foundation
@testable import WaybillCore

/// The instant of an RFC 3339 timestamp written into a test; a typo in a fixture stops the run.
func instant(_ text: String) -> Date {
    guard let parsed = Timestamp.parse(text) else { preconditionFailure("not an RFC 3339 timestamp: \(text)") }
    return parsed.date
}

/// A wall-clock time or date written into a test.
func local(_ text: String) -> LocalDateTime {
    guard let value = LocalDateTime(parsing: text) else { preconditionFailure("not a local time: \(text)") }
    return value
}

/// A carrier event for tests. `at` is an RFC 3339 timestamp (instant and offset);
/// `local` is a wall-clock time or date given without a zone.
func event(
    _ status: ShipmentStatus,
    _ substatus: Substatus? = nil,
    at timestamp: String? = nil,
    local localText: String? = nil,
    sequence: Int = 0,
    informational: Bool = false,
    signedBy: String? = nil,
    location: Location? = nil
) -> CanonicalEvent {
    var parsed: (date: Date, offset: UTCOffset)?
    if let timestamp {
        guard let value = Timestamp.parse(timestamp) else { preconditionFailure("not an RFC 3339 timestamp: \(timestamp)") }
        parsed = value
    }
    return CanonicalEvent(
        status: status,
        substatus: substatus,
        occurredAt: parsed?.date,
        localTime: localText.map(local),
        utcOffset: parsed?.offset,
        zoneSource: parsed == nil ? .unknown : .carrierOffset,
        location: location,
        sequence: sequence,
        isInformational: informational,
        signedBy: signedBy
    )
}
