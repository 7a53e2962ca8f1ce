import CarrierSimulator
import Foundation
import Testing
import WaybillCore

@Suite("Control API")
struct ControlAPITests {
    static let start = Date(timeIntervalSince1970: 1_763_564_400)

    @Test func shipmentsClockAndStats() async throws {
        let simulator = CarrierSimulator.quiet(.init(speed: 0, start: Self.start, seed: 99))
        try await simulator.withRunningServer { baseURL in
            let created = try await SimulatorHTTP.post(baseURL + "/_simulator/shipments", json: #"{"count":8,"seed":500}"#)
            #expect(created.status == 201)
            #expect(created.json?["count"] == .number(8))
            let carriers = created.json?["shipments"]?.arrayValue?.compactMap { $0["carrier"]?.stringValue } ?? []
            #expect(Set(carriers) == Set(SimulatedCarrier.all))

            let one = try await SimulatorHTTP.post(baseURL + "/_simulator/shipments",
                                                   json: #"{"carrier":"ups","tracking_number":"1Z999AA10123456784","seed":7}"#)
            #expect(one.status == 201)
            let detail = try #require(one.json?["shipments"]?.arrayValue?.first)
            #expect(detail["tracking_number"]?.stringValue == "1Z999AA10123456784")
            let steps = try #require(detail["steps"]?.arrayValue)
            #expect(steps.first?["visible"] == .bool(true))
            #expect(steps.last?["visible"] == .bool(false))
            // Times carry the offset of the scan's place.
            #expect(steps.first?["at"]?.stringValue?.hasSuffix("Z") == false)

            let listed = try await SimulatorHTTP.get(baseURL + "/_simulator/shipments?carrier=ups")
            #expect(listed.json?["count"] == .number(3))

            let advanced = try await SimulatorHTTP.post(baseURL + "/_simulator/clock", json: #"{"advance_seconds":2592000}"#)
            #expect(advanced.status == 200)
            #expect(simulator.clock.now() == Self.start.addingTimeInterval(30 * 86_400))
            let fetched = try await SimulatorHTTP.get(baseURL + "/_simulator/shipments/ups/1Z999AA10123456784")
            #expect(fetched.json?["status"]?.stringValue.map { ShipmentStatus(rawValue: $0)?.isTerminal == true } == true)

            let set = try await SimulatorHTTP.post(baseURL + "/_simulator/clock", json: #"{"set":"2025-12-01T09:00:00-05:00","speed":60}"#)
            #expect(set.json?["speed"] == .number(60))
            #expect(simulator.clock.now() >= Date(timeIntervalSince1970: 1_764_597_600))

            let stats = try await SimulatorHTTP.get(baseURL + "/_simulator/stats")
            #expect(stats.status == 200)
            #expect(stats.json?["requests"] != nil)
            #expect(stats.json?["faults_served"] != nil)
        }
    }

    @Test func badRequestsGetTheErrorShape() async throws {
        let simulator = CarrierSimulator.quiet(.init(speed: 0, start: Self.start))
        try await simulator.withRunningServer { baseURL in
            for body in [#"{"carrier":"pigeon"}"#, #"{"count":0}"#, #"{"count":"many"}"#, "not json", #"{"tracking_number":"X"}"#] {
                let reply = try await SimulatorHTTP.post(baseURL + "/_simulator/shipments", json: body)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.json?["error"]?["code"]?.stringValue != nil)
                #expect(reply.json?["error"]?["message"]?.stringValue != nil)
            }
            let backwards = try await SimulatorHTTP.post(baseURL + "/_simulator/clock", json: #"{"advance_seconds":-5}"#)
            #expect(backwards.status == 400)
            let missing = try await SimulatorHTTP.get(baseURL + "/_simulator/shipments/ups/1Z0")
            #expect(missing.status == 404)
            #expect(simulator.shipments.count == 0)
        }
    }

    @Test func aHandOverParcelIsTwoJourneysAndUPSNamesTheUSPSNumber() async throws {
        let simulator = CarrierSimulator.quiet(.init(speed: 0, start: Self.start, seed: 3))
        try await simulator.withRunningServer { baseURL in
            let created = try await SimulatorHTTP.post(baseURL + "/_simulator/shipments",
                                                       json: #"{"carrier":"ups","last_mile_carrier":"usps","seed":4,"start":"2025-11-01T00:00:00Z"}"#)
            #expect(created.status == 201)
            let shipments = created.json?["shipments"]?.arrayValue ?? []
            #expect(shipments.compactMap { $0["carrier"]?.stringValue } == ["ups", "usps"])
            let pic = try #require(shipments.first?["last_mile"]?["tracking_number"]?.stringValue)
            #expect(shipments.last?["tracking_number"]?.stringValue == pic)
            // The first journey ends handing over; the second starts at the post office.
            #expect(shipments.first?["steps"]?.arrayValue?.last?["substatus"]?.stringValue == "handed_to_last_mile")
            #expect(TrackingNumberDetector.candidates(for: pic).first?.checkDigitValid == true)
            let bad = try await SimulatorHTTP.post(baseURL + "/_simulator/shipments", json: #"{"last_mile_carrier":"usps","count":2}"#)
            #expect(bad.status == 400)
        }
    }
}
