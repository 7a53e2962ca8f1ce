import Foundation
import WaybillCarriers

/// A segment the reader could not use, and why. Segment numbers count from 1 at the first
/// segment after `UNA` (the `UNB`); 0 is the `UNA` itself or the interchange as a whole.
public struct IFTSTAIssue: Sendable, Hashable, CustomStringConvertible {
    public var segment: Int
    public var tag: String
    public var reason: String

    public init(segment: Int, tag: String, reason: String) {
        self.segment = segment
        self.tag = tag
        self.reason = reason
    }

    public var description: String { "segment \(segment) (\(tag)): \(reason)" }
}

/// What reading one IFTSTA file found wrong; the good messages are in the result beside it.
public struct IFTSTAReport: Sendable, Hashable {
    /// The caller's name for the file, used in every line of `lines`.
    public var fileName: String
    public var issues: [IFTSTAIssue]
    /// `UNH` messages read (IFTSTA or not).
    public var messageCount: Int

    public init(fileName: String, issues: [IFTSTAIssue] = [], messageCount: Int = 0) {
        self.fileName = fileName
        self.issues = issues
        self.messageCount = messageCount
    }

    public var isClean: Bool { issues.isEmpty }

    /// One line per issue: `file.edi: segment 12 (DTM): ...`.
    public var lines: [String] { issues.map { "\(fileName): \($0)" } }
}

/// The outcome of `IFTSTAReader.read`: shipments from the good messages, and the report.
public struct IFTSTARead: Sendable, Hashable {
    public var result: CarrierParseResult
    public var report: IFTSTAReport
}
