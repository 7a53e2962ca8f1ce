import Foundation
import Hummingbird
import NIOCore

/// The outbound webhook subscriber of the cluster test, on loopback: records every delivery with
/// its `webhook-id` (the message id, the key a receiver drops repeats by) and answers 200 after
/// `delay`, so that deliveries are in flight whenever an instance is killed.
actor DeliveryLog {
    struct Delivery: Sendable {
        var id: String
        var body: String
    }

    private(set) var deliveries: [Delivery] = []

    func add(_ delivery: Delivery) { deliveries.append(delivery) }

    /// How many times each message id arrived.
    var countsByID: [String: Int] { deliveries.reduce(into: [:]) { $0[$1.id, default: 0] += 1 } }

    /// Whether every arrival of each id carried the same body.
    var repeatsAreIdentical: Bool {
        Dictionary(grouping: deliveries, by: \.id).values.allSatisfy { Set($0.map(\.body)).count == 1 }
    }

    nonisolated func router(delay: Duration) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            try await Task.sleep(for: delay)
            await self.add(Delivery(id: request.headers[.init("webhook-id")!] ?? "",
                                    body: String(buffer: body)))
            return .ok
        }
        return router
    }
}
