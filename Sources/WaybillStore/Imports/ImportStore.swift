import Foundation
import WaybillCore

/// Batch imports, file drops and re-processing of stored raw payloads (issue 4).
public protocol ImportStore: Sendable {
    /// Stores a raw payload as received (once per identical body) without queuing a parse job:
    /// files are parsed by their importer right after. Once this returns the body is durable.
    func storeRawPayload(_ raw: NewRawPayload, tenantID: String) async throws -> (rawPayloadID: String, isNew: Bool)

    /// Records an import of a stored file, queued for its worker (`import_file` job) in the same
    /// transaction. The same file imported again returns the existing import (`created` false).
    func createImport(_ new: NewFileImport) async throws -> (fileImport: FileImport, created: Bool)
    func fileImport(id: String, tenantID: String) async throws -> FileImport?
    func fileImports(tenantID: String, cursor: String?, limit: Int) async throws -> Page<FileImport>
    func updateImport(_ fileImport: FileImport) async throws

    /// Stored raw payloads to re-read, oldest first, across tenants unless one is given.
    func rawPayloadsForReprocessing(_ query: ReprocessQuery) async throws -> Page<RawPayload>
    /// For each of the tenant's events, seconds from the receipt of the payload that first
    /// reported it to the event's recording (the ingest part of freshness; benchmarks).
    func ingestDelays(tenantID: String) async throws -> [Double]
}

public struct NewFileImport: Sendable {
    public var tenantID: String
    public var rawPayloadID: String
    public var fileName: String
    public var actor: String

    public init(tenantID: String, rawPayloadID: String, fileName: String, actor: String) {
        self.tenantID = tenantID
        self.rawPayloadID = rawPayloadID
        self.fileName = fileName
        self.actor = actor
    }
}

/// One file being (or having been) imported, and its report.
public struct FileImport: Sendable, Hashable {
    public enum Status: String, Sendable, Codable { case queued, running, done, failed }

    public var id: String
    public var tenantID: String
    public var rawPayloadID: String
    public var fileName: String
    public var status: Status
    /// Detected format (`csv_shipments`, `csv`, `x12_214`, `iftsta`), once read.
    public var format: String?
    public var recordsTotal: Int
    public var recordsDone: Int
    public var shipmentsRegistered: Int
    public var eventsInserted: Int
    public var duplicates: Int
    /// Bad rows and segments (file, line or segment, reason) and carrier notices.
    public var issues: [String]
    /// ISA13 of each X12 interchange answered with a 997.
    public var acknowledgedInterchanges: [String]
    public var error: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    public init(id: String, tenantID: String, rawPayloadID: String, fileName: String, status: Status, format: String? = nil,
                recordsTotal: Int = 0, recordsDone: Int = 0, shipmentsRegistered: Int = 0, eventsInserted: Int = 0,
                duplicates: Int = 0, issues: [String] = [], acknowledgedInterchanges: [String] = [], error: String? = nil,
                createdAt: Date, updatedAt: Date, finishedAt: Date? = nil) {
        self.id = id
        self.tenantID = tenantID
        self.rawPayloadID = rawPayloadID
        self.fileName = fileName
        self.status = status
        self.format = format
        self.recordsTotal = recordsTotal
        self.recordsDone = recordsDone
        self.shipmentsRegistered = shipmentsRegistered
        self.eventsInserted = eventsInserted
        self.duplicates = duplicates
        self.issues = issues
        self.acknowledgedInterchanges = acknowledgedInterchanges
        self.error = error
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
    }
}

public struct ReprocessQuery: Sendable {
    public var tenantID: String?
    public var carrier: String?
    public var since: Date?
    /// nil: every payload; `.failed` re-reads only those that failed.
    public var status: RawPayloadStatus?
    /// The id of the last payload of the previous page.
    public var cursor: String?
    public var limit: Int

    public init(tenantID: String? = nil, carrier: String? = nil, since: Date? = nil, status: RawPayloadStatus? = nil,
                cursor: String? = nil, limit: Int = 100) {
        self.tenantID = tenantID
        self.carrier = carrier
        self.since = since
        self.status = status
        self.cursor = cursor
        self.limit = limit
    }
}

/// What re-reading one payload changed.
public struct ReprocessOutcome: Sendable {
    public struct Remap: Sendable, Hashable {
        public var eventID: String
        public var shipmentID: String
        public var carrierCode: String?
        public var before: String
        public var after: String
    }

    public var rawPayloadID: String
    public var remapped: [Remap]
    public var added: Int
    public var unchanged: Int
    public var changes: [ShipmentChange]

    public init(rawPayloadID: String, remapped: [Remap], added: Int, unchanged: Int, changes: [ShipmentChange]) {
        self.rawPayloadID = rawPayloadID
        self.remapped = remapped
        self.added = added
        self.unchanged = unchanged
        self.changes = changes
    }
}
