import Hummingbird
import Tracing

/// One server span per request, continuing the caller's W3C `traceparent`, named by method and
/// route (`POST /webhooks/{carrier}/{token}`).
///
/// Hummingbird's own `TracingMiddleware` records the path, the query and the client's address;
/// this one records none of them: paths hold tracking-page and webhook tokens, queries hold
/// customers' emails and phone numbers, and traces leave the installation.
struct RequestTracingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var parent = ServiceContext.current ?? .topLevel
        InstrumentationSystem.instrument.extract(request.headers, into: &parent, using: HTTPFieldsExtractor())
        let route = context.endpointPath ?? "unmatched route"
        let span = InstrumentationSystem.tracer.startSpan("\(request.method.rawValue) \(route)", context: parent, ofKind: .server)
        span.attributes["http.request.method"] = request.method.rawValue
        span.attributes["http.route"] = route
        do {
            // The span ends when the answer is ready; a streamed body (server-sent events) is not timed.
            let response = try await ServiceContext.$current.withValue(span.context) {
                try await next(request, context)
            }
            span.attributes["http.response.status_code"] = Int(response.status.code)
            if response.status.code >= 500 { span.setStatus(SpanStatus(code: .error)) }
            span.end()
            return response
        } catch {
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
            span.end()
            throw error
        }
    }
}

private struct HTTPFieldsExtractor: Extractor {
    func extract(key name: String, from headers: HTTPFields) -> String? {
        headers.first { $0.name.canonicalName == name }?.value
    }
}
