import Foundation
import Hummingbird
import WaybillCore

/// The JSON control API under `/_simulator/`: shipments, clock, faults, tokens, webhooks, stats.
struct ControlRoutes: Sendable {
    let simulator: CarrierSimulator
    static let maximumBatch = 100_000

    func add(to router: Router<BasicRequestContext>) {
        let group = router.group("_simulator")
        group.post("shipments") { request, _ in try await handle { try await createShipments(request) } }
        group.get("shipments") { request, _ in
            let now = simulator.clock.now()
            let journeys = simulator.shipments.all(carrier: request.uri.queryParameters.get("carrier"))
            return SimulatedResponse(status: 200, json: .object([
                "now": .string(Timestamp.utcString(now)), "count": .number(Double(journeys.count)),
                "shipments": .array(journeys.map { JourneyJSON.summary($0, now: now) }),
            ])).response
        }
        group.get("shipments/:carrier/:number") { _, context in
            let carrier = context.parameters.get("carrier") ?? ""
            let number = context.parameters.get("number") ?? ""
            guard let journey = simulator.shipments.journey(carrier: carrier, trackingNumber: number) else {
                return SimulatedResponse.controlError(404, code: "not_found", message: "no simulated shipment \(carrier) \(number)").response
            }
            return SimulatedResponse(status: 200, json: JourneyJSON.detail(journey, now: simulator.clock.now())).response
        }
        group.get("clock") { _, _ in clockResponse().response }
        group.post("clock") { request, _ in try await handle { try await setClock(request) } }
        group.get("faults") { _, _ in
            SimulatedResponse(status: 200, json: .object(["faults": .array(simulator.faults.active().map(faultJSON))])).response
        }
        group.post("faults") { request, _ in try await handle { try await injectFault(request) } }
        group.delete("faults") { request, _ in
            simulator.faults.clear(carrier: request.uri.queryParameters.get("carrier"))
            return SimulatedResponse(status: 200, json: .object(["faults": .array([])])).response
        }
        group.post("tokens/expire") { request, _ in
            simulator.tokens.expireAll(carrier: request.uri.queryParameters.get("carrier"))
            return SimulatedResponse(status: 200, json: .object(["expired": .bool(true)])).response
        }
        group.get("stats") { _, _ in SimulatedResponse(status: 200, json: simulator.stats().json).response }
        group.get("webhooks") { _, _ in
            SimulatedResponse(status: 200, json: .object(["webhooks": .array(simulator.webhooks.all().map(webhookJSON))])).response
        }
        group.post("webhooks") { request, _ in try await handle { try await registerWebhook(request) } }
        group.delete("webhooks/:id") { _, context in
            let removed = simulator.webhooks.remove(id: context.parameters.get("id") ?? "")
            return removed ? Response(status: .noContent)
                : SimulatedResponse.controlError(404, code: "not_found", message: "no such webhook target").response
        }
    }

    /// Turns a `ControlError` into its 4xx answer.
    func handle(_ body: () async throws -> SimulatedResponse) async throws -> Response {
        do {
            return try await body().response
        } catch let error as ControlError {
            return SimulatedResponse.controlError(400, code: error.code, message: error.message).response
        }
    }

    func object(_ request: Request) async throws -> [String: JSONValue] {
        let data = try await request.bodyData()
        if data.isEmpty { return [:] }
        guard let json = try? JSONValue.parse(data), case .object(let fields) = json else {
            throw ControlError(code: "invalid_json", message: "the body must be a JSON object")
        }
        return fields
    }

    func createShipments(_ request: Request) async throws -> SimulatedResponse {
        let body = try await object(request)
        let carrier = try body.string("carrier")
        if let carrier, !SimulatedCarrier.all.contains(SimulatedCarrier.canonical(carrier)) {
            throw ControlError(code: "unsupported_carrier", message: "carrier must be one of \(SimulatedCarrier.all.joined(separator: ", "))")
        }
        let count = try body.integer("count") ?? 1
        guard (1...Self.maximumBatch).contains(count) else {
            throw ControlError(code: "invalid_count", message: "count must be between 1 and \(Self.maximumBatch)")
        }
        let number = try body.string("tracking_number")
        if number != nil && (count != 1 || carrier == nil) {
            throw ControlError(code: "invalid_request", message: "tracking_number needs a carrier and count 1")
        }
        let seed = try body.integer("seed").map { UInt64(truncatingIfNeeded: $0) }
        var start: Date?
        if let text = try body.string("start") {
            guard let parsed = Timestamp.parse(text) else { throw ControlError(code: "invalid_time", message: "start must be RFC 3339") }
            start = parsed.date
        }
        let spread = try body.number("spread_seconds") ?? 0
        let now = simulator.clock.now()
        if let lastMile = try body.string("last_mile_carrier") {
            guard let carrier, count == 1, number == nil, SimulatedCarrier.all.contains(SimulatedCarrier.canonical(lastMile)) else {
                throw ControlError(code: "invalid_request",
                                   message: "last_mile_carrier needs a carrier, count 1, no tracking_number, and one of \(SimulatedCarrier.all.joined(separator: ", "))")
            }
            guard let split = simulator.createHandedOverShipment(carrier: carrier, lastMileCarrier: lastMile, seed: seed, start: start ?? now)
            else { throw ControlError(code: "no_last_mile", message: "this seed's journey never reaches the last mile; try another seed") }
            return SimulatedResponse(status: 201, json: .object([
                "count": .number(2),
                "shipments": .array([JourneyJSON.detail(split.first, now: now), JourneyJSON.detail(split.lastMile, now: now)]),
            ]))
        }
        var created: [SimulatedJourney] = []
        for index in 0..<count {
            let carrier = carrier ?? SimulatedCarrier.all[index % SimulatedCarrier.all.count]
            let shipmentSeed = seed.map { $0 &+ UInt64(index) }
            var shipmentStart = start ?? now
            if spread > 0 {
                var random = SimulationRandom(seed: shipmentSeed ?? UInt64(index), salt: "spread")
                shipmentStart = shipmentStart.addingTimeInterval(-Double.random(in: 0...spread, using: &random))
            }
            created.append(simulator.createShipment(carrier: carrier, trackingNumber: number, seed: shipmentSeed, start: shipmentStart))
        }
        return SimulatedResponse(status: 201, json: .object([
            "count": .number(Double(created.count)),
            "shipments": .array(created.map { count == 1 ? JourneyJSON.detail($0, now: now) : JourneyJSON.summary($0, now: now) }),
        ]))
    }

