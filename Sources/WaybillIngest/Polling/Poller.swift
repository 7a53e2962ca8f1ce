import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import NIOCore
import NIOHTTP1
import WaybillCarriers
import WaybillCore
import WaybillStore
import Tracing

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
    let rules: RoutingRuleCache

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
        self.rules = RoutingRuleCache(store: pipeline.store)
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

    /// Whether an aggregator's API is configured, so shipments of a failing carrier can still be
    /// read through it where a tenant's routing rule says so.
    public var hasAggregatorFallback: Bool { connections.keys.contains(where: CarrierFeeds.aggregators.contains) }

    /// Polls a shipment leased to this poller's owner and records the result; returns the outcome.
    @discardableResult
    public func poll(_ target: PollTarget) async throws -> PollOutcome {
        let outcome = try await withSpan("carrier.poll", ofKind: .client) { span in
            span.attributes["waybill.carrier"] = target.carrier
            span.attributes["waybill.shipment_id"] = target.shipmentID
            let outcome = try await pollOnce(target)
            span.attributes["waybill.poll.outcome"] = outcome.rawValue
            return outcome
        }
        Counter(label: "waybill_polls_total", dimensions: [("carrier", MetricLabels.carrier(target.carrier)), ("outcome", outcome.rawValue)])
            .increment()
        return outcome
    }

    private func pollOnce(_ target: PollTarget) async throws -> PollOutcome {
        guard let connection = connections[target.carrier] else {
            try await reschedule(target, checkedAt: nil, outcome: .skipped, at: now().addingTimeInterval(3600))
            return .skipped
        }
        let rule = try await rules.rule(for: target.carrier, tenantID: target.tenantID, now: now())
        if let later = deferral(of: target, under: rule) {
            try await reschedule(target, checkedAt: nil, outcome: .skipped, at: later)
            return .skipped
        }
        switch await connection.gate.admit(now: now()) {
        case .blocked(let until):
            var held = target
            held.state.outcome = .skipped
            held.state.nextCheckAt = until.addingTimeInterval(Backoff.fullJitter(attempt: 1, base: 30, cap: 30))
            if let aggregator = fallback(under: rule) {
                return try await pollThroughAggregator(held, aggregator: aggregator, rule: rule)
            }
            try await record(held, checkedAt: nil, state: held.state)
            return .skipped
        case .proceed(let wait):
            if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
        }
        let exchange: Exchange
        do {
            exchange = try await call(connection, target: target)
        } catch {
            return try await failed(target, connection: connection, reason: "\(error)", rule: rule)
        }
        switch exchange.status {
        case 304:
            await connection.gate.recordSuccess()
            return try await settle(target, outcome: .notModified, observed: nil, rule: rule)
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
            return try await ingest(exchange, target: target, connection: connection, rule: rule)
        default:
            return try await failed(target, connection: connection, reason: "the carrier answered \(exchange.status)", rule: rule)
        }
    }

    /// When the tenant's rule says not to call the carrier now, when to look again.
    private func deferral(of target: PollTarget, under rule: RoutingRule) -> Date? {
        switch rule.poll {
        case .always:
            return nil
        case .never:
            // Looked at again daily, so that a changed rule takes effect.
            return now().addingTimeInterval(24 * 3600)
        case .whenWebhookSilent:
            guard target.hasWebhookEndpoint else { return nil }
            let silentSince = target.lastWebhookEventAt ?? target.createdAt
            let due = silentSince.addingTimeInterval(rule.webhookSilenceAfter.timeInterval)
            return due > now() ? due : nil
        }
    }

    /// The aggregator to ask while the carrier's API is failing, when the rule names one that is configured.
    private func fallback(under rule: RoutingRule) -> CarrierConnection? {
        rule.fallbackAggregator.flatMap { connections[$0] }
    }

    // MARK: Steps

    struct Exchange {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
    }

    /// Asks `connection` about the target's number; `conditional` sends the target's validators
    /// (they are the target carrier's, so never to an aggregator).
    private func call(_ connection: CarrierConnection, target: PollTarget, conditional: Bool = true) async throws -> Exchange {
        var validators: [(String, String)] = []
        if conditional, let etag = target.state.etag { validators.append(("If-None-Match", etag)) }
        if conditional, let modified = target.state.lastModified { validators.append(("If-Modified-Since", modified)) }
        return try await send(on: connection, headers: validators) { configuration in
            connection.adapter.trackingRequest(for: [target.trackingNumber], configuration: configuration)
        }
    }

    /// Sends what `build` makes of the connection's configuration, with its credentials: an OAuth
    /// token (fetched, cached, and fetched afresh once on a 401) or the API key header.
    func send(on connection: CarrierConnection, headers extra: [(String, String)] = [],
              _ build: (CarrierConfiguration) -> CarrierRequest) async throws -> Exchange {
        if case .oauth2ClientCredentials = connection.adapter.auth, connection.tokens == nil {
            throw PollError.missingCredentials(carrier: connection.endpoint.carrier)
        }
        var token = try await connection.tokens?.accessToken()
        var exchange = try await send(build(connection.endpoint.configuration(accessToken: token)), on: connection, token: token,
                                      headers: extra)
        if exchange.status == 401, let tokens = connection.tokens {
            // The token was revoked or expired early: one retry with a fresh one.
            token = try await tokens.accessToken(invalidating: token)
            exchange = try await send(build(connection.endpoint.configuration(accessToken: token)), on: connection, token: token,
                                      headers: extra)
        }
        return exchange
    }

    private func send(_ carrierRequest: CarrierRequest, on connection: CarrierConnection, token: String?,
                      headers extra: [(String, String)]) async throws -> Exchange {
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
        for (name, value) in extra { request.headers.replaceOrAdd(name: name, value: value) }
        if let body = carrierRequest.body { request.body = .bytes(ByteBuffer(data: body)) }
        let response = try await client.execute(request, timeout: .init(configuration.requestTimeout))
        let body = try await response.body.collect(upTo: 8 << 20)
        return Exchange(status: Int(response.status.code), headers: response.headers, body: Data(buffer: body))
    }

    private func ingest(_ exchange: Exchange, target: PollTarget, connection: CarrierConnection,
                        rule: RoutingRule) async throws -> PollOutcome {
        let adapter = connection.adapter
        let raw = NewRawPayload(source: .poll, carrier: target.carrier,
                                contentType: exchange.headers.first(name: "Content-Type") ?? "application/octet-stream",
                                body: exchange.body, receivedAt: now())
        let result: CarrierParseResult
        do {
            result = try adapter.read(exchange.body, reportedAt: raw.receivedAt)
        } catch {
            // Kept as received, marked failed for `reprocess`; the call counts as a failure.
            let outcome = try await pipeline.ingest(IngestBatch(tenantID: target.tenantID, raw: raw, events: [], actor: "poll:\(target.carrier)"))
            try await pipeline.store.markRawPayloadFailed(id: outcome.rawPayloadID, tenantID: target.tenantID, reason: error.description)
            return try await failed(target, connection: connection, reason: error.description, rule: rule)
        }
        await connection.gate.recordSuccess()
        let parsed = result.shipments(about: target.trackingNumber)
        let (events, outcome) = try await store(parsed, raw: raw, target: target, actor: "poll:\(target.carrier)")
        var target = target
        var state = target.state
        state.etag = exchange.headers.first(name: "ETag") ?? state.etag
        state.lastModified = exchange.headers.first(name: "Last-Modified") ?? state.lastModified
        target.state = state
        let saidNotFound = result.notices.contains { $0.kind == .notFound } || exchange.status == 404
        if events.isEmpty && saidNotFound {
            var notFound = target
            notFound.state.consecutiveNotFound += 1
            return try await settle(notFound, outcome: .notFound, observed: nil, rule: rule)
        }
        var cleared = target
        cleared.state.consecutiveNotFound = 0
        return try await settle(cleared, outcome: outcome.insertedEventIDs.isEmpty ? .unchanged : .changed,
                                observed: parsed.first, rule: rule)
    }

    /// Stores what a carrier or an aggregator said about the target: its events on the target's
    /// shipment (each with the carrier that scanned it), the estimate, and any hand-over it names.
    private func store(_ parsed: [ParsedShipment], raw: NewRawPayload, target: PollTarget,
                       actor: String) async throws -> ([IngestBatch.ShipmentEvent], IngestOutcome) {
        let resolver = ShipmentResolver(store: pipeline.store)
        var events: [IngestBatch.ShipmentEvent] = []
        var estimates: [String: DeliveryEstimate] = [:]
        for shipment in parsed {
            let resolved = try await resolver.resolve(shipment, onShipment: target.shipmentID, tenantID: target.tenantID)
            events += resolved.events
            estimates.merge(resolved.estimates) { $1 }
        }
        let outcome = try await pipeline.ingest(IngestBatch(tenantID: target.tenantID, raw: raw, events: events, actor: actor,
                                                            estimates: estimates))
        return (events, outcome)
    }

    private func failed(_ target: PollTarget, connection: CarrierConnection, reason: String,
                        rule: RoutingRule) async throws -> PollOutcome {
        await connection.gate.recordFailure(now: now())
        var failing = target
        failing.state.consecutiveFailures += 1
        failing.state.outcome = .failed
        failing.state.nextCheckAt = now().addingTimeInterval(Backoff.fullJitter(
            attempt: failing.state.consecutiveFailures, base: configuration.backoffBase, cap: configuration.backoffCap))
        logger.warning("poll failed", metadata: [
            "carrier": "\(target.carrier)", "shipment": "\(target.shipmentID)", "failures": "\(failing.state.consecutiveFailures)",
            "reason": "\(reason)"])
        if failing.state.consecutiveFailures >= rule.fallbackAfterFailures, let aggregator = fallback(under: rule) {
            return try await pollThroughAggregator(failing, aggregator: aggregator, rule: rule)
        }
        try await record(target, checkedAt: now(), state: failing.state)
        return .failed
    }

    /// The carrier's API is failing: read the shipment through the aggregator the tenant's rule
    /// names. `target` carries the carrier's failed (or skipped) state, which is recorded when the
    /// aggregator cannot help either; its failure count stays either way, so the carrier is tried
    /// again once its breaker lets a call through.
    private func pollThroughAggregator(_ target: PollTarget, aggregator: CarrierConnection,
                                       rule: RoutingRule) async throws -> PollOutcome {
        let id = aggregator.endpoint.carrier
        guard case .proceed(let wait) = await aggregator.gate.admit(now: now()) else {
            try await record(target, checkedAt: nil, state: target.state)
            return target.state.outcome ?? .skipped
        }
        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
        let exchange: Exchange
        let result: CarrierParseResult
        do {
            exchange = try await call(aggregator, target: target, conditional: false)
            guard (200..<300).contains(exchange.status) else { throw PollError.http(status: exchange.status) }
            result = try aggregator.adapter.read(exchange.body, reportedAt: now())
        } catch {
            await aggregator.gate.recordFailure(now: now())
            logger.warning("aggregator fallback failed", metadata: [
                "carrier": "\(target.carrier)", "aggregator": "\(id)", "shipment": "\(target.shipmentID)", "reason": "\(error)"])
            try await record(target, checkedAt: now(), state: target.state)
            return target.state.outcome ?? .failed
        }
        await aggregator.gate.recordSuccess()
        Counter(label: "waybill_fallback_polls_total",
                dimensions: [("carrier", MetricLabels.carrier(target.carrier)), ("aggregator", MetricLabels.carrier(id))]).increment()
        let raw = NewRawPayload(source: .poll, carrier: id, contentType: exchange.headers.first(name: "Content-Type") ?? "application/json",
                                body: exchange.body, receivedAt: now())
        let parsed = result.shipments(about: target.trackingNumber)
        let (_, outcome) = try await store(parsed, raw: raw, target: target, actor: "poll:\(id)")
        return try await settle(target, outcome: outcome.insertedEventIDs.isEmpty ? .unchanged : .changed,
                                observed: parsed.first, rule: rule, keepingFailures: true)
    }

    /// A call that answered: schedule the next check from what the shipment now looks like.
    private func settle(_ target: PollTarget, outcome: PollOutcome, observed: ParsedShipment?, rule: RoutingRule,
                        keepingFailures: Bool = false) async throws -> PollOutcome {
        let current = try await pipeline.store.shipment(id: target.shipmentID, tenantID: target.tenantID)
        var observation = PollingPolicy.Observation(target: target, shipment: current, parsed: observed)
        observation.consecutiveNotFound = target.state.consecutiveNotFound
        observation.routing = rule
        let decision = configuration.policy.decide(observation, now: now())
        var state = target.state
        state.outcome = outcome
        if !keepingFailures { state.consecutiveFailures = 0 }
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
            PollRecord(shipmentID: target.shipmentID, tenantID: target.tenantID, checkedAt: checkedAt, state: state,
                       legID: target.legID), owner: owner)
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

extension CarrierParseResult {
    /// The parsed shipments about `trackingNumber`; a lone shipment under another number (a
    /// carrier that answers with its master number) counts as about it.
    func shipments(about trackingNumber: String) -> [ParsedShipment] {
        let number = TrackingNumber.normalize(trackingNumber)
        let matching = shipments.filter { TrackingNumber.normalize($0.trackingNumber) == number }
        return matching.isEmpty && shipments.count == 1 ? shipments : matching
    }
}
