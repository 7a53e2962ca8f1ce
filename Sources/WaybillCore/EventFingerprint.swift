import Crypto
import Foundation

/// An event's identity: the shipment, the instant (or the local time when no instant is known),
/// the normalized status and substatus, and the location; never the raw code or text. The same
/// scan reported by a webhook, a poll, an aggregator and a file therefore has one fingerprint.
public enum EventFingerprint {
    public static func make(shipmentID: String, event: CanonicalEvent) -> String {
        let when: String
        if let instant = event.occurredAt {
            // Whole seconds: feeds disagree about sub-second precision of the same scan.
            when = "i:" + String(Int64(instant.timeIntervalSince1970.rounded(.down)))
        } else if let local = event.localTime {
            when = "l:" + local.description
        } else {
            when = "n:" + String(event.sequence)
        }
        // A location with nothing that names a place (all fields blank, or coordinates only) is
        // no location: feeds and the store differ on whether they keep such a value or nil.
        let place = event.location?.normalizedKey ?? ""
        let parts = [
            "v1", shipmentID, when, event.status.rawValue, event.substatus?.rawValue ?? "",
            place.allSatisfy { $0 == "|" } ? "" : place,
        ]
        let digest = SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8))
        return Hex.encode(digest)
    }
}
