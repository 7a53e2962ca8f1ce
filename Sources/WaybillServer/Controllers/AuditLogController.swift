import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// `GET /v1/audit-log` (admin): the tenant's tamper-evident log in chain order, filtered, as
/// pages of JSON or, with `format=ndjson` (or `Accept: application/x-ndjson`), every matching
/// entry as one NDJSON export, itself audited.
struct AuditLogController: Sendable {
    let store: any Store
    static let exportPageSize = 1000

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("audit-log", use: list)
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        var query = try Self.query(request, tenantID: principal.tenantID)
        let wantsNDJSON = request.uri.queryParameters.get("format") == "ndjson"
            || request.headers[.accept]?.contains("application/x-ndjson") == true
        guard wantsNDJSON else {
            let entries = try await store.auditLog(query)
            let next = entries.count == query.limit ? entries.last?.chainSeq.map { String($0) } : nil
            return try JSONResponse.make(.ok, encoding: PageResponse(data: entries.map { AuditEntryResponse($0, tenantID: principal.tenantID) }, nextCursor: next))
        }
        var filters = ["format": "ndjson"]
        for name in Self.filterNames { filters[name] = request.uri.queryParameters.get(name).map { String($0) } }
        try await store.recordAudit(NewAuditRecord(tenantID: principal.tenantID, actor: principal.actor, action: "audit_log.exported",
                                                   subjectType: "audit_log", subjectID: principal.tenantID, details: filters))
        let store = self.store
        query.limit = Self.exportPageSize
        let firstPage = query
        let tenantID = principal.tenantID
        let body = ResponseBody { writer in
            var query = firstPage
            while true {
                let entries = try await store.auditLog(query)
                var buffer = ByteBuffer()
                for entry in entries {
                    buffer.writeBytes(try JSONValue(encoding: AuditEntryResponse(entry, tenantID: tenantID)).encoded())
                    buffer.writeString("\n")
                }
                try await writer.write(buffer)
                guard entries.count == query.limit, let last = entries.last?.chainSeq else { break }
                query.afterChainSeq = last
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson",
                                               .contentDisposition: "attachment; filename=\"audit-log.ndjson\""], body: body)
    }

    static let filterNames = ["action", "actor", "subject_type", "subject_id", "since", "until"]

    static func query(_ request: Request, tenantID: String) throws -> AuditLogQuery {
        let parameters = request.uri.queryParameters
        var query = AuditLogQuery(tenantID: tenantID)
        query.action = parameters.get("action").map { String($0) }
        query.actor = parameters.get("actor").map { String($0) }
        query.subjectType = parameters.get("subject_type").map { String($0) }
        query.subjectID = parameters.get("subject_id").map { String($0) }
        query.since = try parameters.get("since").map { try time(String($0), parameter: "since") }
        query.until = try parameters.get("until").map { try time(String($0), parameter: "until") }
        if let cursor = parameters.get("cursor") {
            guard let after = Int64(cursor), after >= 0 else {
                throw APIError.badRequest("invalid_request", "cursor must be a next_cursor from a previous page",
                                          details: .object(["path": .string("cursor")]))
            }
            query.afterChainSeq = after
        }
        query.limit = try request.queryInt("limit", default: 100, range: 1...1000)
        return query
    }

    private static func time(_ text: String, parameter: String) throws -> Date {
        guard let parsed = Timestamp.parse(text) else {
            throw APIError.badRequest("invalid_request", "\(parameter) must be an ISO 8601 time with an offset, e.g. 2026-12-01T00:00:00Z",
                                      details: .object(["path": .string(parameter)]))
        }
        return parsed.date
    }
}

/// An audit entry with the hashes that chain it.
struct AuditEntryResponse: Encodable, Sendable {
    let id: String
    let tenantID: String
    let chainSeq: Int64?
    let at: String
    let actor: String
    let action: String
    let subjectType: String
    let subjectID: String
    let details: JSONValue
    /// `details` exactly as stored and hashed, so an export can be verified without Waybill.
    let detailsText: String
    let prevHash: String?
    let hash: String?

    enum CodingKeys: String, CodingKey {
        case id, at, actor, action, details, hash
        case tenantID = "tenant_id"
        case chainSeq = "chain_seq"
        case subjectType = "subject_type"
        case subjectID = "subject_id"
        case prevHash = "prev_hash"
        case detailsText = "details_text"
    }

    init(_ entry: AuditEntry, tenantID: String) {
        id = entry.id
        self.tenantID = tenantID
        chainSeq = entry.chainSeq
        at = entry.storedAt
        actor = entry.actor
        action = entry.action
        subjectType = entry.subjectType
        subjectID = entry.subjectID
        details = (try? JSONValue.parse(Data(entry.details.utf8))) ?? .string(entry.details)
        detailsText = entry.details
        prevHash = entry.prevHash
        hash = entry.hash
    }
}
