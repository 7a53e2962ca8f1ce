import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1

/// Stands between the instances and the carrier simulator's DHL tracking API. Each instance
/// presents its own `DHL-API-Key`, so every poll is recorded with the instance that made it and
/// when it started and ended (the answer is held `delay` longer, so overlapping polls would show).
actor PollLog {
    struct Poll: Sendable {
        var instance: String
        var trackingNumber: String
        var start: ContinuousClock.Instant
        var end: ContinuousClock.Instant
    }

    private(set) var polls: [Poll] = []

    func add(_ poll: Poll) { polls.append(poll) }

    /// Pairs of polls of one shipment whose times overlap: two instances (or one, twice) at once.
    var overlaps: [(Poll, Poll)] {
        Dictionary(grouping: polls, by: \.trackingNumber).values.flatMap { polls -> [(Poll, Poll)] in
            let sorted = polls.sorted { $0.start < $1.start }
            return zip(sorted, sorted.dropFirst()).filter { $1.start < $0.end }
        }
    }

    var polledNumbers: Set<String> { Set(polls.map(\.trackingNumber)) }

    nonisolated func router(forwardingTo simulatorURL: String, delay: Duration) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("track/shipments") { request, _ -> Response in
            let start = ContinuousClock.now
            let key = request.headers[.init("DHL-API-Key")!] ?? ""
            var upstream = HTTPClientRequest(url: simulatorURL + request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))
            upstream.headers.add(name: "DHL-API-Key", value: key)
            let answer = try await HTTPClient.shared.execute(upstream, timeout: .seconds(10))
            let body = try await answer.body.collect(upTo: 1 << 22)
            try await Task.sleep(for: delay)
            await self.add(Poll(instance: key, trackingNumber: request.uri.queryParameters.get("trackingNumber") ?? "",
                                start: start, end: .now))
            var headers = HTTPFields()
            headers[.contentType] = answer.headers.first(name: "content-type") ?? "application/json"
            return Response(status: .init(code: Int(answer.status.code)), headers: headers, body: .init(byteBuffer: body))
        }
        return router
    }
}
