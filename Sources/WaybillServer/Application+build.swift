import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle
import WaybillCore
import WaybillIngest
import WaybillNotify
import WaybillStore

/// How the server listens and presents itself.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Base of the customer-facing links (`public_url`), e.g. `https://track.example.com`.
    public var publicBaseURL: String
    /// Root of the per-tenant landing directories for file drops; nil to watch none.
    public var landingDirectory: String?
    /// Where webhooks, SMS and email may connect (`WAYBILL_EGRESS_ALLOW` widens it).
    public var egress: EgressPolicy
    /// When set, `GET /metrics` needs `Authorization: Bearer <token>` (`WAYBILL_METRICS_TOKEN`).
    public var metricsToken: String?
    /// Proxies in front whose `X-Forwarded-For` is believed (`WAYBILL_TRUSTED_PROXIES`).
    public var trustedProxies: [IPRange]
    /// How long server-sent event streams run and how often they check their key.
    public var streamLimits = StreamLimits()
    /// Idle and request-head timeouts, connections per client address.
    public var connectionLimits = ConnectionLimits()
    /// Requests per API key that has no limit of its own (`WAYBILL_API_RATE_PER_SECOND`, `WAYBILL_API_RATE_BURST`);
    /// nil: unlimited.
    public var apiRateLimit: RequestRateLimit? = ServerConfiguration.defaultAPIRateLimit
    /// `iss` of OAuth access tokens: the public URL when one was configured, else `waybill`.
    public var tokenIssuer: String
    /// The certificate and key of HTTPS (`--tls-cert`, `--tls-key`); nil: plain HTTP.
    public var tls: ServerTLS?
    /// Whether each request gets a server span (set when OpenTelemetry tracing was started); off,
    /// requests skip the middleware altogether.
    public var tracesRequests = false

    public init(host: String = "127.0.0.1", port: Int = 8080, publicBaseURL: String? = nil, landingDirectory: String? = nil,
                egress: EgressPolicy = EgressPolicy(), metricsToken: String? = nil, trustedProxies: [IPRange] = [],
                tls: ServerTLS? = nil) {
        self.host = host
        self.tls = tls
        self.port = port
        self.landingDirectory = landingDirectory
        self.egress = egress
        self.metricsToken = metricsToken
        self.trustedProxies = trustedProxies
        let base = publicBaseURL ?? "\(tls == nil ? "http" : "https")://\(host == "0.0.0.0" ? "localhost" : host):\(port)"
        self.publicBaseURL = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.tokenIssuer = publicBaseURL == nil ? "waybill" : self.publicBaseURL
    }
}

/// The router of the whole service, shared by `waybill serve`, the demo and the tests.
func buildRouter(store: any Store, pipeline: IngestPipeline, worker: IngestWorker, importWorker: ImportWorker,
                 configuration: ServerConfiguration) -> Router<WaybillRequestContext> {
    let router = Router(context: WaybillRequestContext.self)
    if configuration.tracesRequests { router.add(middleware: RequestTracingMiddleware()) }
    router.add(middleware: RequestIDAndErrorMiddleware())
    router.add(middleware: MetricsMiddleware())

    router.get("healthz") { _, _ in
        JSONResponse.make(.ok, .object(["status": .string("ok")]))
    }
    router.get("readyz") { _, context in
        do {
            try await store.checkReady()
            return JSONResponse.make(.ok, .object(["status": .string("ready"), "database": .string(store.engine.rawValue)]))
        } catch {
            context.logger.warning("not ready", metadata: ["reason": "\(ErrorText.of(error))"])
            return JSONResponse.make(.serviceUnavailable, APIError(
                status: .serviceUnavailable, code: "not_ready", message: "\(ErrorText.of(error))").json)
        }
    }
    router.get("metrics") { request, _ in
        guard MetricsAccess.allows(request, token: configuration.metricsToken) else {
            throw APIError(status: .unauthorized, code: "unauthorized", message: "/metrics needs the bearer token of WAYBILL_METRICS_TOKEN")
        }
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: WaybillMetrics.registry.emitToBuffer())))
    }
    router.get("openapi.json") { _, _ in
        JSONResponse.make(.ok, data: OpenAPIDocument.data)
    }

    let webhooks = WebhookController(store: store, worker: worker, publicBaseURL: configuration.publicBaseURL)
    webhooks.addIngressRoute(to: router)

    let tokens = OAuthTokens(issuer: configuration.tokenIssuer)
    OAuthTokenController(store: store, tokens: tokens, trustedProxies: configuration.trustedProxies).addRoutes(to: router)

    let v1 = router.group("v1").add(middleware: APIKeyAuthMiddleware(
        store: store, defaultRateLimit: configuration.apiRateLimit, rateLimiter: APIRateLimiter(), tokens: tokens))
    webhooks.addManagementRoutes(to: v1)
    OAuthClientController(store: store).addRoutes(to: v1)
    ShipmentController(store: store, pipeline: pipeline, publicBaseURL: configuration.publicBaseURL).addRoutes(to: v1)
    OrderController(store: store, publicBaseURL: configuration.publicBaseURL).addRoutes(to: v1)
    RawPayloadController(store: store).addRoutes(to: v1)
    APIKeyController(store: store).addRoutes(to: v1)
    RetentionController(store: store).addRoutes(to: v1)
    AuditLogController(store: store).addRoutes(to: v1)
    UnmappedCodeController(store: store).addRoutes(to: v1)
    RoutingController(store: store).addRoutes(to: v1)
    NotificationChannelController(store: store, publicBaseURL: configuration.publicBaseURL, egress: configuration.egress).addRoutes(to: v1)
    NotifyRoutes(store: store, egress: configuration.egress, streamLimits: configuration.streamLimits).addRoutes(to: v1)
    CustomerPagesController(store: store, publicBaseURL: configuration.publicBaseURL, trustedProxies: configuration.trustedProxies)
        .addRoutes(to: router, api: v1)
    ImportController(store: store, importer: FileImporter(pipeline: pipeline), worker: importWorker).addRoutes(to: v1)
    return router
}

