import Foundation

/// A CSV row (or the header) that was not used, and why: `line 7: occurred_at: not an RFC 3339 timestamp`.
public struct CSVIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The physical line the record starts on, 1-based (the header is line 1 unless blank lines precede it).
    public var line: Int
    /// The column at fault, when one is.
    public var column: String?
    public var reason: String

    public init(line: Int, column: String? = nil, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "line \(line): " + (column.map { "\($0): " } ?? "") + reason }
}

/// What reading one CSV file found wrong; the good rows are returned beside it.
public struct CSVReport: Sendable, Hashable {
    public var fileName: String
    public var issues: [CSVIssue]
    /// Data rows read (header excluded) and rows kept.
    public var rowCount: Int
    public var keptCount: Int

    public init(fileName: String, issues: [CSVIssue] = [], rowCount: Int = 0, keptCount: Int = 0) {
        self.fileName = fileName
        self.issues = issues
        self.rowCount = rowCount
        self.keptCount = keptCount
    }

    public var isClean: Bool { issues.isEmpty }

    /// One line per issue: `events.csv: line 7: occurred_at: not an RFC 3339 timestamp`.
    public var lines: [String] { issues.map { "\(fileName): \($0)" } }
}
