import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// `/v1/deliveries`: the delivery log (every message with its attempts) and replay.
struct DeliveryController: Sendable {
    let store: any Store

    static let replayShape = JSONShape.object([
        "ids": .init(shape: .nullable(.array(.string(maxLength: 64), maxCount: 1000)), required: false),
        "subscription_id": .init(shape: .nullable(.string(maxLength: 64)), required: false),
        "rule_id": .init(shape: .nullable(.string(maxLength: 64)), required: false),
        "since": .init(shape: .nullable(.timestamp), required: false),
        "until": .init(shape: .nullable(.timestamp), required: false),
        "state": .init(shape: .nullable(.oneOf([OutboundState.delivered.rawValue, OutboundState.dead.rawValue])), required: false),
    ])

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("deliveries", use: list)
        group.get("deliveries/:id", use: show)
        group.post("deliveries/replay", use: replay)
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let query = request.uri.queryParameters
        func time(_ name: String) throws -> Date? {
            guard let text = query.get(name) else { return nil }
            guard let parsed = Timestamp.parse(text) else {
                throw InvalidField(path: name, reason: "must be an RFC 3339 timestamp with offset; got \"\(text)\"")
            }
            return parsed.date
        }
        func oneOf<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
            guard let text = query.get(name) else { return nil }
            guard let value = T(rawValue: text) else {
                throw InvalidField(path: name, reason: "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")); got \"\(text)\"")
            }
            return value
        }
        let page = try await store.deliveries(DeliveryQuery(
            tenantID: principal.tenantID, state: try oneOf("state", OutboundState.self),
            channel: try oneOf("channel", OutboundMessage.Channel.self),
            targetID: query.get("subscription_id") ?? query.get("rule_id"), shipmentID: query.get("shipment_id"),
            eventType: query.get("event_type"), since: try time("since"), until: try time("until"), cursor: query.get("cursor"),
            limit: try request.queryInt("limit", default: 50, range: 1...200)))
        return JSONResponse.make(.ok, .object([
            "data": .array(page.items.map(Self.json)), "next_cursor": .string(page.nextCursor),
        ]))
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let id = try context.parameters.require("id")
        guard let entry = try await store.delivery(id: id, tenantID: principal.tenantID) else { throw APIError.notFound("delivery", id) }
        return JSONResponse.make(.ok, Self.json(entry))
    }

    /// Queues delivered or dead-lettered messages again, by id, by endpoint (subscription or
    /// rule) and/or by creation time range; they keep their id, so receivers can deduplicate.
    @Sendable func replay(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let (_, body) = try await request.json(Self.replayShape, context: context)
        let ids = body["ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let target = body["subscription_id"]?.stringValue ?? body["rule_id"]?.stringValue
        let since = body["since"]?.stringValue.flatMap(Timestamp.parse)?.date
        let until = body["until"]?.stringValue.flatMap(Timestamp.parse)?.date
        guard !ids.isEmpty || target != nil || since != nil || until != nil else {
            throw APIError.badRequest("invalid_request", "name what to replay: ids, subscription_id, rule_id, since or until",
                                      details: .object(["path": .string("$")]))
        }
        if let since, let until, since >= until { throw InvalidField(path: "until", reason: "must be after since") }
        let replayed = try await store.replayDeliveries(ReplaySelector(
            tenantID: principal.tenantID, ids: ids, targetID: target, since: since, until: until,
            state: body["state"]?.stringValue.flatMap(OutboundState.init(rawValue:))), actor: principal.actor)
        return JSONResponse.make(.accepted, .object([
            "replayed": .number(Double(replayed.count)), "ids": .array(replayed.map(JSONValue.string)),
        ]))
    }

    static func json(_ entry: DeliveryLogEntry) -> JSONValue {
        .object([
            "id": .string(entry.id),
            "channel": .string(entry.channel.rawValue),
            "subscription_id": entry.channel == .webhook ? .string(entry.targetID) : .null,
            "rule_id": entry.channel == .webhook ? .null : .string(entry.targetID),
            "shipment_id": .string(entry.shipmentID),
            "event_type": .string(entry.eventType),
            "sequence": .number(Double(entry.sequence)),
            "state": .string(entry.state.rawValue),
            "attempt_count": .number(Double(entry.attemptCount)),
            "next_attempt_at": .time(entry.nextAttemptAt),
            "last_status_code": entry.lastStatusCode.map { .number(Double($0)) } ?? .null,
            "last_error": .string(entry.lastError),
            "collapsed_count": .number(Double(entry.collapsedCount)),
            "created_at": .time(entry.createdAt),
            "delivered_at": .time(entry.deliveredAt),
            "attempts": .array(entry.attempts.map { attempt in
                .object([
                    "attempt": .number(Double(attempt.attempt)),
                    "started_at": .time(attempt.startedAt),
                    "status_code": attempt.statusCode.map { .number(Double($0)) } ?? .null,
                    "latency_ms": .number((attempt.latencyMilliseconds * 10).rounded() / 10),
                    "response_excerpt": .string(attempt.responseExcerpt),
                    "error": .string(attempt.error),
                    "outcome": .string(attempt.outcome),
                ])
            }),
        ])
    }
}
