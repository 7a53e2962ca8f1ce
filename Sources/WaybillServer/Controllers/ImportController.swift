import Foundation
import Hummingbird
import WaybillCore
import WaybillFeeds
import WaybillIngest
import WaybillStore

/// `/v1/imports`: upload a file (CSV of shipments or events, X12 214, EDIFACT IFTSTA) to import in
/// the background; the import is a status resource with progress, counts and the report.
struct ImportController: Sendable {
    let store: any Store
    let importer: FileImporter
    let worker: ImportWorker
    static let maxBodySize = 100 * 1024 * 1024

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.post("imports", use: create)
        group.get("imports", use: list)
        group.get("imports/:id", use: show)
        group.get("imports/:id/acknowledgment", use: acknowledgment)
    }

    /// `POST /v1/imports?file_name=NAME` with the file as the body: 202 once the file is stored.
    /// The body is spooled to disk as it arrives, never collected in memory.
    /// The same file posted again answers with the existing import.
    @Sendable func create(_ request: Request, context: WaybillRequestContext) async throws -> EditedResponse<FileImportResponse> {
        let principal = try context.require(.writeShipments)
        let fileName = request.uri.queryParameters.get("file_name") ?? "upload"
        guard !fileName.isEmpty, fileName.count <= 255, !fileName.contains("/") else {
            throw InvalidField(path: "file_name", reason: "must be a file name of 1 to 255 characters without /")
        }
        let file = try await UploadSpool.write(request.body, limit: Self.maxBodySize, context: context)
        defer { try? FileManager.default.removeItem(at: file) }
        // Mapped, not read: the pages come from the file as the store copies them.
        let data = try Data(contentsOf: file, options: .alwaysMapped)
        guard !data.isEmpty else { throw APIError.badRequest("invalid_request", "the body is empty: send the file as the request body") }
        guard let format = FeedFileFormat.detect(data) else {
            throw APIError.badRequest("unsupported_format",
                                      "not a supported file: X12 214, EDIFACT IFTSTA, or CSV with a tracking_number column")
        }
        let rawPayloadID = try await importer.store(data, format: format, tenantID: principal.tenantID)
        let (item, created) = try await store.createImport(NewFileImport(
            tenantID: principal.tenantID, rawPayloadID: rawPayloadID, fileName: fileName, actor: principal.actor))
        if created { worker.nudge() }
        return EditedResponse(status: created ? .accepted : .ok, response: FileImportResponse(item))
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> PageResponse<FileImportResponse> {
        let principal = try context.require(.readShipments)
        let cursor = request.uri.queryParameters.get("cursor")
        if let cursor, !Identifier.isValid(cursor, kind: .fileImport) {
            throw InvalidField(path: "cursor", reason: "is not a cursor from a previous page")
        }
        let page = try await store.fileImports(tenantID: principal.tenantID, cursor: cursor,
                                               limit: try request.queryInt("limit", default: 50, range: 1...500))
        return PageResponse(data: page.items.map(FileImportResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> FileImportResponse {
        let principal = try context.require(.readShipments)
        let id = try context.parameters.require("id")
        guard let item = try await store.fileImport(id: id, tenantID: principal.tenantID) else { throw APIError.notFound("import", id) }
        return FileImportResponse(item)
    }

    /// The 997s answering an X12 file's interchanges.
    @Sendable func acknowledgment(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.readShipments)
        let id = try context.parameters.require("id")
        guard let item = try await store.fileImport(id: id, tenantID: principal.tenantID),
              let raw = try await store.rawPayload(id: item.rawPayloadID, tenantID: principal.tenantID) else {
            throw APIError.notFound("import", id)
        }
        let acknowledgments = FeedFileReader.read(raw.body, fileName: item.fileName).acknowledgments
        guard !acknowledgments.isEmpty else {
            throw APIError(status: .notFound, code: "not_found", message: "import \(id) is not an X12 file with interchanges to acknowledge")
        }
        return Response(status: .ok, headers: [.contentType: "application/edi-x12"],
                        body: .init(byteBuffer: ByteBuffer(string: acknowledgments.map(\.text).joined())))
    }
}
