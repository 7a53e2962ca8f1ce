import Foundation

/// One CSV record and the physical line it starts on (1-based; a quoted field can span lines).
struct CSVRecord: Sendable, Hashable {
    var line: Int
    var fields: [String]
    /// Why the record could not be split cleanly (stray quote, unterminated quoted field).
    var problem: String?
}

/// RFC 4180 splitting: fields separated by commas, records by CRLF or LF; a quoted field may
/// hold commas, line breaks and doubled quotes (`""`). A UTF-8 byte order mark is skipped and
/// blank lines are ignored.
enum CSVTable {
    static func records(_ data: Data) -> [CSVRecord] {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text = String(decoding: bytes, as: UTF8.self)
        let scalars = Array(text.unicodeScalars)
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var inQuotes = false
        var afterClosingQuote = false
        var problem: String?

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            afterClosingQuote = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty && problem == nil) {
                records.append(CSVRecord(line: recordLine, fields: fields, problem: problem))
            }
            fields = []
            problem = nil
        }

        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if inQuotes {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                endField()
            case "\r", "\n":
                if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                if field.isEmpty, !afterClosingQuote {
                    inQuotes = true
                    quoteLine = line
                } else {
                    problem = problem ?? "stray quote in field \(fields.count + 1) (quote the whole field and double inner quotes)"
                    field.append(scalar)
                }
            default:
                if afterClosingQuote {
                    problem = problem ?? "text after the closing quote of field \(fields.count + 1)"
                }
                field.append(scalar)
            }
        }
        if inQuotes {
            problem = "quoted field opened on line \(quoteLine) is never closed"
        }
        if !field.isEmpty || !fields.isEmpty || problem != nil {
            endRecord()
        }
        return records
    }
}
