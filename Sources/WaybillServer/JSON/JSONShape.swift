import Foundation
import WaybillCore

/// The shape a request body must have. Checking it first gives every client error a precise
/// path (`events[2].location.country`) and rejects unknown fields instead of ignoring them.
indirect enum JSONShape: Sendable {
    case string(maxLength: Int = 10_000)
    case oneOf([String])
    /// An RFC 3339 timestamp with an offset.
    case timestamp
    case integer(ClosedRange<Int>)
    case number
    case boolean
    case array(JSONShape, maxCount: Int)
    case object([String: Field])
    /// An object of string values, e.g. `metadata`.
    case stringMap(maxEntries: Int)
    /// null is accepted as well.
    case nullable(JSONShape)

    struct Field: Sendable {
        var shape: JSONShape
        var required: Bool
    }

    /// The first problem found, or nil when `value` fits.
    func problem(in value: JSONValue, at path: String = "") -> InvalidField? {
        switch (self, value) {
        case (.nullable, .null):
            return nil
        case (.nullable(let inner), _):
            return inner.problem(in: value, at: path)
        case (.string(let maxLength), .string(let text)):
            return text.count > maxLength ? InvalidField(path: path, reason: "is longer than \(maxLength) characters") : nil
        case (.oneOf(let allowed), .string(let text)):
            return allowed.contains(text) ? nil : InvalidField(path: path, reason: "must be one of \(allowed.joined(separator: ", ")); got \"\(text)\"")
        case (.timestamp, .string(let text)):
            return Timestamp.parse(text) == nil
                ? InvalidField(path: path, reason: "must be an RFC 3339 timestamp with offset, e.g. 2026-11-20T14:05:00+01:00; got \"\(text)\"")
                : nil
        case (.integer(let range), .number(let number)):
            guard number.rounded() == number, let integer = Int(exactly: number), range.contains(integer) else {
                return InvalidField(path: path, reason: "must be an integer from \(range.lowerBound) to \(range.upperBound)")
            }
            return nil
        case (.number, .number), (.boolean, .bool):
            return nil
        case (.array(let element, let maxCount), .array(let items)):
            if items.count > maxCount { return InvalidField(path: path, reason: "has more than \(maxCount) items") }
            for (index, item) in items.enumerated() {
                if let problem = element.problem(in: item, at: "\(path)[\(index)]") { return problem }
            }
            return nil
        case (.object(let fields), .object(let members)):
            for key in members.keys.sorted() where fields[key] == nil {
                return InvalidField(path: InvalidField.join(path, key), reason: "is not a known field")
            }
            for (key, field) in fields.sorted(by: { $0.key < $1.key }) {
                let fieldPath = InvalidField.join(path, key)
                guard let member = members[key] else {
                    if field.required { return InvalidField(path: fieldPath, reason: "is required") }
                    continue
                }
                if case .null = member, field.required {
                    return InvalidField(path: fieldPath, reason: "is required and may not be null")
                }
                if case .null = member { continue }
                if let problem = field.shape.problem(in: member, at: fieldPath) { return problem }
            }
            return nil
        case (.stringMap(let maxEntries), .object(let members)):
            if members.count > maxEntries { return InvalidField(path: path, reason: "has more than \(maxEntries) entries") }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                guard case .string(let text) = member, text.count <= 1000 else {
                    return InvalidField(path: InvalidField.join(path, key), reason: "must be a string of at most 1000 characters")
                }
            }
            return nil
        default:
            return InvalidField(path: path, reason: "must be \(description)")
        }
    }

    private var description: String {
        switch self {
        case .string, .oneOf, .timestamp: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "true or false"
        case .array: "an array"
        case .object, .stringMap: "an object"
        case .nullable(let inner): inner.description + " or null"
        }
    }
}
