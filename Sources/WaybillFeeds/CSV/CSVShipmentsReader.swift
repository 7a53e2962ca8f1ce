import WaybillCore
import Foundation

/// Reads a CSV of shipments to register. Header row required, columns in any order:
/// `tracking_number` (required), `carrier`, `order_id`, `email`, `phone`, `postal_code`,
/// `locale` (BCP 47), `time_zone` (IANA), and any number of `meta_<key>` columns. Quoting,
/// BOM and line endings as in `CSVEventsReader`. Bad rows are reported and skipped; a tracking
/// number repeated for the same carrier is reported on its second line.
public enum CSVShipmentsReader {
    static let columns: Set<String> = ["tracking_number", "carrier", "order_id", "email", "phone", "postal_code", "locale", "time_zone"]

    public static func read(_ data: Data, fileName: String) -> ([ShipmentRow], CSVReport) {
        var report = CSVReport(fileName: fileName)
        let records = CSVTable.records(data)
        guard let headerRecord = records.first else {
            report.issues.append(CSVIssue(line: 1, reason: "empty file: a header row is required"))
            return ([], report)
        }
        let header = CSVHeader(headerRecord, known: columns, acceptsMetadata: true)
        report.issues += header.issues
        report.rowCount = records.count - 1
        guard header.missing(["tracking_number"]).isEmpty, headerRecord.problem == nil else {
            report.issues.append(CSVIssue(line: headerRecord.line, reason: headerRecord.problem ?? "header lacks required column tracking_number"))
            return ([], report)
        }
        var rows: [ShipmentRow] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            switch row(record, header: header) {
            case .success(let row):
                let key = (row.carrier ?? "") + "\u{0}" + row.trackingNumber
                if let first = seen[key] {
                    report.issues.append(CSVIssue(line: record.line, column: "tracking_number", reason: "duplicate of line \(first)"))
                    continue
                }
                seen[key] = record.line
                rows.append(row)
            case .failure(let issue):
                report.issues.append(issue)
            }
        }
        report.keptCount = rows.count
        return (rows, report)
    }

    private static func row(_ record: CSVRecord, header: CSVHeader) -> Result<ShipmentRow, CSVIssue> {
        func fail(_ column: String?, _ reason: String) -> Result<ShipmentRow, CSVIssue> {
            .failure(CSVIssue(line: record.line, column: column, reason: reason))
        }
        if let problem = record.problem { return fail(nil, problem) }
        guard record.fields.count == header.count else {
            return fail(nil, "\(record.fields.count) fields, the header has \(header.count)")
        }
        let fields = record.fields
        func value(_ column: String) -> String? { header.value(column, in: fields) }
        guard let number = value("tracking_number") else { return fail("tracking_number", "empty") }
        var row = ShipmentRow(line: record.line, trackingNumber: number, carrier: value("carrier")?.lowercased(),
                              orderID: value("order_id"), postalCode: value("postal_code"))
        if let email = value("email") {
            guard Customer.isEmailAddress(email) else { return fail("email", "\"\(email)\" is not an email address") }
            row.email = email
        }
        if let phone = value("phone") {
            let allowed = Set("+0123456789 ()-./")
            guard phone.allSatisfy(allowed.contains), phone.contains(where: \.isNumber) else {
                return fail("phone", "\"\(phone)\" is not a phone number")
            }
            row.phone = phone
        }
        if let locale = value("locale") {
            guard Customer.isLanguageTag(locale) else { return fail("locale", "\"\(locale)\" is not a BCP 47 language tag such as en-GB") }
            row.locale = locale
        }
        if let zone = value("time_zone") {
            guard Customer.isTimeZone(zone) else {
                return fail("time_zone", "\"\(zone)\" is not an IANA time zone such as Europe/Paris")
            }
            row.timeZone = zone
        }
        for (key, index) in header.metadata where index < fields.count {
            let text = fields[index].trimmed
            if !text.isEmpty { row.metadata[key] = text }
        }
        return .success(row)
    }
}
