/// What went wrong in an X12 file, one entry per bad segment or envelope mismatch. The good
/// transaction sets are kept; rejected ones are listed here and in the 997.
public struct X12Report: Sendable, Hashable {
    public var fileName: String
    public var issues: [X12Issue]
    /// Set when nothing in the file could be read as X12 (no ISA, or an ISA without delimiters).
    public var unreadable: X12Issue?

    public init(fileName: String, issues: [X12Issue] = [], unreadable: X12Issue? = nil) {
        self.fileName = fileName
        self.issues = issues
        self.unreadable = unreadable
    }

    public var isClean: Bool { issues.isEmpty && unreadable == nil }
}

/// One problem: the file, the segment (number in the file and id), the control numbers that
/// enclose it, and a reason a person can act on.
public struct X12Issue: Sendable, Hashable, CustomStringConvertible {
    public var fileName: String
    /// 1-based position of the segment in the file, when the issue concerns one.
    public var segmentNumber: Int?
    public var segmentID: String?
    public var interchangeControlNumber: String?
    public var groupControlNumber: String?
    public var transactionSetControlNumber: String?
    public var reason: String

    public init(fileName: String, segmentNumber: Int?, segmentID: String?, interchangeControlNumber: String? = nil,
                groupControlNumber: String? = nil, transactionSetControlNumber: String? = nil, reason: String) {
        self.fileName = fileName
        self.segmentNumber = segmentNumber
        self.segmentID = segmentID
        self.interchangeControlNumber = interchangeControlNumber
        self.groupControlNumber = groupControlNumber
        self.transactionSetControlNumber = transactionSetControlNumber
        self.reason = reason
    }

    public var description: String {
        var text = fileName
        if let segmentNumber { text += ": segment \(segmentNumber)" }
        if let segmentID { text += " (\(segmentID))" }
        if let transactionSetControlNumber { text += ", transaction set \(transactionSetControlNumber)" }
        return text + ": " + reason
    }
}
