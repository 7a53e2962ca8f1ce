import ArgumentParser
import Foundation
import Logging
import WaybillBench
import WaybillCommandSupport
import WaybillCore
import WaybillServer
import WaybillStore

@main
struct Waybill: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "waybill",
        abstract: "Self-hosted order and shipment tracking.",
        discussion: """
            Environment:
              WAYBILL_DATABASE_URL  sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB
                                    (default sqlite:waybill-data/waybill.sqlite)
              WAYBILL_LOG_LEVEL     trace, debug, info, notice, warning, error or critical
                                    (default info)
            """,
        version: version,
        subcommands: [Serve.self, Migrate.self, Backup.self, Restore.self, Tenants.self, Keys.self, Clients.self, Audit.self, Retention.self, Demo.self, Normalize.self, Detect.self, Import.self, Reprocess.self, Backfill.self, Bench.self, Simulate.self, Version.self]
    )
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version of Waybill and of its taxonomy.")

    func run() {
        print("waybill \(Waybill.version) (taxonomy v\(Taxonomy.version))")
    }
}
