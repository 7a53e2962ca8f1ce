import WaybillCore

/// A simple JSON path of the generic adapter's mapping file: keys joined by dots, `[]` after a
/// key (or alone) to go through every element of an array (`data.events[]`, `[]`); the empty
/// path is the value itself. Keys cannot contain `.`, `[` or `]`.
struct GenericJSONPath: Sendable, Hashable, CustomStringConvertible {
    enum Step: Sendable, Hashable {
        case key(String)
        case each
    }

    let steps: [Step]
    let description: String

    /// nil when the text is not a valid path.
    init?(_ text: String) {
        description = text
        var steps: [Step] = []
        let trimmed = text.trimmed
        if !trimmed.isEmpty {
            for segment in trimmed.split(separator: ".", omittingEmptySubsequences: false) {
                var key = Substring(segment)
                var iterate = false
                if key.hasSuffix("[]") {
                    iterate = true
                    key = key.dropLast(2)
                }
                guard !key.contains("["), !key.contains("]"), !key.isEmpty || iterate else { return nil }
                if !key.isEmpty { steps.append(.key(String(key))) }
                if iterate { steps.append(.each) }
            }
        }
        self.steps = steps
    }

    /// Whether the path goes through an array (it then names a list).
    var isList: Bool { steps.contains(.each) }

    /// Whether the list the path ends in is there, even if empty (`data.shipments` of
    /// `data.shipments[]`): an empty list is an answer, a missing one is not this format.
    func reachesList(in root: JSONValue) -> Bool {
        guard steps.last == .each else { return false }
        let container = GenericJSONPath(steps: Array(steps.dropLast()), description: description)
        var current = [root]
        for step in container.steps {
            current = current.flatMap { value -> [JSONValue] in
                switch (step, value) {
                case (.key(let key), .object(let object)): object[key].map { [$0] } ?? []
                case (.each, .array(let elements)): elements
                default: []
                }
            }
        }
        return current.contains { if case .array = $0 { true } else { false } }
    }

    private init(steps: [Step], description: String) {
        self.steps = steps
        self.description = description
    }

    /// Every value the path reaches. `[]` over a single non-array value reaches that value, so a
    /// carrier that sends one object instead of a one-element list still reads.
    func values(in root: JSONValue) -> [JSONValue] {
        var current = [root]
        for step in steps {
            var next: [JSONValue] = []
            for value in current {
                switch (step, value) {
                case (.key(let key), .object(let object)):
                    if let child = object[key] { next.append(child) }
                case (.each, .array(let elements)):
                    next.append(contentsOf: elements)
                case (.each, .null), (.key, _):
                    break
                case (.each, _):
                    next.append(value)
                }
            }
            current = next
        }
        return current.filter { $0 != .null }
    }

    /// The first value reached, as text: strings as they are, numbers without a needless `.0`.
    func text(in root: JSONValue) -> String? {
        values(in: root).lazy.compactMap(Self.text(of:)).first
    }

    /// Every value reached, as text.
    func texts(in root: JSONValue) -> [String] {
        values(in: root).compactMap(Self.text(of:))
    }

    static func text(of value: JSONValue) -> String? {
        switch value {
        case .string(let text):
            let trimmed = text.trimmed
            return trimmed.isEmpty ? nil : trimmed
        case .number(let number):
            if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        case .bool(let flag):
            return flag ? "true" : "false"
        default:
            return nil
        }
    }
}
