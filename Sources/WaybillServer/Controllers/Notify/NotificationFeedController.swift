import Foundation
import Hummingbird
import NIOCore
import WaybillCore
import WaybillStore

/// The in-app feed for support tools: `GET /v1/notifications` (newest first, paginated) and
/// `GET /v1/notifications/stream`, server-sent events of new items (resumable with
/// `Last-Event-ID` or `?after=`). The stream reads the feed table, so it sees items delivered
/// by any instance.
struct NotificationFeedController: Sendable {
    let store: any Store
    let limits: StreamLimits
    static let pollInterval: Duration = .milliseconds(500)
    static let heartbeatInterval: Duration = .seconds(15)

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("notifications", use: list)
        group.get("notifications/stream", use: stream)
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> PageResponse<FeedItemResponse> {
        let principal = try context.require(.readOrders)
        let page = try await store.notificationFeed(tenantID: principal.tenantID, cursor: request.uri.queryParameters.get("cursor"),
                                                    limit: try request.queryInt("limit", default: 50, range: 1...200))
        return PageResponse(data: page.items.map(FeedItemResponse.init), nextCursor: page.nextCursor)
    }

    /// `max_events` ends the stream after that many items (for scripts); otherwise it runs
    /// until the client goes away.
    @Sendable func stream(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.readOrders)
        let store = self.store
        let start = request.headers[.init("Last-Event-ID")!] ?? request.uri.queryParameters.get("after").map { String($0) }
        let maxEvents = try request.queryInt("max_events", default: 0, range: 0...100_000)
        let limits = self.limits
        let body = ResponseBody { writer in
            var last = start
            var sent = 0
            var quiet: Duration = .zero
            let opened = ContinuousClock.now
            var keyCheckedAt = opened
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
            while !Task.isCancelled {
                // A stream is as good as its key: checked again while it runs, and it ends after a
                // while anyway (the client reconnects with Last-Event-ID and is authenticated anew).
                if ContinuousClock.now - opened >= limits.maxLifetime { break }
                if ContinuousClock.now - keyCheckedAt >= limits.keyCheckInterval {
                    keyCheckedAt = .now
                    let live = try await Self.isLive(principal, store: store)
                    guard live else {
                        try await writer.write(ByteBuffer(string: "event: revoked\ndata: {}\n\n"))
                        break
                    }
                }
                let items = try await store.notificationFeed(tenantID: principal.tenantID, afterID: last, limit: 100)
                for item in items {
                    let data = String(decoding: try JSONValue(encoding: FeedItemResponse(item)).encoded(), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: "id: \(item.id)\nevent: notification\ndata: \(data)\n\n"))
                    last = item.id
                    sent += 1
                    if maxEvents > 0, sent >= maxEvents {
                        try await writer.finish(nil)
                        return
                    }
                }
                if last == nil { last = "" }
                if items.isEmpty {
                    quiet += Self.pollInterval
                    if quiet >= Self.heartbeatInterval {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        quiet = .zero
                    }
                    try await Task.sleep(for: Self.pollInterval)
                } else {
                    quiet = .zero
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    /// Whether the stream's credential still works: its API key is not revoked; its OAuth client is
    /// not deleted and its access token has not expired.
    static func isLive(_ principal: Principal, store: any Store) async throws -> Bool {
        switch principal.credential {
        case .apiKey:
            return try await store.apiKeys(tenantID: principal.tenantID).contains { $0.id == principal.keyID && $0.revokedAt == nil }
        case .oauthClient(let expiresAt):
            guard Date() < expiresAt else { return false }
            return try await store.liveOAuthClient(id: principal.keyID)?.client.tenantID == principal.tenantID
        }
    }
}
