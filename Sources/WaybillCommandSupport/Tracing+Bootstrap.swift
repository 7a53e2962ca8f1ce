import Foundation
import Logging
import OTel
import ServiceLifecycle
import Tracing

/// OpenTelemetry traces, configured by the standard `OTEL_*` variables and exported over OTLP/HTTP.
///
/// Tracing is off unless the environment names where traces go (`OTEL_EXPORTER_OTLP_ENDPOINT`,
/// `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_TRACES_EXPORTER`): a self-hosted server without a
/// collector should not retry exports to localhost:4318 forever. `OTEL_SDK_DISABLED=true` or
/// `OTEL_TRACES_EXPORTER=none` turn it off. Waybill's logs and metrics stay its own (JSON lines and
/// Prometheus); log lines written inside a span carry its `trace_id` and `span_id`.
public enum TracingBootstrap {
    /// Variables that ask for traces.
    static let destinationVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_TRACES_EXPORTER"]

    /// Whether `environment` asks for traces.
    public static func isRequested(by environment: [String: String]) -> Bool {
        func value(_ name: String) -> String? {
            environment[name].map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
        }
        if value("OTEL_SDK_DISABLED") == "true" || value("OTEL_TRACES_EXPORTER") == "none" { return false }
        return destinationVariables.contains { value($0) != nil }
    }

    /// Installs the OTLP tracer when the environment asks for it and returns the service that
    /// exports finished spans (run it beside the server); nil when tracing is off.
    public static func start(environment: [String: String] = ProcessInfo.processInfo.environment,
                             logger: Logger) throws -> (any Service)? {
        guard isRequested(by: environment) else { return nil }
        var configuration = OTel.Configuration.default
        configuration.serviceName = "waybill"
        configuration.diagnosticLogger = .custom(logger)
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.enabled = true
        let (tracer, service) = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(tracer)
        logger.info("exporting OpenTelemetry traces")
        return service
    }
}
