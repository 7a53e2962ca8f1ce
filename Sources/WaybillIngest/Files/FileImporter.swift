import Foundation
import WaybillCarriers
import WaybillCore
import WaybillFeeds
import WaybillStore

/// How far an import has come, for progress bars and the import's status resource.
public struct ImportProgress: Sendable {
    public var recordsDone: Int
    public var recordsTotal: Int

    public init(recordsDone: Int, recordsTotal: Int) {
        self.recordsDone = recordsDone
        self.recordsTotal = recordsTotal
    }
}

/// What importing one file did.
public struct ImportResult: Sendable {
    public var rawPayloadID: String
    public var format: FeedFileFormat?
    public var recordsTotal = 0
    public var shipmentsRegistered = 0
    public var eventsInserted = 0
    public var duplicates = 0
    /// Bad rows and segments, and carrier notices (rejected transaction sets, not-found numbers).
    public var issues: [String] = []
    /// Rows not registered because their tracking number belongs to another order already:
    /// `<file>: line <n>: tracking_number <number> is registered to order <a>, not <b>`.
    public var conflicts: [String] = []
    /// One 997 per X12 interchange: (ISA13 answered, 997 text).
    public var acknowledgments: [(interchangeControlNumber: String, text: String)] = []
    /// Set when nothing could be read: the file goes to `failed/` and the payload is marked failed.
    public var failure: String?

    public var succeeded: Bool { failure == nil }
}

/// Imports a file of any supported format for one tenant: the body is stored as a raw payload
/// first (durable, once per identical body), then read; shipments are registered or events
/// appended in chunks, each chunk one transaction. Running the same file again (after a crash
/// or a kill) finishes the work without duplicates: registration and events are idempotent.
public struct FileImporter: Sendable {
    /// Shipments per transaction: small enough to show progress and lose little on a kill.
    public static let chunkSize = 250

    let pipeline: IngestPipeline

    public init(pipeline: IngestPipeline) {
        self.pipeline = pipeline
    }

    /// Stores the file as a raw payload under its format (nil: not a supported file); returns its id.
    public func store(_ data: Data, format: FeedFileFormat?, tenantID: String) async throws -> String {
        let raw = NewRawPayload(source: format?.source ?? .file, carrier: format?.carrierID,
                                contentType: format?.contentType ?? "application/octet-stream", body: data)
        return try await pipeline.store.storeRawPayload(raw, tenantID: tenantID).rawPayloadID
    }

    /// Stores and imports a file.
    public func importFile(_ data: Data, fileName: String, tenantID: String, actor: String,
                           progress: @Sendable (ImportProgress) async -> Void = { _ in }) async throws -> ImportResult {
        let format = FeedFileFormat.detect(data)
        let rawPayloadID = try await store(data, format: format, tenantID: tenantID)
        return try await importStored(rawPayloadID: rawPayloadID, data: data, format: format, fileName: fileName,
                                      tenantID: tenantID, actor: actor, progress: progress)
    }

    /// Imports a file already stored as raw payload `rawPayloadID` (`format` as detected when stored).
    public func importStored(rawPayloadID: String, data: Data, format: FeedFileFormat?, fileName: String, tenantID: String,
                             actor: String, progress: @Sendable (ImportProgress) async -> Void = { _ in }) async throws -> ImportResult {
        let read = FeedFileReader.read(data, fileName: fileName, format: format)
        var result = ImportResult(rawPayloadID: rawPayloadID, format: read.unreadable == nil ? read.format : nil)
        result.issues = read.issues + read.result.notices.map(Self.describe)
        result.acknowledgments = read.acknowledgments
        result.recordsTotal = read.recordCount
        if let unreadable = read.unreadable {
            result.failure = unreadable
            try await pipeline.store.markRawPayloadFailed(id: rawPayloadID, tenantID: tenantID, reason: unreadable)
            return result
        }
        await progress(ImportProgress(recordsDone: 0, recordsTotal: result.recordsTotal))
        if read.format == .csvShipments {
            try await register(read.shipmentsToRegister, fileName: fileName, tenantID: tenantID, actor: actor, into: &result,
                               progress: progress)
            // Marks the payload parsed (a CSV of shipments has no events).
            try await pipeline.ingest(storedPayload: rawPayloadID, source: .file, tenantID: tenantID, events: [], actor: actor)
        } else {
            try await appendEvents(read.result.shipments, rawPayloadID: rawPayloadID, format: read.format,
                                   tenantID: tenantID, actor: actor, into: &result, progress: progress)
        }
        return result
    }

