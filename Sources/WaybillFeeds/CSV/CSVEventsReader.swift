import Foundation
import WaybillCarriers
import WaybillCore

/// Reads a CSV of tracking events. The header row is required; columns may come in any order:
///
/// | column | required | content |
/// |---|---|---|
/// | `tracking_number` | yes | the carrier's number |
/// | `carrier` | no | carrier id (`ups`, `dhl`, …); `csv` when empty |
/// | `status` | yes | canonical status (`in_transit`, `delivered`, …; DESIGN.md taxonomy) |
/// | `substatus` | no | canonical substatus (`delivered_signed`, …) |
/// | `reason` | no | canonical reason (`consignee_not_home`, …) |
/// | `occurred_at` | one of the two | RFC 3339 with offset (`2026-11-20T14:05:00+01:00`); `Z`/`-00:00` is a UTC instant only |
/// | `local_time` | one of the two | wall clock `YYYY-MM-DDTHH:MM[:SS]` or a date `YYYY-MM-DD`, resolved from `utc_offset`, else from the location |
/// | `utc_offset` | no | `+01:00` beside `local_time` |
/// | `description` | no | the carrier's text, kept untouched |
/// | `carrier_code` | no | the carrier's code, kept as text |
/// | `city`, `region`, `postal_code`, `country` | no | where; `country` is ISO 3166-1 alpha-2 |
/// | `action_required` | no | `true`/`false`, `yes`/`no`, `1`/`0`; empty is false |
///
/// Quoting per RFC 4180; UTF-8 with or without BOM; CRLF or LF. Each bad row is reported with
/// its line and reason and skipped; good rows are kept. Events are grouped into one shipment per
/// carrier and tracking number, oldest first.
public enum CSVEventsReader {
    static let formatID = "csv"

    static let columns: Set<String> = [
        "tracking_number", "carrier", "status", "substatus", "reason", "occurred_at", "local_time", "utc_offset",
        "description", "carrier_code", "city", "region", "postal_code", "country", "action_required",
    ]
    static let requiredColumns = ["tracking_number", "status"]

    public static func read(_ data: Data, fileName: String) -> (result: CarrierParseResult, report: CSVReport) {
        var report = CSVReport(fileName: fileName)
        let records = CSVTable.records(data)
        guard let headerRecord = records.first else {
            report.issues.append(CSVIssue(line: 1, reason: "empty file: a header row is required"))
            return (CarrierParseResult(shipments: []), report)
        }
        let header = CSVHeader(headerRecord, known: columns)
        report.issues += header.issues
        let missing = header.missing(requiredColumns)
        guard missing.isEmpty, headerRecord.problem == nil else {
            let reason = headerRecord.problem ?? "header lacks required column(s) \(missing.joined(separator: ", "))"
            report.issues.append(CSVIssue(line: headerRecord.line, reason: reason))
            report.rowCount = records.count - 1
            return (CarrierParseResult(shipments: []), report)
        }
        var rows: [CSVEventRow] = []
        for record in records.dropFirst() {
            report.rowCount += 1
            switch row(record, header: header) {
            case .success(let row): rows.append(row)
            case .failure(let issue): report.issues.append(issue)
            }
        }
        report.keptCount = rows.count
        return (CarrierParseResult(shipments: shipments(from: rows)), report)
    }

    /// Whether the header names the required columns (the format's signature).
    static func hasEventsHeader(_ data: Data) -> Bool {
        guard let header = CSVTable.records(data.prefix(4096)).first else { return false }
        let names = Set(header.fields.map { $0.trimmed.lowercased() })
        return requiredColumns.allSatisfy(names.contains)
    }

