import Foundation
import WaybillCore

/// DHL Unified timestamps come as `2018-03-02T07:53:47` (local, no zone: the usual case),
/// with an offset, with `Z`, or as a date alone (carriers.md §1).
enum DHLTime {
    static func resolve(_ text: String?, location: Location?) -> ZoneResolver.Resolved {
        guard let text = CarrierText.clean(text) else {
            return ZoneResolver.resolve(local: nil)
        }
        if let (instant, offset) = Timestamp.parseLenient(text) {
            let local = LocalDateTime(instant: instant, offset: offset)
            if text.hasSuffix("Z") || text.hasSuffix("z") {
                return ZoneResolver.resolve(local: local, utc: instant)
            }
            return ZoneResolver.resolve(local: local, offset: offset)
        }
        return ZoneResolver.resolve(local: LocalDateTime(parsing: text), location: location)
    }

    /// An estimate: a midnight value is DHL's way of giving a date, so it stays a date.
    static func estimate(_ text: String?, location: Location?) -> CarrierTime? {
        let resolved = resolve(text, location: location)
        guard let local = resolved.localTime else {
            return resolved.occurredAt.map { CarrierTime(instant: $0, local: nil, offset: nil, zoneSource: resolved.zoneSource) }
        }
        if let time = local.time, time.hour == 0, time.minute == 0, time.second == 0, time.millisecond == 0 {
            return CarrierTime(instant: nil, local: local.date, offset: nil, zoneSource: .unknown)
        }
        return CarrierTime(instant: resolved.occurredAt, local: local, offset: resolved.utcOffset, zoneSource: resolved.zoneSource)
    }
}
