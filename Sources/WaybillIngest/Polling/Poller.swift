import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import NIOCore
import NIOHTTP1
import WaybillCarriers
import WaybillCore
import WaybillStore

/// Polls one leased shipment: asks its carrier (auth, rate limit, breaker, conditional request),
/// stores the answer as a `poll` raw payload with its events through the pipeline, and schedules
/// the next check with the policy.
public struct Poller: Sendable {
    let pipeline: IngestPipeline
    let client: HTTPClient
    let configuration: PollingConfiguration
    let connections: [String: CarrierConnection]
    public let owner: String
    let logger: Logger
    let now: @Sendable () -> Date

    /// One carrier's adapter, endpoint, gate and token cache.
    public struct CarrierConnection: Sendable {
        public let adapter: any CarrierAdapter
        public let endpoint: CarrierEndpoint
        public let gate: CarrierGate
        public let tokens: OAuthTokenCache?
    }

    public init(pipeline: IngestPipeline, client: HTTPClient, configuration: PollingConfiguration, owner: String,
                logger: Logger, now: @escaping @Sendable () -> Date = Date.init) {
        self.pipeline = pipeline
        self.client = client
        self.configuration = configuration
        self.owner = owner
        self.logger = logger
        self.now = now
        var connections: [String: CarrierConnection] = [:]
        for endpoint in configuration.carriers {
            guard let adapter = CarrierRegistry.adapter(id: endpoint.carrier) else { continue }
            var tokens: OAuthTokenCache?
            if case .oauth2ClientCredentials(let path) = adapter.auth, let id = endpoint.clientID, let secret = endpoint.clientSecret {
                tokens = OAuthTokenCache(tokenURL: CarrierConfiguration(baseURL: endpoint.baseURL).baseURL + path, clientID: id,
                                         clientSecret: secret, client: client, timeout: configuration.requestTimeout, now: now)
            }
            connections[endpoint.carrier] = CarrierConnection(
                adapter: adapter, endpoint: endpoint,
                gate: CarrierGate(ratePerSecond: endpoint.ratePerSecond, burst: endpoint.burst,
                                  failureThreshold: configuration.breakerThreshold, coolDown: configuration.breakerCoolDown, now: now()),
                tokens: tokens)
        }
        self.connections = connections
    }

    public var carriers: [String] { connections.keys.sorted() }

    public func connection(_ carrier: String) -> CarrierConnection? { connections[carrier] }

    /// Polls a shipment leased to this poller's owner and records the result; returns the outcome.
    @discardableResult
    public func poll(_ target: PollTarget) async throws -> PollOutcome {
        let outcome = try await pollOnce(target)
        Counter(label: "waybill_polls_total", dimensions: [("carrier", target.carrier), ("outcome", outcome.rawValue)]).increment()
        return outcome
    }

    private func pollOnce(_ target: PollTarget) async throws -> PollOutcome {
        guard let connection = connections[target.carrier] else {
            try await reschedule(target, checkedAt: nil, outcome: .skipped, at: now().addingTimeInterval(3600))
            return .skipped
        }
        switch await connection.gate.admit(now: now()) {
        case .blocked(let until):
            let at = until.addingTimeInterval(Backoff.fullJitter(attempt: 1, base: 30, cap: 30))
            try await reschedule(target, checkedAt: nil, outcome: .skipped, at: at)
            return .skipped
        case .proceed(let wait):
            if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
        }
        let exchange: Exchange
        do {
            exchange = try await call(connection, target: target)
        } catch {
            return try await failed(target, connection: connection, reason: "\(error)")
        }
        switch exchange.status {
        case 304:
            await connection.gate.recordSuccess()
            return try await settle(target, outcome: .notModified, observed: nil)
        case 429:
            let delay = Backoff.retryAfter(exchange.headers.first(name: "Retry-After"), now: now())
                ?? Backoff.fullJitter(attempt: target.state.consecutiveFailures + 1, base: configuration.backoffBase, cap: configuration.backoffCap)
            await connection.gate.pause(until: now().addingTimeInterval(delay))
            var state = target.state
            state.consecutiveFailures += 1
            state.outcome = .rateLimited
            state.nextCheckAt = now().addingTimeInterval(delay + Backoff.fullJitter(attempt: 1, base: 5, cap: 5))
            try await record(target, checkedAt: now(), state: state)
            return .rateLimited
        case 200..<300, 404:
            // Carriers answer "not found" with 200 or 404 and a body; the adapter reads either.
            return try await ingest(exchange, target: target, connection: connection)
        default:
            return try await failed(target, connection: connection, reason: "the carrier answered \(exchange.status)")
        }
    }

