import Foundation
import WaybillCore

/// Facts shared by the carrier formats.
enum FormatSupport {
    /// The signer of a signed delivery (stable per number).
    static func signer(of trackingNumber: String) -> String {
        let names = ["MORALES", "J SMITH", "OKAFOR", "NGUYEN", "K MUELLER", "GARCIA", "PATEL", "R JOHNSON"]
        let sum = trackingNumber.utf8.reduce(0) { $0 + Int($1) }
        return names[sum % names.count]
    }

    /// The first estimate the journey showed, and the current one, as of the visible steps.
    static func estimates(_ steps: [SimulatedStep]) -> (first: Date?, current: Date?) {
        let ordered = steps.sorted { $0.at < $1.at }
        return (ordered.lazy.compactMap(\.estimatedDelivery).first, ordered.last?.estimatedDelivery)
    }

    static func isDelivered(_ steps: [SimulatedStep]) -> Bool {
        steps.contains { $0.status == .delivered }
    }

    /// The step that decides the shipment's current status (the newest by time).
    static func latest(_ steps: [SimulatedStep]) -> SimulatedStep? {
        steps.max { $0.at < $1.at }
    }

    /// A body that is not JSON any more: the real answer cut in the middle plus line noise.
    static func garble(_ body: Data) -> Data {
        var cut = Data(body.prefix(max(1, body.count / 2)))
        cut.append(Data("\u{0}\u{1}<html><body>upstream reset</body>".utf8))
        return cut
    }
}