    /// Registers each row as `POST /v1/shipments` would, without reassigning orders: a row naming another order
    /// than its number's shipment is a conflict, an unknown carrier an issue, and neither stops the other rows.
    private func register(_ rows: [ShipmentRow], fileName: String, tenantID: String, actor: String, into result: inout ImportResult,
                          progress: @Sendable (ImportProgress) async -> Void) async throws {
        let registrar = ShipmentRegistrar(store: pipeline.store)
        for (index, row) in rows.enumerated() {
            let customer = Customer(email: row.email, phone: row.phone, postalCode: row.postalCode, locale: row.locale,
                                    timeZone: row.timeZone)
            let at = "\(fileName): line \(row.line)"
            do {
                let registered = try await registrar.register(ShipmentRegistrar.Request(
                    tenantID: tenantID, trackingNumber: TrackingNumber.normalize(row.trackingNumber), carrier: row.carrier,
                    orderID: row.orderID, customer: customer, metadata: row.metadata, actor: actor))
                if registered.created { result.shipmentsRegistered += 1 }
                result.issues += registered.warnings.map { "\(at): \($0)" }
            } catch ShipmentRegistrar.Failure.invalidTrackingNumber(let problem) {
                result.issues.append("\(at): \(problem); the row was not registered")
            } catch ShipmentRegistrar.Failure.unknownCarrier(let carrier, _) {
                result.issues.append("\(at): carrier: \"\(carrier)\" is not a carrier Waybill knows; the row was not registered")
            } catch ShipmentRegistrar.Failure.orderConflict(let conflict) {
                result.conflicts.append("\(at): tracking_number \(conflict.trackingNumber) is registered to order "
                                        + "\(conflict.currentOrderID), not \(conflict.requestedOrderID); the row was not applied")
            }
            if (index + 1) % Self.chunkSize == 0 || index + 1 == rows.count {
                await progress(ImportProgress(recordsDone: index + 1, recordsTotal: rows.count))
            }
        }
    }

    private func appendEvents(_ shipments: [ParsedShipment], rawPayloadID: String, format: FeedFileFormat, tenantID: String,
                              actor: String, into result: inout ImportResult,
                              progress: @Sendable (ImportProgress) async -> Void) async throws {
        let resolver = ShipmentResolver(store: pipeline.store)
        let source = format.source
        var done = 0
        for chunk in shipments.chunked(Self.chunkSize) {
            let resolved = try await resolver.resolve(chunk, tenantID: tenantID, actor: actor)
            result.issues += resolved.notices.map(Self.describe)
            let outcome = try await pipeline.ingest(storedPayload: rawPayloadID, source: source, carrier: format.carrierID,
                                                    tenantID: tenantID, events: resolved.events, estimates: resolved.estimates,
                                                    actor: actor)
            result.eventsInserted += outcome.insertedEventIDs.count
            result.duplicates += outcome.duplicateCount
            done += chunk.count
            await progress(ImportProgress(recordsDone: done, recordsTotal: shipments.count))
        }
        if shipments.isEmpty {
            try await pipeline.ingest(storedPayload: rawPayloadID, source: source, tenantID: tenantID, events: [], actor: actor)
        }
    }

    private static func describe(_ notice: CarrierNotice) -> String {
        [notice.trackingNumber, notice.code, notice.message].compactMap { $0 }.joined(separator: ": ")
    }
}

extension FeedFileFormat {
    /// EDI interchanges are `edi`; CSV files are `file`.
    var source: EventSource {
        switch self {
        case .x12214, .iftsta: .edi
        case .csvShipments, .csvEvents: .file
        }
    }

    var contentType: String {
        switch self {
        case .x12214: "application/edi-x12"
        case .iftsta: "application/edifact"
        case .csvShipments, .csvEvents: "text/csv"
        }
    }
}
