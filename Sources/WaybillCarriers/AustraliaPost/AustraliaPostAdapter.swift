import Foundation
import WaybillCore

/// Australia Post Shipping & Tracking (`GET /shipping/v1/track?tracking_ids=...`, carriers.md §11).
///
/// Events carry no codes: the mapping is keyed by Australia Post's texts, and texts it does not
/// know are classified by the phrase tables. Dates come with the scan's offset
/// ("2021-02-03T08:08:00+11:00"), which is used as given. The legacy `QueryTrackEventsResponse`
/// body is read too (`AustraliaPostLegacy.swift`).
public struct AustraliaPostAdapter: PayloadFormat {
    public let id = "australia_post"
    public let displayName = "Australia Post"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        try AustraliaPostParser(adapter: self).parse(body)
    }

    public func sniff(_ body: Data) -> Double {
        let head = body.prefix(4096)
        func has(_ text: String) -> Bool { head.range(of: Data(text.utf8)) != nil }
        if has("\"tracking_results\""), has("\"trackable_items\"") || has("\"tracking_id\"") { return 0.95 }
        if has("TOO_MANY_AP_TRACKING_IDS") || has("ESB-100") { return 0.8 }
        if has("\"QueryTrackEventsResponse\"") { return 0.95 }
        return 0
    }
}
