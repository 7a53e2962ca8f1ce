import Foundation
import Testing
import WaybillCarriers
import WaybillCore
import WaybillFeeds

/// What a real payload of `../shared/carrier-samples/realworld/` says, written by reading the
/// payload (never by copying Waybill's output). `note` explains a reading that is not obvious.
struct RealWorldCase: Sendable, CustomTestStringConvertible {
    /// Path under `realworld/`, e.g. `ups/track-v1-delivered-adrian-mi.json`.
    let file: String
    /// The adapter or file format expected to read it, by id.
    let format: String
    let outcome: Outcome
    let note: String?

    enum Outcome: Sendable {
        /// The body is read into these shipments; `notices` lists substrings of notice messages
        /// that must appear (an error answer, a repaired field).
        case shipments([Shipment], notices: [String] = [])
        /// A carrier's error or "not found" answer: no shipment, these notice kinds and texts.
        case notices([Notice])
        /// A carrier or format Waybill has no adapter for: `--carrier auto` must not mistake it
        /// for another carrier's format.
        case unsupported
    }

    struct Shipment: Sendable {
        let trackingNumber: String
        let status: String
        var substatus: String?? = .none
        var deliveredAt: String?? = .none
        var signedBy: String?? = .none
        /// Events oldest first, as `normalize` lists them.
        let events: [Event]
    }

    struct Event: Sendable {
        let status: String
        /// nil when the expectation does not check it; `.some(nil)` when it must be absent.
        var substatus: String?? = .none
        /// `...Z` when the instant is known, `.some(nil)` when it must be unknown.
        var occurredAt: String?? = .none
        var localTime: String?? = .none
        var reason: String?? = .none
    }

    struct Notice: Sendable {
        let kind: CarrierNotice.Kind
        let containing: String
    }

    init(_ file: String, _ format: String, _ outcome: Outcome, note: String? = nil) {
        self.file = file
        self.format = format
        self.outcome = outcome
        self.note = note
    }

    var testDescription: String { file }
}

/// Short builders so each expectation reads like the payload.
extension RealWorldCase.Event {
    /// An event with its status, instant (`nil` = unknown) and optionally substatus.
    static func e(_ status: String, _ occurredAt: String?, _ substatus: String?? = .none,
                  local: String?? = .none, reason: String?? = .none) -> Self {
        .init(status: status, substatus: substatus, occurredAt: .some(occurredAt), localTime: local, reason: reason)
    }
}