    // MARK: Steps

    struct Exchange {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
    }

    private func call(_ connection: CarrierConnection, target: PollTarget) async throws -> Exchange {
        var token = try await connection.tokens?.accessToken()
        if case .oauth2ClientCredentials = connection.adapter.auth, connection.tokens == nil {
            throw PollError.missingCredentials(carrier: target.carrier)
        }
        var exchange = try await send(connection, target: target, token: token)
        if exchange.status == 401, let tokens = connection.tokens {
            // The token was revoked or expired early: one retry with a fresh one.
            token = try await tokens.accessToken(invalidating: token)
            exchange = try await send(connection, target: target, token: token)
        }
        return exchange
    }

    private func send(_ connection: CarrierConnection, target: PollTarget, token: String?) async throws -> Exchange {
        let carrierRequest = connection.adapter.trackingRequest(
            for: [target.trackingNumber], configuration: connection.endpoint.configuration(accessToken: token))
        var request = HTTPClientRequest(url: carrierRequest.url)
        request.method = HTTPMethod(rawValue: carrierRequest.method)
        for (name, value) in carrierRequest.headers { request.headers.replaceOrAdd(name: name, value: value) }
        switch connection.adapter.auth {
        case .oauth2ClientCredentials:
            if let token { request.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)") }
        case .apiKeyHeader(let name):
            if let key = connection.endpoint.apiKey, request.headers[name].allSatisfy(\.isEmpty) {
                request.headers.replaceOrAdd(name: name, value: key)
            }
        case .basic, .inBody, .none:
            break
        }
        if let etag = target.state.etag { request.headers.replaceOrAdd(name: "If-None-Match", value: etag) }
        if let modified = target.state.lastModified { request.headers.replaceOrAdd(name: "If-Modified-Since", value: modified) }
        if let body = carrierRequest.body { request.body = .bytes(ByteBuffer(data: body)) }
        let response = try await client.execute(request, timeout: .init(configuration.requestTimeout))
        let body = try await response.body.collect(upTo: 8 << 20)
        return Exchange(status: Int(response.status.code), headers: response.headers, body: Data(buffer: body))
    }

    private func ingest(_ exchange: Exchange, target: PollTarget, connection: CarrierConnection) async throws -> PollOutcome {
        let adapter = connection.adapter
        let raw = NewRawPayload(source: .poll, carrier: target.carrier,
                                contentType: exchange.headers.first(name: "Content-Type") ?? "application/octet-stream",
                                body: exchange.body, receivedAt: now())
        let result: CarrierParseResult
        do {
            result = try adapter.parse(exchange.body)
        } catch {
            // Kept as received, marked failed for `reprocess`; the call counts as a failure.
            let outcome = try await pipeline.ingest(IngestBatch(tenantID: target.tenantID, raw: raw, events: [], actor: "poll:\(target.carrier)"))
            try await pipeline.store.markRawPayloadFailed(id: outcome.rawPayloadID, tenantID: target.tenantID, reason: error.description)
            return try await failed(target, connection: connection, reason: error.description)
        }
        await connection.gate.recordSuccess()
        let number = TrackingNumber.normalize(target.trackingNumber)
        let matching = result.shipments.filter { TrackingNumber.normalize($0.trackingNumber) == number }
        let parsed = matching.isEmpty && result.shipments.count == 1 ? result.shipments : matching
        let events = parsed.flatMap(\.events).map { IngestBatch.ShipmentEvent(shipmentID: target.shipmentID, event: $0) }
        if let estimate = parsed.last?.resolvedEstimate {
            try await pipeline.store.recordEstimate(estimate, shipmentID: target.shipmentID, tenantID: target.tenantID)
        }
        let outcome = try await pipeline.ingest(IngestBatch(tenantID: target.tenantID, raw: raw, events: events, actor: "poll:\(target.carrier)"))
        var target = target
        var state = target.state
        state.etag = exchange.headers.first(name: "ETag") ?? state.etag
        state.lastModified = exchange.headers.first(name: "Last-Modified") ?? state.lastModified
        target.state = state
        let saidNotFound = result.notices.contains { $0.kind == .notFound } || exchange.status == 404
        if events.isEmpty && saidNotFound {
            var notFound = target
            notFound.state.consecutiveNotFound += 1
            return try await settle(notFound, outcome: .notFound, observed: nil)
        }
        var cleared = target
        cleared.state.consecutiveNotFound = 0
        return try await settle(cleared, outcome: outcome.insertedEventIDs.isEmpty ? .unchanged : .changed,
                                observed: parsed.first)
    }

