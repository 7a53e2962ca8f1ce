import CarrierSimulator
import Foundation
import Testing
import WaybillCarriers
import WaybillCore

@Suite("OAuth and API keys")
struct OAuthTests {
    static let start = Date(timeIntervalSince1970: 1_763_564_400)

    @Test(arguments: ["ups", "fedex", "usps"])
    func tokensAreIssuedCountedAndExpire(carrier: String) async throws {
        let simulator = CarrierSimulator.quiet(.init(speed: 0, start: Self.start.addingTimeInterval(3 * 86_400)))
        let journey = simulator.createShipment(carrier: carrier, seed: 5, start: Self.start)
        let adapter = SimulatorHTTP.adapter(carrier)
        try await simulator.withRunningServer { baseURL in
            // No token: the carrier's 401, which the adapter reads as an error notice.
            let anonymous = try await SimulatorHTTP.send(adapter.trackingRequest(for: [journey.trackingNumber],
                                                                                  configuration: CarrierConfiguration(baseURL: baseURL)))
            #expect(anonymous.status == 401)
            #expect(try adapter.parse(anonymous.body).notices.first?.kind == .error)

            // Bad client credentials: no token.
            let refused = try await SimulatorHTTP.send(SimulatorHTTP.tokenRequest(carrier: carrier, baseURL: baseURL, secret: ""))
            #expect(refused.status == 401)

            let issued = try await SimulatorHTTP.send(SimulatorHTTP.tokenRequest(carrier: carrier, baseURL: baseURL))
            #expect(issued.status == 200)
            let json = try #require(issued.json)
            let token = try #require(json["access_token"]?.stringValue)
            let expiresIn = json["expires_in"].flatMap { value -> Double? in
                if case .number(let number) = value { return number }
                return value.stringValue.flatMap(Double.init)
            }
            #expect(expiresIn == 3600)
            let configuration = CarrierConfiguration(baseURL: baseURL, credentials: ["access_token": token])
            let ok = try await SimulatorHTTP.send(adapter.trackingRequest(for: [journey.trackingNumber], configuration: configuration))
            #expect(ok.status == 200)
            #expect(try adapter.parse(ok.body).shipments.count == 1)

            // Expired: 401 again until a new token is fetched.
            let expire = try await SimulatorHTTP.post(baseURL + "/_simulator/tokens/expire?carrier=\(carrier)", json: "{}")
            #expect(expire.status == 200)
            let stale = try await SimulatorHTTP.send(adapter.trackingRequest(for: [journey.trackingNumber], configuration: configuration))
            #expect(stale.status == 401)
            let fresh = try await SimulatorHTTP.configuration(carrier: carrier, baseURL: baseURL)
            #expect(try await SimulatorHTTP.send(adapter.trackingRequest(for: [journey.trackingNumber], configuration: fresh)).status == 200)

            let stats = simulator.stats()
            #expect(stats.tokensIssued[carrier] == 2)
            #expect(stats.requests(carrier: carrier, endpoint: "oauth") == 3)
            #expect(stats.requests(carrier: carrier, endpoint: "track") == 4)
            #expect(stats.unauthorized[carrier] == 2)
        }
    }

    @Test func tokensOutliveNothingWithAZeroLifetime() async throws {
        let simulator = CarrierSimulator.quiet(.init(speed: 0, start: Self.start.addingTimeInterval(86_400), tokenLifetime: 0))
        let journey = simulator.createShipment(carrier: "ups", seed: 5, start: Self.start)
        try await simulator.withRunningServer { baseURL in
            let configuration = try await SimulatorHTTP.configuration(carrier: "ups", baseURL: baseURL)
            let reply = try await SimulatorHTTP.send(UPSAdapter().trackingRequest(for: [journey.trackingNumber], configuration: configuration))
            #expect(reply.status == 401)
            #expect(reply.json?["response"]?["errors"]?.arrayValue?.first?["code"]?.stringValue == "250002")
        }
    }

    @Test func dhlNeedsItsAPIKey() async throws {
        let simulator = CarrierSimulator.quiet(.init(speed: 0, start: Self.start.addingTimeInterval(86_400), dhlAPIKey: "right"))
        let journey = simulator.createShipment(carrier: "dhl", seed: 5, start: Self.start)
        try await simulator.withRunningServer { baseURL in
            let wrong = CarrierConfiguration(baseURL: baseURL, credentials: ["apiKey": "wrong"])
            let refused = try await SimulatorHTTP.send(DHLAdapter().trackingRequest(for: [journey.trackingNumber], configuration: wrong))
            #expect(refused.status == 401)
            #expect(try DHLAdapter().parse(refused.body).notices.first?.code == "401")
            let right = CarrierConfiguration(baseURL: baseURL, credentials: ["apiKey": "right"])
            let served = try await SimulatorHTTP.send(DHLAdapter().trackingRequest(for: [journey.trackingNumber], configuration: right))
            #expect(served.status == 200)
        }
    }
}
