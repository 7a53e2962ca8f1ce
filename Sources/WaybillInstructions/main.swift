// The fixed workloads whose instruction counts `scripts/instruction-guard` measures under
// valgrind's callgrind (machines here are too noisy for timings to catch a 15% slowdown).
//
//   WaybillInstructions normalize FILE CARRIER REPEAT   normalize FILE REPEAT times
//   WaybillInstructions append REPEAT                   append REPEAT batches of 1,000 events
//
// REPEAT 0 does the setup alone (start, read, open and migrate the store), so the guard takes
// (count(R) - count(0)) / R as the cost of one repetition. A synchronous entry point: valgrind
// 3.19 (Debian 12) crashes on Swift's async `main`, not on a detached task started from here
// (top-level code runs on the main actor, which the semaphore blocks).

import Dispatch
import Foundation
import Logging
import WaybillCarriers
import WaybillCore
import WaybillFeeds
import WaybillIngest
import WaybillNotify
import WaybillStore

enum Workload {
    static func normalize(file: String, carrier: String, repeat count: Int) throws {
        let body = try Data(contentsOf: URL(fileURLWithPath: file))
        guard let format = FeedRegistry.anyFormat(id: carrier) else { throw WorkloadError("unknown carrier \(carrier)") }
        let reportedAt = Date(timeIntervalSince1970: 1_800_000_000)
        for _ in 0..<count {
            _ = try NormalizedDocument.render(try format.read(body, reportedAt: reportedAt)).encoded()
        }
    }

    /// 100 shipments of 10 events each per batch, the shape of `waybill bench store`'s batches.
    static func append(repeat count: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-instructions-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "instructions")
        logger.logLevel = .critical
        let store = try await SQLStore.open(.sqlite(path: folder.appendingPathComponent("w.sqlite").path), logger: logger)
        try await store.migrate()
        let tenant = try await store.ensureTenant(named: "instructions")
        let pipeline = IngestPipeline(store: store, observers: [OutboxWriter()])
        for batch in 0..<count {
            var events: [IngestBatch.ShipmentEvent] = []
            for index in 0..<100 {
                let (shipment, _) = try await store.registerShipment(NewShipment(
                    tenantID: tenant.id, trackingNumber: "INSTR\(batch)X\(index)", carrier: "ups", actor: "instructions"))
                events += journey.map { IngestBatch.ShipmentEvent(shipmentID: shipment.id, event: $0) }
            }
            try await pipeline.ingest(IngestBatch(
                tenantID: tenant.id,
                raw: NewRawPayload(source: .api, carrier: "ups", contentType: "application/json", body: Data("{\"batch\":\(batch)}".utf8)),
                events: events, actor: "instructions"))
        }
        await store.shutdown()
    }

    static let journey: [CanonicalEvent] = {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let offset = UTCOffset(seconds: -5 * 3600)
        return (0..<10).map { index in
            let status: ShipmentStatus = index == 9 ? .delivered : index == 8 ? .outForDelivery : index == 0 ? .infoReceived : .inTransit
            let instant = start.addingTimeInterval(Double(index) * 3600)
            return CanonicalEvent(status: status, carrierCode: "X\(index)", carrierDescription: "Scan \(index)", occurredAt: instant,
                                  localTime: LocalDateTime(instant: instant, offset: offset), utcOffset: offset, zoneSource: .carrierOffset,
                                  location: Location(city: "Hub \(index % 7)", region: "KY", postalCode: "40209", country: "US"),
                                  sequence: index)
        }
    }()
}

struct WorkloadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

let arguments = Array(CommandLine.arguments.dropFirst())
let finished = DispatchSemaphore(value: 0)
nonisolated(unsafe) var failure: (any Error)?
Task.detached {
    do {
        switch (arguments.first, arguments.count) {
        case ("normalize", 4):
            try Workload.normalize(file: arguments[1], carrier: arguments[2], repeat: Int(arguments[3]) ?? 0)
        case ("append", 2):
            try await Workload.append(repeat: Int(arguments[1]) ?? 0)
        default:
            throw WorkloadError("usage: WaybillInstructions normalize FILE CARRIER REPEAT | append REPEAT")
        }
    } catch {
        failure = error
    }
    finished.signal()
}
finished.wait()
if let failure {
    FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
    exit(1)
}
