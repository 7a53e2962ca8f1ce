import Foundation
import WaybillCore

/// Canada Post Get Tracking Details (`GET /vis/track/pin/{pin}/detail`, XML, carriers.md §10).
///
/// Scan times come with a zone abbreviation (`EST`, `EDT`, `PDT`, `HNE`...), turned into the
/// offset it names; without a known abbreviation the scan's province (or country) decides the
/// zone. Event identifiers are kept as sent ("0174") and looked up without their padding.
public struct CanadaPostAdapter: PayloadFormat {
    public let id = "canada_post"
    public let displayName = "Canada Post"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        try CanadaPostParser(adapter: self).parse(body)
    }

    public func sniff(_ body: Data) -> Double {
        let head = body.prefix(4096)
        func has(_ text: String) -> Bool { head.range(of: Data(text.utf8)) != nil }
        if has("<tracking-detail"), has("significant-events") || has("<pin>") { return 0.95 }
        if has("canadapost.ca/ws/track") { return 0.9 }
        if has("<messages"), has("canadapost.ca/ws/") { return 0.8 }
        return 0
    }
}
