import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import WaybillCore

/// Fake carrier APIs (UPS, FedEx, USPS, DHL) in the carriers' real formats, over simulated
/// parcels that move along planned journeys as a compressed clock runs, with faults on demand,
/// a JSON control API under `/_simulator/` and webhook pushes.
///
/// ```swift
/// let simulator = CarrierSimulator(configuration: .init(speed: 3600))
/// try await simulator.withRunningServer { baseURL in ... }   // or: try await simulator.run()
/// ```
public final class CarrierSimulator: Sendable {
    public let configuration: CarrierSimulatorConfiguration
    public let clock: SimulatedClock
    public let shipments = ShipmentRegistry()
    public let faults = FaultInjector()
    public let tokens: TokenIssuer
    public let webhooks: WebhookRegistry
    let recorder = StatsRecorder()
    let logger: Logger
    private let nextSeed: Locked<UInt64>
    private let boundPort = Locked<Int?>(nil)

    public init(configuration: CarrierSimulatorConfiguration = .init(), logger: Logger = Logger(label: "carrier-simulator")) {
        self.configuration = configuration
        self.logger = logger
        clock = SimulatedClock(start: configuration.start, speed: configuration.speed, notAfterRealTime: configuration.notAfterRealTime)
        tokens = TokenIssuer(lifetime: configuration.tokenLifetime)
        webhooks = WebhookRegistry()
        nextSeed = Locked(configuration.seed)
    }

    /// The port the server listens on, once it runs.
    public var port: Int? { boundPort.withLock { $0 } }

    /// `http://127.0.0.1:PORT`, once the server runs.
    public var baseURL: String? { port.map { "http://\(configuration.host):\($0)" } }

    public func stats() -> SimulatorStats { recorder.snapshot }

    /// Plans and registers a shipment. Without a seed the run's next seed is used; without a
    /// number one is generated from the seed; without a start the label is created now (simulated).
    @discardableResult
    public func createShipment(carrier: String, trackingNumber: String? = nil, seed: UInt64? = nil, start: Date? = nil) -> SimulatedJourney {
        let journey = plan(carrier: carrier, trackingNumber: trackingNumber, seed: seed, start: start)
        shipments.add(journey)
        return journey
    }

    private func plan(carrier: String, trackingNumber: String?, seed: UInt64?, start: Date?) -> SimulatedJourney {
        let carrier = SimulatedCarrier.canonical(carrier)
        let seed = seed ?? nextSeed.withLock { value in
            value &+= 1
            return value
        }
        let number = trackingNumber ?? SimulatedTrackingNumber.make(carrier: carrier, seed: seed)
        return JourneyPlanner.plan(carrier: carrier, trackingNumber: number, start: start ?? clock.now(), seed: seed)
    }

    /// A shipment of `carrier` that `lastMileCarrier` delivers under a number of its own, which
    /// `carrier` lists as an alternate tracking number (UPS: `USPS_PIC`). Nil when the planned
    /// journey never reaches the last mile (lost, returned).
    public func createHandedOverShipment(carrier: String, lastMileCarrier: String, seed: UInt64? = nil,
                                         start: Date? = nil) -> (first: SimulatedJourney, lastMile: SimulatedJourney)? {
        let planned = plan(carrier: carrier, trackingNumber: nil, seed: seed, start: start)
        let lastMileCarrier = SimulatedCarrier.canonical(lastMileCarrier)
        let number = SimulatedTrackingNumber.make(carrier: lastMileCarrier, seed: (seed ?? 0) &+ 0x5EED)
        guard let split = planned.handedOver(to: lastMileCarrier, trackingNumber: number) else { return nil }
        shipments.add(split.first)
        shipments.add(split.lastMile)
        return split
    }

    /// Runs the server and the webhook pusher until the task is cancelled. `onStarted` gets the port.
    public func run(handlingSignals: Bool = false, onStarted: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router()
        CarrierRoutes(simulator: self).add(to: router)
        ControlRoutes(simulator: self).add(to: router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "carrier-simulator"),
            onServerRunning: { [boundPort] channel in
                let port = channel.localAddress?.port ?? 0
                boundPort.withLock { $0 = port }
                await onStarted(port)
            },
            logger: logger)
        let pusher = WebhookPusher(simulator: self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: handlingSignals ? [.sigterm, .sigint] : []) }
            group.addTask { await pusher.run() }
            // The server ends on a signal or cancellation; the pusher ends with it.
            try await group.next()
            group.cancelAll()
        }
    }

    /// Starts the server, runs `body` (in the calling task) with its base URL, then stops the server.
    public func withRunningServer<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        let started = AsyncStream<Int>.makeStream()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                defer { started.continuation.finish() }
                try await self.run { port in started.continuation.yield(port) }
                return nil
            }
            var port: Int?
            for await value in started.stream {
                port = value
                break
            }
            defer { group.cancelAll() }
            guard let port else {
                // The server stopped before it listened: surface its error.
                while try await group.next() != nil {}
                throw CarrierSimulatorError.notStarted
            }
            return try await body("http://\(configuration.host):\(port)")
        }
    }
}

public enum CarrierSimulatorError: Error, CustomStringConvertible {
    case notStarted

    public var description: String {
        switch self {
        case .notStarted: "the carrier simulator did not start"
        }
    }
}
