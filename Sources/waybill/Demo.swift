import ArgumentParser
import Foundation
import Hummingbird
import Logging
import WaybillCore
import WaybillIngest
import WaybillServer
import WaybillStore

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run Waybill on a temporary SQLite file with a demo tenant, key and shipments.")

    @Option(help: "Port to listen on.") var port: Int = 8080
    @Option(help: "How many demo shipments to load.") var shipments: Int = 36

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .notice)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-demo-\(UUID().uuidString.prefix(8))")
        let url = DatabaseURL.sqlite(path: folder.appendingPathComponent("waybill.sqlite").path)
        let store = try await SQLStore.open(url, logger: logger)
        try await store.migrate()
        let tenant = try await store.ensureTenant(named: "demo")
        let material = APIKeyMaterial.generate()
        _ = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: material.prefix, secretHash: material.hash, role: .admin))
        let loaded = try await DemoData.load(count: shipments, tenantID: tenant.id, pipeline: IngestPipeline(store: store, logger: logger))

        let base = "http://127.0.0.1:\(port)"
        FileHandle.standardOutput.write(Data("""
            Waybill demo: \(loaded) shipments loaded into \(url)

            API key (tenant "demo", role admin):
              \(material.secret)

            Try:
              curl -H 'Authorization: Bearer \(material.secret)' '\(base)/v1/shipments?limit=5'
              curl -H 'Authorization: Bearer \(material.secret)' '\(base)/v1/shipments?status=delivered'
              curl -H 'Authorization: Bearer \(material.secret)' '\(base)/v1/orders/DEMO-1000'
              curl '\(base)/openapi.json'

            Serving on \(base) (Ctrl-C to stop).

            """.utf8))
        let app = buildApplication(store: store, configuration: ServerConfiguration(host: "127.0.0.1", port: port), logger: logger)
        try await CommandSupport.serve(app, store: store)
    }
}