    private static func row(_ record: CSVRecord, header: CSVHeader) -> Result<CSVEventRow, CSVIssue> {
        func fail(_ column: String?, _ reason: String) -> Result<CSVEventRow, CSVIssue> {
            .failure(CSVIssue(line: record.line, column: column, reason: reason))
        }
        if let problem = record.problem { return fail(nil, problem) }
        guard record.fields.count == header.count else {
            return fail(nil, "\(record.fields.count) fields, the header has \(header.count)")
        }
        let fields = record.fields
        func value(_ column: String) -> String? { header.value(column, in: fields) }

        guard let number = value("tracking_number") else { return fail("tracking_number", "empty") }
        guard let statusText = value("status") else { return fail("status", "empty") }
        guard let status = ShipmentStatus(rawValue: statusText.lowercased()) else {
            return fail("status", "\"\(statusText)\" is not a canonical status (\(ShipmentStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var event = CanonicalEvent(status: status, carrierCode: value("carrier_code"), carrierDescription: value("description"))
        if let text = value("substatus") {
            guard let substatus = Substatus(rawValue: text.lowercased()) else { return fail("substatus", "\"\(text)\" is not a canonical substatus") }
            event.substatus = substatus
        }
        if let text = value("reason") {
            guard let reason = Reason(rawValue: text.lowercased()) else { return fail("reason", "\"\(text)\" is not a canonical reason") }
            event.reason = reason
        }
        if let text = value("action_required") {
            switch text.lowercased() {
            case "true", "yes", "y", "1": event.actionRequired = true
            case "false", "no", "n", "0": event.actionRequired = false
            default: return fail("action_required", "\"\(text)\" is not true/false, yes/no or 1/0")
            }
        }
        var location = Location(city: value("city"), region: value("region"), postalCode: value("postal_code"))
        if let text = value("country") {
            let upper = text.uppercased()
            guard upper.count == 2, upper.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                return fail("country", "\"\(text)\" is not an ISO 3166-1 alpha-2 code")
            }
            location.country = upper
        }
        event.location = location.isEmpty ? nil : location

        var instant: (date: Date, offset: UTCOffset, utcOnly: Bool)?
        if let text = value("occurred_at") {
            guard let parsed = Timestamp.parse(text) else { return fail("occurred_at", "not an RFC 3339 timestamp") }
            // `Z` and `-00:00` say "UTC known, local offset unknown" (RFC 3339 §4.3).
            let utcOnly = text.hasSuffix("Z") || text.hasSuffix("z") || text.hasSuffix("-00:00")
            instant = (parsed.date, parsed.offset, utcOnly)
        }
        var local: LocalDateTime?
        if let text = value("local_time") {
            guard let parsed = LocalDateTime(parsing: text) else {
                return fail("local_time", "not a local date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS])")
            }
            local = parsed
        }
        var offset: UTCOffset?
        if let text = value("utc_offset") {
            guard let parsed = UTCOffset(parsing: text) else { return fail("utc_offset", "not an offset such as +01:00") }
            guard local != nil else { return fail("utc_offset", "given without local_time") }
            offset = parsed
        }
        let resolved: ZoneResolver.Resolved
        switch (instant, local) {
        case (nil, nil):
            return fail("occurred_at", "empty, and no local_time either: one of them is required")
        case let (instant?, nil):
            resolved = instant.utcOnly
                ? ZoneResolver.resolve(local: nil, utc: instant.date, location: event.location)
                : ZoneResolver.resolve(local: LocalDateTime(instant: instant.date, offset: instant.offset), offset: instant.offset)
        case let (instant, local?):
            resolved = ZoneResolver.resolve(local: local, offset: offset ?? instant.flatMap { $0.utcOnly ? nil : $0.offset },
                                            utc: instant?.date, location: event.location)
        }
        event.occurredAt = resolved.occurredAt
        event.localTime = resolved.localTime
        event.utcOffset = resolved.utcOffset
        event.zoneSource = resolved.zoneSource
        let carrier = value("carrier")?.lowercased() ?? formatID
        return .success(CSVEventRow(carrier: carrier, number: number, event: event))
    }

    /// One shipment per carrier and tracking number, in order of first appearance, events oldest
    /// first (by instant, else local time; rows keep file order on ties).
    private static func shipments(from rows: [CSVEventRow]) -> [ParsedShipment] {
        var order: [String] = []
        var grouped: [String: [CanonicalEvent]] = [:]
        var identity: [String: (String, String)] = [:]
        for row in rows {
            let key = row.carrier + "\u{0}" + row.number
            if grouped[key] == nil {
                order.append(key)
                identity[key] = (row.carrier, row.number)
            }
            grouped[key, default: []].append(row.event)
        }
        return order.map { key in
            let events = grouped[key] ?? []
            let keys = events.map { $0.occurredAt ?? $0.localTime?.instant(atOffset: UTCOffset(seconds: 0)) ?? .distantPast }
            var sorted = events.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map { events[$0] }
            for index in sorted.indices { sorted[index].sequence = index }
            let (carrier, number) = identity[key] ?? (formatID, "")
            var shipment = ParsedShipment(carrier: carrier, trackingNumber: number, events: sorted)
            shipment.deliveredAt = sorted.last { $0.status == .delivered }?.occurredAt
            return shipment
        }
    }
}

/// One good row of an events CSV.
struct CSVEventRow: Sendable {
    var carrier: String
    var number: String
    var event: CanonicalEvent
}