    private func failed(_ target: PollTarget, connection: CarrierConnection, reason: String) async throws -> PollOutcome {
        await connection.gate.recordFailure(now: now())
        var state = target.state
        state.consecutiveFailures += 1
        state.outcome = .failed
        state.nextCheckAt = now().addingTimeInterval(Backoff.fullJitter(
            attempt: state.consecutiveFailures, base: configuration.backoffBase, cap: configuration.backoffCap))
        logger.warning("poll failed", metadata: [
            "carrier": "\(target.carrier)", "shipment": "\(target.shipmentID)", "failures": "\(state.consecutiveFailures)",
            "reason": "\(reason)"])
        try await record(target, checkedAt: now(), state: state)
        return .failed
    }

    /// A call that answered: schedule the next check from what the shipment now looks like.
    private func settle(_ target: PollTarget, outcome: PollOutcome, observed: ParsedShipment?) async throws -> PollOutcome {
        let current = try await pipeline.store.shipment(id: target.shipmentID, tenantID: target.tenantID)
        var observation = PollingPolicy.Observation(target: target, shipment: current, parsed: observed)
        observation.consecutiveNotFound = target.state.consecutiveNotFound
        let decision = configuration.policy.decide(observation, now: now())
        var state = target.state
        state.outcome = outcome
        state.consecutiveFailures = 0
        switch decision {
        case .check(let at, _): state.nextCheckAt = at
        case .finish: state.state = .finished; state.nextCheckAt = nil
        case .giveUpNotFound: state.state = .notFound; state.nextCheckAt = nil
        }
        try await record(target, checkedAt: now(), state: state)
        return outcome
    }

    private func reschedule(_ target: PollTarget, checkedAt: Date?, outcome: PollOutcome, at: Date) async throws {
        var state = target.state
        state.outcome = outcome
        state.nextCheckAt = at
        try await record(target, checkedAt: checkedAt, state: state)
    }

    private func record(_ target: PollTarget, checkedAt: Date?, state: PollingState) async throws {
        let kept = try await pipeline.store.recordPoll(
            PollRecord(shipmentID: target.shipmentID, tenantID: target.tenantID, checkedAt: checkedAt, state: state), owner: owner)
        if !kept {
            logger.notice("poll lease lost before recording", metadata: ["shipment": "\(target.shipmentID)"])
        }
    }
}

extension PollingPolicy.Observation {
    /// What a poller knows after a call: the stored shipment, refined by the carrier's latest answer.
    init(target: PollTarget, shipment: Shipment?, parsed: ParsedShipment?) {
        let status = shipment?.status ?? target.status
        let latestWithOffset = parsed?.events.filter { $0.utcOffset != nil }.max { ($0.occurredAt ?? .distantPast) < ($1.occurredAt ?? .distantPast) }
        let offset = latestWithOffset?.utcOffset ?? target.lastEventUTCOffset
        var etaEarliest = shipment?.estimatedDelivery?.earliest ?? target.etaEarliest
        var etaLatest = shipment?.estimatedDelivery?.latest ?? target.etaLatest
        if let estimate = parsed?.estimatedDelivery {
            etaEarliest = estimate.earliest.resolved(fallbackOffset: offset) ?? etaEarliest
            etaLatest = estimate.latest?.resolved(fallbackOffset: offset) ?? etaLatest
        }
        let lastEventAt = shipment?.lastEventAt ?? target.lastEventAt
        self.init(status: status, substatus: shipment?.substatus ?? target.substatus, etaEarliest: etaEarliest, etaLatest: etaLatest,
                  lastEventAt: lastEventAt, utcOffset: offset,
                  terminalSince: status.isTerminal ? (shipment?.deliveredAt ?? target.deliveredAt ?? lastEventAt) : nil,
                  registeredAt: target.createdAt, consecutiveNotFound: target.state.consecutiveNotFound,
                  hasWebhookSource: target.hasWebhookEndpoint, lastWebhookEventAt: target.lastWebhookEventAt)
    }
}

extension CarrierTime {
    /// The instant, or the local time (midnight for a date) at the known offset.
    func resolved(fallbackOffset: UTCOffset?) -> Date? {
        if let instant { return instant }
        guard let local else { return nil }
        return local.instant(atOffset: offset ?? fallbackOffset ?? UTCOffset(seconds: 0))
    }
}
