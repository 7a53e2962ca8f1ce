import ArgumentParser
import Foundation
import WaybillCarriers
import WaybillCore

/// `waybill bench normalize`: parse, map and resolve one carrier file N times; beside it, the
/// limit: bare `JSONDecoder` decoding of the same file into minimal Codable structs, timed in
/// alternating slices with normalization so the ratio holds on a busy machine.
struct NormalizeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize", abstract: "Normalization rate of a carrier file, beside bare JSON decoding of it.")

    @Option(help: "Carrier id.") var carrier: String
    @Option(help: "How many times to parse the file.") var iterations: Int = 1000
    @Argument(help: "A carrier response or webhook body.") var file: String

    func run() async throws {
        guard let adapter = CarrierRegistry.adapter(id: carrier) else {
            throw ValidationError("unknown carrier \(carrier)")
        }
        guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
        let body = try Data(contentsOf: URL(fileURLWithPath: file))
        let events = try adapter.parse(body).shipments.reduce(0) { $0 + $1.events.count }
        guard events > 0 else { throw ValidationError("\(file) holds no events to measure") }

        var fields: [String: JSONValue] = [
            "carrier": .string(carrier), "file": .string((file as NSString).lastPathComponent),
            "iterations": .number(Double(iterations)), "events_per_parse": .number(Double(events)),
        ]
        let now = Date()
        let normalize = {
            // What ingest runs: the adapter's parse and the checks every body gets.
            let result = try adapter.read(body, reportedAt: now)
            // Normalization includes deriving each shipment's state, as ingest does.
            for shipment in result.shipments { _ = shipment.state }
        }
        var seconds = 0.0
        if let decode = BareDecoding.decoders[carrier] {
            let bareEvents = try decode(body)
            // Alternating slices of both, so that a busy machine slows both alike.
            var bareSeconds = 0.0
            for slice in Self.slices(of: iterations) {
                seconds += try Self.time(slice, normalize)
                bareSeconds += try Self.time(slice) { _ = try decode(body) }
            }
            fields["bare_decode_events_per_sec"] = .number(Double(Int(Double(bareEvents * iterations) / bareSeconds)))
            fields["normalize_vs_bare"] = .number((Double(events) / seconds / (Double(bareEvents) / bareSeconds) * 1000).rounded() / 1000)
        } else {
            seconds = try Self.time(iterations, normalize)
        }
        fields["events_per_sec"] = .number(Double(Int(Double(events * iterations) / seconds)))
        fields["peak_rss_mb"] = .number(Self.peakResidentMegabytes())
        print(String(decoding: JSONValue.object(fields).encoded(), as: UTF8.self))
    }

    /// `iterations` in slices of up to 200.
    static func slices(of iterations: Int) -> [Int] {
        stride(from: 0, to: iterations, by: 200).map { min(200, iterations - $0) }
    }

    static func time(_ iterations: Int, _ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<iterations { try body() }
        let elapsed = clock.now - start
        return elapsed.timeInterval
    }

    /// VmHWM of /proc/self/status: the most memory the process has held.
    static func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return (kilobytes / 1024 * 10).rounded() / 10
    }
}

/// The limit for normalization: decoding the same file into the smallest Codable structs that
/// still read every event's time, code, text and place, and nothing else. Returns the events.
enum BareDecoding {
    static let decoders: [String: @Sendable (Data) throws -> Int] = [
        "ups": { try JSONDecoder().decode(UPS.self, from: $0).trackResponse.shipment.flatMap { $0.package ?? [] }.reduce(0) { $0 + ($1.activity?.count ?? 0) } },
        "fedex": { try JSONDecoder().decode(FedEx.self, from: $0).output.completeTrackResults.flatMap(\.trackResults).reduce(0) { $0 + ($1.scanEvents?.count ?? 0) } },
        "dhl": { try JSONDecoder().decode(DHL.self, from: $0).shipments.reduce(0) { $0 + ($1.events?.count ?? 0) } },
        "usps": { try JSONDecoder().decode(USPS.self, from: $0).trackingEvents?.count ?? 0 },
    ]

    struct Place: Decodable { var city: String?; var stateProvince: String?; var postalCode: String?; var countryCode: String? }

    struct UPS: Decodable {
        struct Response: Decodable { var shipment: [Shipment] }
        struct Shipment: Decodable { var package: [Package]? }
        struct Package: Decodable { var activity: [Activity]? }
        struct Activity: Decodable {
            struct Status: Decodable { var type: String?; var code: String?; var description: String? }
            struct Location: Decodable { var address: Place? }
            var date: String?; var time: String?; var gmtDate: String?; var gmtTime: String?; var gmtOffset: String?
            var status: Status?; var location: Location?
        }
        var trackResponse: Response
    }

    struct FedEx: Decodable {
        struct Output: Decodable { var completeTrackResults: [Complete] }
        struct Complete: Decodable { var trackResults: [Result] }
        struct Result: Decodable { var scanEvents: [Event]? }
        struct Event: Decodable {
            struct Location: Decodable { var city: String?; var stateOrProvinceCode: String?; var postalCode: String?; var countryCode: String? }
            var date: String?; var eventType: String?; var eventDescription: String?; var scanLocation: Location?
        }
        var output: Output
    }

    struct DHL: Decodable {
        struct Shipment: Decodable { var events: [Event]? }
        struct Event: Decodable {
            struct Location: Decodable {
                struct Address: Decodable { var addressLocality: String?; var postalCode: String?; var countryCode: String? }
                var address: Address?
            }
            var timestamp: String?; var statusCode: String?; var status: String?; var description: String?; var location: Location?
        }
        var shipments: [Shipment]
    }

    struct USPS: Decodable {
        struct Event: Decodable {
            var eventTimestamp: String?; var eventType: String?; var eventCode: String?
            var eventCity: String?; var eventState: String?; var eventZIP: String?; var eventCountry: String?
        }
        var trackingEvents: [Event]?
    }
}
