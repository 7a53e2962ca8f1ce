import Foundation
import WaybillCore

/// A carrier's answer before it goes on the wire.
struct SimulatedResponse: Sendable {
    var status: Int
    var contentType: String = "application/json"
    var headers: [String: String] = [:]
    var body: Data

    init(status: Int, contentType: String = "application/json", headers: [String: String] = [:], body: Data) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    init(status: Int, contentType: String = "application/json", headers: [String: String] = [:], json: JSONValue) {
        self.init(status: status, contentType: contentType, headers: headers, body: json.encoded())
    }
}

/// What the carrier knows about one number at the simulated now.
enum TrackedNumber: Sendable {
    /// The journey and its steps as the carrier will list them (oldest first, after any fault).
    case found(SimulatedJourney, steps: [SimulatedStep])
    case notFound(String)
}

/// A step's time the way carriers print it: the local wall clock at the scan site, its offset,
/// and UTC.
struct StepTime {
    let local: LocalDateTime
    let offsetSeconds: Int
    let instant: Date

    init(_ instant: Date, at location: Location) {
        self.instant = instant
        offsetSeconds = SimulatedPlace.offsetSeconds(of: location, at: instant)
        local = LocalDateTime(instant: instant, offset: UTCOffset(seconds: offsetSeconds))
    }

    init(_ step: SimulatedStep) { self.init(step.at, at: step.location) }

    /// `2024-11-21T14:15:07`
    var localISO: String { local.description }
    /// `2024-11-21T14:15:07-06:00`
    var offsetISO: String { Timestamp.string(instant, offsetSeconds: offsetSeconds) }
    /// `-06:00`
    var offset: String { UTCOffset(seconds: offsetSeconds).description }
    /// `20241121`
    var compactDate: String { Self.compactDate(local) }
    /// `141507`
    var compactTime: String { Self.compactTime(local) }
    /// `2024-11-21`
    var isoDate: String { local.date.description }

    var utc: LocalDateTime { LocalDateTime(instant: instant, offset: UTCOffset(seconds: 0)) }

    static func compactDate(_ local: LocalDateTime) -> String {
        "\(pad(local.year, 4))\(pad(local.month, 2))\(pad(local.day, 2))"
    }

    static func compactTime(_ local: LocalDateTime) -> String {
        let time = local.time ?? .init(hour: 0, minute: 0)
        return "\(pad(time.hour, 2))\(pad(time.minute, 2))\(pad(time.second, 2))"
    }

    static func colonTime(_ local: LocalDateTime) -> String {
        let time = local.time ?? .init(hour: 0, minute: 0)
        return "\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2))"
    }
}

/// `value` with leading zeros to `width` digits.
func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
