import Foundation
import SQLKit
import WaybillCore

/// A carrier code Waybill could not classify (neither its mapping table nor its text), with the
/// texts it came with: what an operator should map next.
public struct UnmappedCode: Sendable, Hashable {
    public struct Text: Sendable, Hashable {
        public var text: String?
        public var count: Int
    }

    public var carrier: String
    public var code: String?
    public var count: Int
    public var texts: [Text]
    public var firstSeenAt: Date
    public var lastSeenAt: Date
}

extension SQLStore {
    /// The tenant's events flagged `unmapped`, grouped by carrier and code, most frequent first.
    public func unmappedCodes(tenantID: String) async throws -> [UnmappedCode] {
        let rows = try await backend.read { db in
            try await db.raw("""
                SELECT COALESCE(e.carrier, s.carrier) AS carrier, e.carrier_code, e.carrier_description,
                    COUNT(*) AS events, MIN(e.recorded_at) AS first_seen, MAX(e.recorded_at) AS last_seen
                FROM events e JOIN shipments s ON s.tenant_id = e.tenant_id AND s.id = e.shipment_id
                WHERE e.tenant_id = \(bind: tenantID) AND e.substatus = 'unmapped' AND e.superseded_by IS NULL
                GROUP BY COALESCE(e.carrier, s.carrier), e.carrier_code, e.carrier_description
                """).all()
        }
        var codes: [String: UnmappedCode] = [:]
        for row in rows {
            let carrier = try row.optionalText("carrier") ?? "unknown"
            let code = try row.optionalText("carrier_code")
            let count = try row.int("events")
            let first = try row.date("first_seen"), last = try row.date("last_seen")
            let key = carrier + "\u{1F}" + (code ?? "")
            var entry = codes[key] ?? UnmappedCode(carrier: carrier, code: code, count: 0, texts: [], firstSeenAt: first, lastSeenAt: last)
            entry.count += count
            entry.texts.append(.init(text: try row.optionalText("carrier_description"), count: count))
            entry.firstSeenAt = min(entry.firstSeenAt, first)
            entry.lastSeenAt = max(entry.lastSeenAt, last)
            codes[key] = entry
        }
        return codes.values
            .map { code in var code = code; code.texts.sort { ($0.count, $1.text ?? "") > ($1.count, $0.text ?? "") }; return code }
            .sorted { ($0.count, $1.carrier, $1.code ?? "") > ($1.count, $0.carrier, $0.code ?? "") }
    }
}
