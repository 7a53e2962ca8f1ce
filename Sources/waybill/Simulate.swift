import ArgumentParser
import CarrierSimulator
import Foundation
import Logging
import WaybillCommandSupport
import WaybillCore

/// `waybill simulate`: the carrier simulator in the foreground.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run fake UPS, FedEx, USPS and DHL tracking APIs with parcels moving on a compressed clock.",
        discussion: """
            Carrier endpoints, as Waybill's adapters call them (any client id and secret get a token; any \
            non-empty DHL-API-Key passes):

              UPS    GET  /api/track/v1/details/{number}
                     POST /security/v1/oauth/token
                     POST /api/track/v1/subscription/standard/package (Track Alert)
              FedEx  POST /track/v1/trackingnumbers
                     POST /oauth/token
              USPS   GET  /tracking/v3/tracking/{number}?expand=DETAIL
                     POST /oauth2/v3/token
              DHL    GET  /track/shipments?trackingNumber=...
              AfterShip GET /tracking/{version}/trackings?tracking_numbers=...
                     (every carrier's parcels; any non-empty as-api-key)

            Control API (JSON) under /_simulator/:

              POST shipments {"carrier","tracking_number","seed","start",
                              "count","spread_seconds"} (all optional);
                   with "last_mile_carrier":"usps" a UPS parcel handed to USPS
              GET  shipments[?carrier=]   GET shipments/{carrier}/{number}
              GET  clock    POST clock {"advance_seconds","set","speed"}
              POST faults {"carrier","fault","count" | "for_seconds"}, fault one of
                   rate_limit, server_error, timeout, malformed, out_of_order,
                   duplicate;   GET faults;   DELETE faults[?carrier=]
              POST tokens/expire[?carrier=]
              POST webhooks {"carrier":"ups"|"aftership","url","credential",
                             "include_history"}
              GET  webhooks    DELETE webhooks/{id}    GET stats

            Webhook targets get each new step: UPS as a Track Alert POST with the `credential` header; AfterShip \
            (every parcel) as a tracking_update signed with aftership-hmac-sha256 (the credential is the webhook \
            secret).

            Prints the WAYBILL_CARRIER_<ID>_* variables that point Waybill at it. Stops on Ctrl-C (SIGINT) or SIGTERM.
            """)

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 9080

    @Option(help: "Shipments to create at start, spread over the carriers, with labels created over the past three simulated days.")
    var shipments: Int = 20

    @Option(help: "Simulated seconds per real second (3600 = one simulated hour per second; 0 pauses the clock).")
    var speed: Double = 3600

    @Option(help: "Seed of the run: the same seed plans the same shipments.")
    var seed: UInt64 = 1

    @Option(name: .customLong("timeout-delay"), help: "Seconds a `timeout` fault holds its answer back.")
    var timeoutDelay: Double = 30

    @Option(name: .customLong("token-lifetime"), help: "Seconds an OAuth token stays valid.")
    var tokenLifetime: Double = 3600

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (0...100_000).contains(shipments) else { throw ValidationError("--shipments must be between 0 and 100000") }
        guard speed >= 0 else { throw ValidationError("--speed must be 0 or more") }
        guard timeoutDelay >= 0, tokenLifetime >= 0 else { throw ValidationError("--timeout-delay and --token-lifetime must be 0 or more") }
    }

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .notice)
        let simulator = CarrierSimulator(
            configuration: CarrierSimulatorConfiguration(port: port, speed: speed, seed: seed, tokenLifetime: tokenLifetime,
                                                         timeoutDelay: timeoutDelay),
            logger: logger)
        let now = simulator.clock.now()
        for index in 0..<shipments {
            let shipmentSeed = seed &+ UInt64(index)
            var random = SimulationRandom(seed: shipmentSeed, salt: "spread")
            simulator.createShipment(carrier: SimulatedCarrier.all[index % SimulatedCarrier.all.count], seed: shipmentSeed,
                                     start: now.addingTimeInterval(-Double.random(in: 0...(3 * 86_400), using: &random)))
        }
        let shipmentCount = shipments
        try await simulator.run(handlingSignals: true) { port in
            let base = "http://127.0.0.1:\(port)"
            var lines = [
                "carrier simulator listening on \(base) (\(shipmentCount) shipments, speed \(simulator.clock.speed)x)",
                "point Waybill at it:",
            ]
            for carrier in SimulatedCarrier.all {
                let prefix = "WAYBILL_CARRIER_\(carrier.uppercased())_"
                lines.append("  export \(prefix)BASE_URL=\(base)")
                if carrier == "dhl" {
                    lines.append("  export \(prefix)API_KEY=simulator")
                } else {
                    lines.append("  export \(prefix)CLIENT_ID=simulator \(prefix)CLIENT_SECRET=simulator")
                }
            }
            lines.append("control API: \(base)/_simulator/shipments, /_simulator/clock, /_simulator/faults, /_simulator/stats")
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
