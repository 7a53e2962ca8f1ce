import Hummingbird
import Logging

/// A Hummingbird router served on 127.0.0.1 (an ephemeral port) while `body` runs.
enum LoopbackServer {
    static func run<T: Sendable>(_ router: Router<BasicRequestContext>, _ body: (String) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test.loopback")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await app.runService(gracefulShutdownSignals: [])
            }
            defer { group.cancelAll() }
            var port: Int?
            for await value in ports { port = value; break }
            guard let port else { throw LoopbackServerError.notStarted }
            return try await body("http://127.0.0.1:\(port)")
        }
    }
}

enum LoopbackServerError: Error {
    case notStarted
}
