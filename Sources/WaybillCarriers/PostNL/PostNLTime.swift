import Foundation
import WaybillCore

/// PostNL times are Dutch wall-clock times without a zone (carriers.md §1): `26-03-2021 15:06:53`
/// (sometimes with `.SSS`) in events and statuses, ISO `2021-02-26T12:57:15` in
/// `updatedshipments` and expectations. They are resolved in Europe/Amsterdam, PostNL's zone,
/// through the Netherlands' entry in the zone tables.
enum PostNLTime {
    static let home = Location(country: "NL")

    /// `dd-MM-yyyy HH:mm:ss[.SSS]` or ISO local.
    static func local(_ text: String) -> LocalDateTime? {
        if let iso = LocalDateTime(parsing: text) { return iso }
        let chars = Array(text.utf8)
        guard chars.count >= 10, chars[2] == UInt8(ascii: "-"), chars[5] == UInt8(ascii: "-") else { return nil }
        let day = String(decoding: chars[0..<2], as: UTF8.self)
        let month = String(decoding: chars[3..<5], as: UTF8.self)
        let rest = String(decoding: chars[6...], as: UTF8.self)
        let year = String(rest.prefix(4))
        let time = rest.dropFirst(4)
        return LocalDateTime(parsing: "\(year)-\(month)-\(day)" + time.replacingOccurrences(of: " ", with: "T"))
    }

    static func resolve(_ text: String?) -> ZoneResolver.Resolved? {
        guard let text, let local = local(text) else { return nil }
        return ZoneResolver.resolve(local: local, location: home)
    }

    static func carrierTime(_ text: String?) -> CarrierTime? {
        guard let resolved = resolve(text) else { return nil }
        return CarrierTime(instant: resolved.occurredAt, local: resolved.localTime, offset: resolved.utcOffset,
                           zoneSource: resolved.zoneSource)
    }
}