    func clockResponse() -> SimulatedResponse {
        SimulatedResponse(status: 200, json: .object([
            "now": .string(Timestamp.utcString(simulator.clock.now())), "speed": .number(simulator.clock.speed),
        ]))
    }

    func setClock(_ request: Request) async throws -> SimulatedResponse {
        let body = try await object(request)
        if let text = try body.string("set") {
            guard let parsed = Timestamp.parse(text) else { throw ControlError(code: "invalid_time", message: "set must be RFC 3339") }
            simulator.clock.set(to: parsed.date)
        }
        if let seconds = try body.number("advance_seconds") {
            guard seconds >= 0 else { throw ControlError(code: "invalid_advance", message: "the clock only moves forward") }
            simulator.clock.advance(by: seconds)
        }
        if let speed = try body.number("speed") {
            guard speed >= 0 else { throw ControlError(code: "invalid_speed", message: "speed must be 0 or more") }
            simulator.clock.setSpeed(speed)
        }
        return clockResponse()
    }

    func injectFault(_ request: Request) async throws -> SimulatedResponse {
        let body = try await object(request)
        guard let carrier = try body.string("carrier"), SimulatedCarrier.all.contains(SimulatedCarrier.canonical(carrier)) else {
            throw ControlError(code: "unsupported_carrier", message: "carrier must be one of \(SimulatedCarrier.all.joined(separator: ", "))")
        }
        guard let name = try body.string("fault"), let kind = FaultKind(rawValue: name) else {
            throw ControlError(code: "unsupported_fault",
                               message: "fault must be one of \(FaultKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let count = try body.integer("count")
        let seconds = try body.number("for_seconds")
        if let count, count < 1 { throw ControlError(code: "invalid_count", message: "count must be at least 1") }
        if let seconds, seconds <= 0 { throw ControlError(code: "invalid_duration", message: "for_seconds must be positive") }
        let rule = FaultRule(carrier: carrier, kind: kind, count: count, until: seconds.map { Date().addingTimeInterval($0) })
        simulator.faults.inject(rule)
        return SimulatedResponse(status: 201, json: faultJSON(rule))
    }

    func faultJSON(_ rule: FaultRule) -> JSONValue {
        .object([
            "carrier": .string(rule.carrier), "fault": .string(rule.kind.rawValue),
            "remaining": rule.remaining.map { .number(Double($0)) } ?? .null,
            "until": rule.until.map { .string(Timestamp.utcString($0)) } ?? .null,
        ])
    }

    func registerWebhook(_ request: Request) async throws -> SimulatedResponse {
        let body = try await object(request)
        guard let carrier = try body.string("carrier"), let url = try body.string("url") else {
            throw ControlError(code: "invalid_request", message: "carrier and url are required")
        }
        do {
            let credential = try body.string("credential") ?? body.string("secret")
            let target = try simulator.registerWebhook(carrier: carrier, url: url, credential: credential,
                                                       includeHistory: try body.bool("include_history") ?? false)
            return SimulatedResponse(status: 201, json: webhookJSON(target))
        } catch let error as WebhookRegistrationError {
            throw ControlError(code: "invalid_webhook", message: error.description)
        }
    }

    func webhookJSON(_ target: WebhookTarget) -> JSONValue {
        .object(["id": .string(target.id), "carrier": .string(target.carrier), "url": .string(target.url)])
    }
}

struct ControlError: Error {
    var code: String
    var message: String
}

extension [String: JSONValue] {
    func string(_ key: String) throws -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw ControlError(code: "invalid_field", message: "\(key) must be a string")
        }
    }

    func number(_ key: String) throws -> Double? {
        switch self[key] {
        case nil, .null?: return nil
        case .number(let value)?: return value
        default: throw ControlError(code: "invalid_field", message: "\(key) must be a number")
        }
    }

    func integer(_ key: String) throws -> Int? {
        guard let value = try number(key) else { return nil }
        guard value.rounded() == value, abs(value) < 9e15 else {
            throw ControlError(code: "invalid_field", message: "\(key) must be an integer")
        }
        return Int(value)
    }

    func bool(_ key: String) throws -> Bool? {
        switch self[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw ControlError(code: "invalid_field", message: "\(key) must be true or false")
        }
    }
}
