import WaybillCore
import Foundation

/// The header row: which column holds which field. Names are matched without case or
/// surrounding spaces; unknown and repeated columns are reported and ignored.
struct CSVHeader: Sendable {
    let line: Int
    private(set) var indexes: [String: Int] = [:]
    /// `meta_*` columns (name without the prefix, index), when the reader accepts them.
    private(set) var metadata: [(key: String, index: Int)] = []
    private(set) var issues: [CSVIssue] = []
    let count: Int

    init(_ record: CSVRecord, known: Set<String>, acceptsMetadata: Bool = false) {
        line = record.line
        count = record.fields.count
        for (index, raw) in record.fields.enumerated() {
            let name = raw.trimmed.lowercased()
            if acceptsMetadata, name.hasPrefix("meta_"), name.count > 5 {
                let key = String(name.dropFirst(5))
                if metadata.contains(where: { $0.key == key }) {
                    issues.append(CSVIssue(line: line, column: name, reason: "repeated column; the first one is used"))
                } else {
                    metadata.append((key, index))
                }
            } else if known.contains(name) {
                if indexes[name] != nil {
                    issues.append(CSVIssue(line: line, column: name, reason: "repeated column; the first one is used"))
                } else {
                    indexes[name] = index
                }
            } else {
                issues.append(CSVIssue(line: line, column: name.isEmpty ? "(column \(index + 1))" : name,
                                       reason: "unknown column; ignored"))
            }
        }
    }

    func missing(_ required: [String]) -> [String] { required.filter { indexes[$0] == nil } }

    /// The trimmed value of a column in a row, nil when the column is absent or the cell empty.
    func value(_ column: String, in fields: [String]) -> String? {
        guard let index = indexes[column], index < fields.count else { return nil }
        let text = fields[index].trimmed
        return text.isEmpty ? nil : text
    }
}