/// The application: the HTTP server plus the store's connection pool as one service group.
public func buildApplication(
    store: any Store, configuration: ServerConfiguration, logger: Logger, migrateOnStart: Bool = true,
    observability: [any Service] = [],
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> some ApplicationProtocol {
    WaybillMetrics.bootstrap()
    let pipeline = IngestPipeline(store: store, observers: [OutboxWriter()], logger: logger)
    let worker = IngestWorker(processor: RawPayloadProcessor(pipeline: pipeline), store: store, logger: logger)
    let importWorker = ImportWorker(importer: FileImporter(pipeline: pipeline), store: store, logger: logger)
    let router = buildRouter(store: store, pipeline: pipeline, worker: worker, importWorker: importWorker,
                             configuration: configuration)
    let schema = SchemaGate()
    let storeUsers: [any Service] = [
        InstanceHeartbeat(store: store, logger: logger), worker, importWorker,
        notificationService(store: store, configuration: configuration, logger: logger),
        JobRetention(store: store, retention: JobRetention.retention(), eventRetention: JobRetention.eventRetention(), logger: logger),
        RetentionService(store: store, interval: RetentionService.interval(), payloadCapDays: RetentionService.payloadCapDays(), logger: logger),
    ] + configuration.fileServices(pipeline: pipeline, store: store, logger: logger)
        + PollingScheduler.services(store: store, pipeline: pipeline, publicBaseURL: configuration.publicBaseURL, logger: logger)
    var app = Application(
        router: router,
        server: configuration.tls.map { .https(tls: $0, limits: configuration.connectionLimits, trustedProxies: configuration.trustedProxies) }
            ?? .http1(limits: configuration.connectionLimits, trustedProxies: configuration.trustedProxies),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "waybill"),
        // Observability first: services stop in reverse order, so exporters flush what the others did last.
        services: observability + [StoreService(store: store)] + storeUsers.map { GatedService(gate: schema, service: $0) },
        onServerRunning: onServerRunning,
        logger: logger)
    if migrateOnStart {
        app.beforeServerStarts {
            try await store.migrate()
            let sealed = try await store.sealStoredWebhookSecrets()
            if sealed > 0 { logger.info("webhook secrets sealed with the installation's key", metadata: ["count": "\(sealed)"]) }
        }
    }
    app.beforeServerStarts {
        try await store.preparePartitions(now: Date())
        schema.open()
    }
    return app
}

/// Runs the store (PostgreSQL's pool) for as long as the service group runs.
public struct StoreService: Service {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await store.run() }
    }
}

/// The process-wide Prometheus registry behind swift-metrics.
public enum WaybillMetrics {
    public static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Carrier event time to stored event: seconds for pushes, minutes to hours for polls and files.
        factory.valueHistogramBuckets[IngestPipeline.freshnessMetric] = [1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 21_600, 86_400]
        MetricsSystem.bootstrap(factory)
    }()

    /// Installs the Prometheus backend once per process (later calls do nothing).
    public static func bootstrap() {
        _ = bootstrapped
    }
}

/// The OpenAPI 3.1 document of the REST API, kept in `Resources/openapi.json`.
enum OpenAPIDocument {
    static let data: Data = EmbeddedResources.data("openapi.json") ?? Data("{}".utf8)
}

/// Bounds of a server-sent event stream (`GET /v1/notifications/stream`): its API key is checked
/// again every `keyCheckInterval` (a revoked key ends it), and it ends after `maxLifetime`.
public struct StreamLimits: Sendable {
    public var keyCheckInterval: Duration
    public var maxLifetime: Duration

    public init(keyCheckInterval: Duration = .seconds(30), maxLifetime: Duration = .seconds(3600)) {
        self.keyCheckInterval = keyCheckInterval
        self.maxLifetime = maxLifetime
    }
}
