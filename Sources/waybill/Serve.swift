import ArgumentParser
import Foundation
import Hummingbird
import WaybillCommandSupport
import WaybillCore
import WaybillNotify
import WaybillServer
import WaybillStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Waybill server (migrations run first).",
        discussion: """
            Environment:
              WAYBILL_DATABASE_URL  the database (see --database)
              WAYBILL_HOST          address to listen on (default 127.0.0.1; 0.0.0.0 for
                                    all interfaces)
              WAYBILL_PORT          port to listen on (default 8080)
              WAYBILL_PUBLIC_URL    base URL of customer tracking links (default
                                    http://HOST:PORT, https:// with --tls-cert)
              WAYBILL_LOG_LEVEL     log level (default info)
              WAYBILL_TLS_CERT      PEM certificate chain, leaf first (see --tls-cert)
              WAYBILL_TLS_KEY       PEM private key of the certificate, unencrypted (see
                                    --tls-key)
              WAYBILL_HSTS_MAX_AGE_SECONDS
                                    max-age of the Strict-Transport-Security header sent
                                    on every HTTPS response (default 31536000, one year;
                                    0 tells browsers to forget it); not sent over HTTP
              WAYBILL_JOB_RETENTION_HOURS
                                    how long finished background jobs are kept (default 24)
              WAYBILL_EVENT_RETENTION_DAYS
                                    events and raw payloads older than this are removed,
                                    checked hourly, for every tenant (default: unset; on
                                    PostgreSQL whole months go, as monthly partitions); an
                                    upper bound on each tenant's payload_days (PUT
                                    /v1/retention, default 400): the smaller one applies
              WAYBILL_RETENTION_INTERVAL_SECONDS
                                    how often tenants' retention policies are applied
                                    (personal data, events, raw payloads, audit log;
                                    default 3600)
              WAYBILL_SECRET_KEY    base64 of 32 random bytes: encrypts stored SMTP/SMS
                                    credentials and webhook secrets (AES-GCM). Unset on
                                    SQLite: waybill-secret.key beside the database is used
                                    (created at first start; back it up with the database).
                                    Required on PostgreSQL to store credentials, and the
                                    same for every instance (webhook secrets are kept in
                                    plain text without it). The server refuses to start
                                    when the key cannot open the secrets the database holds
                                    (e.g. restored without its key file).
              WAYBILL_EGRESS_ALLOW  comma-separated CIDR blocks that outbound webhooks, SMS
                                    and SMTP may reach although they are loopback, private
                                    or link-local (default: none), e.g.
                                    127.0.0.1/32,10.20.0.0/16
              WAYBILL_TRUSTED_PROXIES
                                    comma-separated CIDR blocks of the reverse proxies in
                                    front; the client of a request is then the rightmost
                                    X-Forwarded-For hop outside them (default: none,
                                    X-Forwarded-For is ignored)
              WAYBILL_METRICS_TOKEN when set, GET /metrics needs Authorization: Bearer
                                    TOKEN
              WAYBILL_API_RATE_PER_SECOND
                                    requests per second an API key may make on average,
                                    unless the key has its own limit (keys create
                                    --rate-limit); 0: no default limit (default 50)
              WAYBILL_API_RATE_BURST
                                    requests an API key may make at once (default 100,
                                    or twice WAYBILL_API_RATE_PER_SECOND when only that
                                    is set)
              WAYBILL_IDLE_TIMEOUT_SECONDS
                                    a connection with no request in progress is closed
                                    after this long (default 30)
              WAYBILL_REQUEST_HEAD_TIMEOUT_SECONDS
                                    a new connection must send its first request head
                                    within this time, or is closed (default 10)
              WAYBILL_MAX_CONNECTIONS_PER_ADDRESS
                                    open connections one client address may hold; more are
                                    closed at once (default 128; the trusted proxies are
                                    exempt)
              OTEL_EXPORTER_OTLP_ENDPOINT
                                    OpenTelemetry collector (OTLP/HTTP, e.g.
                                    http://127.0.0.1:4318): traces of HTTP requests,
                                    ingest batches, carrier polls and notification
                                    deliveries are exported there, outbound webhooks carry
                                    a W3C traceparent header, and log lines inside a span
                                    carry trace_id and span_id. No tracing unless this,
                                    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or
                                    OTEL_TRACES_EXPORTER is set. The other standard
                                    variables apply: OTEL_SERVICE_NAME (default waybill),
                                    OTEL_EXPORTER_OTLP_PROTOCOL (http/protobuf, http/json),
                                    OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER and
                                    OTEL_TRACES_SAMPLER_ARG, OTEL_RESOURCE_ATTRIBUTES,
                                    OTEL_SDK_DISABLED
              WAYBILL_LANDING_DIR   root of the file-drop directories, one per tenant name:
                                    files dropped in DIR/TENANT/ are imported and moved to
                                    done/ or failed/ with a report (and a .997 for X12);
                                    unset: no directory is watched

            Notifications (outbound webhooks, alert messages, in-app feed):
              WAYBILL_NOTIFY_RETRY_BASE_SECONDS
                                    first retry delay, doubling each time (default 5)
              WAYBILL_NOTIFY_RETRY_MAX_INTERVAL_SECONDS
                                    longest delay between retries (default 21600)
              WAYBILL_NOTIFY_RETRY_HOURS
                                    retry period before dead-lettering (default 72)
              WAYBILL_NOTIFY_TIMEOUT_SECONDS
                                    webhook request timeout (default 10); connecting to a
                                    receiver or SMS provider gives up after 3 s
              WAYBILL_NOTIFY_CIRCUIT_FAILURES
                                    failures in a row that open an endpoint's circuit
                                    (default 5)
              WAYBILL_NOTIFY_CIRCUIT_OPEN_SECONDS
                                    how long an open circuit holds deliveries (default 60)
              WAYBILL_NOTIFY_STALE_HOURS
                                    hours without movement before shipment.stale
                                    (default 72)
              WAYBILL_NOTIFY_POLL_MS
                                    how often the worker looks for due messages
                                    (default 200)
              WAYBILL_NOTIFY_CONCURRENCY
                                    deliveries in flight per instance (default 16)
              WAYBILL_NOTIFY_LEASE_SECONDS
                                    how long a claimed delivery is held before another
                                    instance may retry it (default 60)
              WAYBILL_NOTIFY_SWEEP_SECONDS
                                    how often one of the instances sweeps for stale
                                    shipments and missed ETAs (default 60)

            Adaptive carrier polling is on when a carrier has a base URL (ID: the carrier id in capitals, e.g. UPS, \
            FEDEX, USPS, DHL, DHL_EXPRESS, GLS):
              WAYBILL_CARRIER_<ID>_BASE_URL
                                    the carrier's API (or the simulator's URL)
              WAYBILL_CARRIER_<ID>_CLIENT_ID
                                    OAuth2 client id (UPS, FedEx, USPS, GLS); tokens are
                                    cached and refreshed
              WAYBILL_CARRIER_<ID>_CLIENT_SECRET
                                    OAuth2 client secret
              WAYBILL_CARRIER_<ID>_API_KEY
                                    API key (DHL, AfterShip, ...)
              WAYBILL_CARRIER_<ID>_RATE_PER_SECOND
                                    calls per second (default 5)
              WAYBILL_CARRIER_<ID>_BURST
                                    calls at once (default 2 x rate)
              WAYBILL_POLL_BATCH_SIZE
                                    shipments claimed at a time (default 50)
              WAYBILL_POLL_CONCURRENCY
                                    calls in flight per carrier (default 8)
              WAYBILL_POLL_TIMEOUT_SECONDS
                                    carrier request timeout (default 20)
              WAYBILL_POLL_FRESHNESS_TARGET_MINUTES
                                    silence after which a webhook-fed shipment is polled at
                                    full cadence (default 360)
              WAYBILL_PUSH_SUBSCRIBE_INTERVAL_SECONDS
                                    how often numbers are subscribed at carriers that push
                                    only subscribed ones (UPS Track Alert), for tenants
                                    with an inbound endpoint for them (default 60)

            Per tenant, PUT /v1/routing-rules/{carrier} overrides that silence, can poll only when webhooks are \
            silent or never, and names an aggregator (aftership, easypost) to read shipments through while the \
            carrier's API fails: configure it like a carrier (WAYBILL_CARRIER_AFTERSHIP_BASE_URL and _API_KEY). \
            Hand-overs to another carrier (UPS to USPS, S10 items to the destination post) are polled with that \
            carrier's settings.
            """)

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: "Port to listen on (default $WAYBILL_PORT, else 8080).")
    var port: Int?

    @Option(help: "Address to listen on (default $WAYBILL_HOST, else 127.0.0.1).")
    var host: String?

    @Option(name: .customLong("public-url"), help: "Base URL of customer tracking links (default $WAYBILL_PUBLIC_URL).")
    var publicURL: String?

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp(
        "Serve HTTPS with this PEM certificate chain (default $WAYBILL_TLS_CERT).",
        discussion: "With --tls-key: HTTP/2 when the client offers it, else HTTP/1.1; every response carries Strict-Transport-Security.",
        valueName: "file"))
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp(
        "The PEM private key of --tls-cert (default $WAYBILL_TLS_KEY).", valueName: "file"))
    var tlsKey: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandSupport.bootstrapLogging()
        let url = try databaseOptions.url()
        guard let port = port ?? environment["WAYBILL_PORT"].flatMap(Int.init) ?? Optional(8080), (0...65535).contains(port) else {
            throw ValidationError("WAYBILL_PORT must be a port number")
        }
        let egress: EgressPolicy
        let trustedProxies: [IPRange]
        let connectionLimits: ConnectionLimits
        let apiRateLimit: RequestRateLimit?
        let tls: ServerTLS?
        do {
            tls = try ServerTLS.resolve(certificateFile: tlsCertificate, keyFile: tlsKey, environment: environment)
            egress = try EgressPolicy.fromEnvironment(environment)
            trustedProxies = try ServerConfiguration.trustedProxies(environment)
            connectionLimits = try ConnectionLimits.fromEnvironment(environment)
            apiRateLimit = try ServerConfiguration.apiRateLimit(environment)
        } catch {
            throw ValidationError("\(error)")
        }
        var configuration = ServerConfiguration(
            host: host ?? environment["WAYBILL_HOST"] ?? "127.0.0.1", port: port,
            publicBaseURL: publicURL ?? environment["WAYBILL_PUBLIC_URL"],
            landingDirectory: environment["WAYBILL_LANDING_DIR"].flatMap { $0.isEmpty ? nil : $0 }, egress: egress,
            metricsToken: environment["WAYBILL_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }, trustedProxies: trustedProxies,
            tls: tls)
        configuration.connectionLimits = connectionLimits
        configuration.apiRateLimit = apiRateLimit
        try await CommandSupport.installSecretKey(for: url, logger: logger)
        let store = try await SQLStore.open(url, logger: logger)
        logger.info("starting", metadata: ["database": "\(url)", "port": "\(port)", "scheme": "\(tls == nil ? "http" : "https")"])
        let tracing = try TracingBootstrap.start(environment: environment, logger: logger)
        configuration.tracesRequests = tracing != nil
        let app = buildApplication(store: store, configuration: configuration, logger: logger, observability: tracing.map { [$0] } ?? [])
        try await CommandSupport.serve(app, store: store)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    @OptionGroup var databaseOptions: DatabaseOptions

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .warning)
        let url = try databaseOptions.url()
        let (applied, version) = try await CommandSupport.withStore(url, logger: logger, migrate: false) { store in
            (try await store.migrate(), try await store.schemaVersion())
        }
        print(applied.isEmpty
              ? "\(url): schema is up to date at version \(version)"
              : "\(url): applied migrations \(applied.map(String.init).joined(separator: ", ")); schema at version \(version)")
    }
}
