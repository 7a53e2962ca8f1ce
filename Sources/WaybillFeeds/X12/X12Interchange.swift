/// One ISA…IEA interchange as received, with what the envelope checks found.
public struct X12Interchange: Sendable, Hashable {
    public var delimiters: X12Delimiters
    /// ISA05/ISA06 and ISA07/ISA08, padding removed.
    public var senderQualifier: String
    public var senderID: String
    public var receiverQualifier: String
    public var receiverID: String
    /// ISA12, e.g. `00401`.
    public var version: String
    /// ISA13.
    public var controlNumber: String
    /// ISA15: `P` production, `T` test.
    public var usage: String
    public var groups: [X12FunctionalGroup]

    public init(delimiters: X12Delimiters, senderQualifier: String, senderID: String, receiverQualifier: String,
                receiverID: String, version: String, controlNumber: String, usage: String, groups: [X12FunctionalGroup] = []) {
        self.delimiters = delimiters
        self.senderQualifier = senderQualifier
        self.senderID = senderID
        self.receiverQualifier = receiverQualifier
        self.receiverID = receiverID
        self.version = version
        self.controlNumber = controlNumber
        self.usage = usage
        self.groups = groups
    }
}

/// One GS…GE functional group.
public struct X12FunctionalGroup: Sendable, Hashable {
    /// GS01: `QM` for 214, `FA` for 997.
    public var functionalID: String
    public var senderCode: String
    public var receiverCode: String
    /// GS06.
    public var controlNumber: String
    /// GS08, e.g. `004010`.
    public var version: String
    /// GE01 as received (nil when GE is missing).
    public var declaredSetCount: String?
    public var transactionSets: [X12TransactionSet]
    /// Group errors as AK905 codes (element 716): `3` GE missing, `4` GS06 ≠ GE02, `5` GE01 ≠ set count.
    public var errorCodes: [String]

    public init(functionalID: String, senderCode: String, receiverCode: String, controlNumber: String, version: String,
                declaredSetCount: String? = nil, transactionSets: [X12TransactionSet] = [], errorCodes: [String] = []) {
        self.functionalID = functionalID
        self.senderCode = senderCode
        self.receiverCode = receiverCode
        self.controlNumber = controlNumber
        self.version = version
        self.declaredSetCount = declaredSetCount
        self.transactionSets = transactionSets
        self.errorCodes = errorCodes
    }

    /// Sets not rejected.
    public var acceptedSetCount: Int { transactionSets.filter { $0.acceptance != .rejected }.count }
}

/// One ST…SE transaction set.
public struct X12TransactionSet: Sendable, Hashable {
    /// ST01, e.g. `214`.
    public var identifier: String
    /// ST02.
    public var controlNumber: String
    /// The segments from ST through SE inclusive (SE missing when the trailer is).
    public var segments: [X12Segment]
    /// Set errors as AK502 codes (element 718): `1` not supported, `2` SE missing, `3` ST02 ≠ SE02,
    /// `4` SE01 ≠ segment count, `5` segments in error.
    public var errorCodes: [String]
    public var segmentErrors: [X12SegmentError]

    public init(identifier: String, controlNumber: String, segments: [X12Segment] = [], errorCodes: [String] = [],
                segmentErrors: [X12SegmentError] = []) {
        self.identifier = identifier
        self.controlNumber = controlNumber
        self.segments = segments
        self.errorCodes = errorCodes
        self.segmentErrors = segmentErrors
    }

    public enum Acceptance: String, Sendable, Hashable {
        case accepted = "A"
        case acceptedWithErrors = "E"
        case rejected = "R"
    }

    /// A set with an envelope error or a segment error that spoils it is rejected (and not
    /// ingested); one whose only errors are in single elements is accepted with errors.
    public var acceptance: Acceptance {
        if !errorCodes.isEmpty || segmentErrors.contains(where: \.rejectsSet) { return .rejected }
        return segmentErrors.isEmpty ? .accepted : .acceptedWithErrors
    }

    /// AK502 codes for the 997: the set's own codes, plus `5` when segments are in error.
    public var acknowledgmentCodes: [String] {
        var codes = errorCodes
        if !segmentErrors.isEmpty, !codes.contains("5") { codes.append("5") }
        return Array(codes.prefix(5))
    }
}

/// A segment that failed a check, in the terms of the 997's AK3/AK4.
public struct X12SegmentError: Sendable, Hashable {
    public var segmentID: String
    /// Position in the set, ST = 1 (AK302).
    public var positionInSet: Int
    /// Position in the file (the report's segment number).
    public var segmentNumber: Int
    /// AK304 (element 720): `1` unrecognized segment, `2` unexpected, `3` mandatory missing, `8` element errors.
    public var code: String
    public var element: ElementError?
    /// Whether the error spoils the whole set (rather than one event).
    public var rejectsSet: Bool
    public var reason: String

    /// AK4: element position, AK403 code (element 723) and the bad data.
    public struct ElementError: Sendable, Hashable {
        public var position: Int
        /// `1` mandatory missing, `2` conditional missing, `7` invalid code, `8` invalid date, `9` invalid time.
        public var code: String
        public var data: String

        public init(position: Int, code: String, data: String) {
            self.position = position
            self.code = code
            self.data = data
        }
    }

    public init(segmentID: String, positionInSet: Int, segmentNumber: Int, code: String, element: ElementError? = nil,
                rejectsSet: Bool, reason: String) {
        self.segmentID = segmentID
        self.positionInSet = positionInSet
        self.segmentNumber = segmentNumber
        self.code = code
        self.element = element
        self.rejectsSet = rejectsSet
        self.reason = reason
    }
}
