import Foundation
import Hummingbird
import WaybillStore

/// A file import: its progress, counts and report.
struct FileImportResponse: ResponseEncodable, Sendable {
    let id: String
    let status: String
    let fileName: String
    let format: String?
    let rawPayloadID: String
    let recordsTotal: Int
    let recordsDone: Int
    let shipmentsRegistered: Int
    let eventsInserted: Int
    let duplicates: Int
    let issues: [String]
    let acknowledgedInterchanges: [String]
    let error: String?
    let createdAt: Date
    let updatedAt: Date
    let finishedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, status, format, duplicates, issues, error
        case fileName = "file_name"
        case rawPayloadID = "raw_payload_id"
        case recordsTotal = "records_total"
        case recordsDone = "records_done"
        case shipmentsRegistered = "shipments_registered"
        case eventsInserted = "events_inserted"
        case acknowledgedInterchanges = "acknowledged_interchanges"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case finishedAt = "finished_at"
    }

    init(_ item: FileImport) {
        id = item.id
        status = item.status.rawValue
        fileName = item.fileName
        format = item.format
        rawPayloadID = item.rawPayloadID
        recordsTotal = item.recordsTotal
        recordsDone = item.recordsDone
        shipmentsRegistered = item.shipmentsRegistered
        eventsInserted = item.eventsInserted
        duplicates = item.duplicates
        issues = item.issues
        acknowledgedInterchanges = item.acknowledgedInterchanges
        error = item.error
        createdAt = item.createdAt
        updatedAt = item.updatedAt
        finishedAt = item.finishedAt
    }
}
