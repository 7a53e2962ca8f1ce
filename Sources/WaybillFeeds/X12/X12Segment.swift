import WaybillCore
/// The separators an interchange declares in its ISA segment (standards.md §1.1).
public struct X12Delimiters: Sendable, Hashable {
    public var element: Unicode.Scalar
    /// ISA16.
    public var component: Unicode.Scalar
    /// The character right after ISA16.
    public var segment: Unicode.Scalar
    /// ISA11 from version 00402 on, when it is not alphanumeric; nil in 00401 (`U`).
    public var repetition: Unicode.Scalar?

    public init(element: Unicode.Scalar, component: Unicode.Scalar, segment: Unicode.Scalar, repetition: Unicode.Scalar? = nil) {
        self.element = element
        self.component = component
        self.segment = segment
        self.repetition = repetition
    }
}

/// One segment as read: its id and its data elements, with where it stands in the file.
public struct X12Segment: Sendable, Hashable {
    public var id: String
    /// Data elements in order: `elements[0]` is element 01.
    public var elements: [String]
    /// 1-based position of the segment in the file (the report's "segment number").
    public var number: Int

    public init(id: String, elements: [String], number: Int) {
        self.id = id
        self.elements = elements
        self.number = number
    }

    /// Element `position` (1-based) as sent, or "" when absent.
    public func element(_ position: Int) -> String {
        position >= 1 && position <= elements.count ? elements[position - 1] : ""
    }

    /// Element `position` without surrounding spaces, or nil when empty (X12 pads ids with blanks).
    public func value(_ position: Int) -> String? {
        let text = element(position).trimmed
        return text.isEmpty ? nil : text
    }
}

enum X12Text {
    /// A count or control number as an integer; leading zeros are legal (`SE*0000000013`).
    static func number(_ text: String) -> Int? {
        let digits = text.trimmed
        guard !digits.isEmpty, digits.count <= 18, digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(digits)
    }

    /// Whether two control numbers are the same (as integers when both are numeric).
    static func sameControlNumber(_ a: String, _ b: String) -> Bool {
        if let x = number(a), let y = number(b) { return x == y }
        return a.trimmed == b.trimmed
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }
}
