import ArgumentParser
import CarrierSimulator
import Foundation
import Hummingbird
import Logging
import WaybillCommandSupport
import WaybillCore
import WaybillIngest
import WaybillNotify
import WaybillServer
import WaybillStore

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run Waybill on a temporary SQLite file with a demo tenant, key and shipments, some moving live.",
        discussion: """
            Loads a history of demo shipments, then starts the carrier simulator (fake UPS, FedEx, USPS and DHL on \
            loopback) with parcels moving on a compressed clock that starts three days back and stops at the real \
            time once it catches up (no parcel shows a scan that has not happened yet): the simulator pushes each \
            new scan to Waybill as an AfterShip webhook. Watch the live tracking pages printed at start move through \
            their journeys.

            The database and its key live in a temporary folder, removed when the demo stops (Ctrl-C or SIGTERM).

            To see polling instead, run `waybill simulate` and `waybill serve` with the variables it prints.
            """)

    @Option(help: "Port to listen on.") var port: Int = 8080
    @Option(help: "How many historical demo shipments to load.") var shipments: Int = 36
    @Option(help: "How many live simulated shipments to follow.") var live: Int = 8
    @Option(help: "Simulated seconds per real second for the live shipments until they catch up with the real time (600: three days in about 7 minutes).")
    var speed: Double = 600

    /// How far back the live shipments' clock starts: their journeys play out compressed over this span, then in real time.
    static let liveLead: TimeInterval = 3 * 86_400

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-demo-\(UUID().uuidString.prefix(8))")
        // The database and its key file are the demo's alone. Ctrl-C and SIGTERM stop the server
        // gracefully (Hummingbird's signal handling), so this runs on those too.
        defer { try? FileManager.default.removeItem(at: folder) }
        try await runDemo(in: folder)
    }

    private func runDemo(in folder: URL) async throws {
        let logger = CommandSupport.bootstrapLogging(default: .notice)
        let url = DatabaseURL.sqlite(path: folder.appendingPathComponent("waybill.sqlite").path)
        let store = try await SQLStore.open(url, logger: logger)
        try await store.migrate()
        if let box = try await StartupSecretKey.resolve(database: url, store: store) { SecretBoxSource.shared.install(box) }
        let tenant = try await store.ensureTenant(named: "demo")
        let material = APIKeyMaterial.generate()
        _ = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: material.prefix, secretHash: material.hash, role: .admin))
        let loaded = try await DemoData.load(count: shipments, tenantID: tenant.id, pipeline: IngestPipeline(store: store, observers: [OutboxWriter()], logger: logger))

        let simulator = CarrierSimulator(
            configuration: .init(speed: speed, start: Date().addingTimeInterval(-Self.liveLead), notAfterRealTime: true, seed: 2026),
            logger: logger)
        let carriers = SimulatedTrackingNumber.carriers
        // Labels created hours apart, so the parcels are at different stages from the start.
        var journeys = (0..<live).map {
            simulator.createShipment(carrier: carriers[$0 % carriers.count], start: simulator.clock.now().addingTimeInterval(-Double($0) * 8 * 3600))
        }
        // One UPS parcel that USPS delivers (Mail Innovations): its timeline gains USPS's scans.
        let handedOver = (UInt64(1)...UInt64(50)).lazy.compactMap {
            simulator.createHandedOverShipment(carrier: "ups", lastMileCarrier: "usps", seed: $0,
                                               start: simulator.clock.now().addingTimeInterval(-36 * 3600))
        }.first
        if let handedOver { journeys.append(handedOver.first) }
        var links: [String] = []
        let base = "http://127.0.0.1:\(port)"
        for (index, journey) in journeys.enumerated() {
            let (shipment, _) = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: journey.trackingNumber, carrier: journey.carrier, service: journey.service,
                merchantOrderID: "LIVE-\(2000 + index)",
                customer: Customer(email: "live\(index)@example.com", postalCode: journey.destination.postalCode, locale: "en-US"),
                actor: "demo"))
            var label = journey.carrier.uppercased()
            if let lastMile = journey.lastMile {
                label += ">" + lastMile.carrier.uppercased()
                _ = try await store.linkLeg(NewShipmentLeg(
                    tenantID: tenant.id, shipmentID: shipment.id, trackingNumber: lastMile.trackingNumber, carrier: lastMile.carrier,
                    role: .lastMile, linkedBy: journey.carrier, actor: "demo"))
            }
            links.append("  \(label.padding(toLength: 9, withPad: " ", startingAt: 0)) \(base)/t/\(shipment.publicToken)")
        }
        let endpoint = try await store.createWebhookEndpoint(tenantID: tenant.id, carrier: "aftership", actor: "demo")

        let settings = self
        try await withThrowingTaskGroup(of: Void.self) { group in
            let started = AsyncStream<Int>.makeStream()
            group.addTask { try await simulator.run { started.continuation.yield($0) } }
            var simulatorPort = 0
            for await port in started.stream {
                simulatorPort = port
                break
            }
            try simulator.registerWebhook(carrier: "aftership", url: "\(base)/v1/webhooks/carriers/aftership/\(endpoint.id)",
                                          credential: endpoint.secret, includeHistory: true)
            settings.printBanner(folder: folder, url: url, loaded: loaded, key: material.secret, base: base, links: links,
                                 simulator: "http://127.0.0.1:\(simulatorPort)")
            let app = buildApplication(store: store, configuration: ServerConfiguration(host: "127.0.0.1", port: settings.port),
                                       logger: logger)
            group.addTask { try await CommandSupport.serve(app, store: store) }
            try await group.next()
            group.cancelAll()
        }
    }

    private func printBanner(folder: URL, url: DatabaseURL, loaded: Int, key: String, base: String, links: [String], simulator: String) {
        FileHandle.standardOutput.write(Data("""
            Waybill demo: \(loaded) shipments loaded into \(url)

            API key (tenant "demo", role admin):
              \(key)

            Live shipments (carrier simulator at \(simulator), \(Int(speed))x speed), tracking pages:
            \(links.joined(separator: "\n"))

            Try:
              curl -H 'Authorization: Bearer \(key)' '\(base)/v1/shipments?limit=5'
              curl -H 'Authorization: Bearer \(key)' '\(base)/v1/shipments?status=delivered'
              curl -H 'Authorization: Bearer \(key)' '\(base)/v1/orders/DEMO-1000'
              curl '\(simulator)/_simulator/stats'
              curl '\(base)/openapi.json'

            Serving on \(base) (Ctrl-C to stop; \(folder.path) is removed then).

            """.utf8))
    }
}
