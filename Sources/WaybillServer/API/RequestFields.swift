import Foundation
import WaybillCore

/// A request body's JSON object, read field by field with the API's limits. Every problem is an
/// `InvalidField` with its path, and unknown fields are refused rather than ignored. Read the
/// fields in the order of their keys: of several problems, the first key's is reported.
struct RequestFields<Key: CodingKey> {
    private let members: [String: JSONValue]
    private let container: KeyedDecodingContainer<Key>
    private let path: String

    init(_ decoder: any Decoder, keys: Key.Type) throws {
        path = InvalidField.path(decoder.codingPath)
        // A value that is not JSON at all throws DecodingError.dataCorrupted (answered as malformed JSON).
        guard case .object(let members) = try decoder.singleValueContainer().decode(JSONValue.self) else {
            throw InvalidField(path: path, reason: "must be an object")
        }
        for name in members.keys.sorted() where Key(stringValue: name) == nil {
            throw InvalidField(path: InvalidField.join(path, name), reason: "is not a known field")
        }
        self.members = members
        container = try decoder.container(keyedBy: Key.self)
    }

    // MARK: Text

    func text(_ key: Key, maxLength: Int) throws -> String {
        try required(key, "a string") { try Self.text($0, maxLength: maxLength, at: $1) }
    }

    func optionalText(_ key: Key, maxLength: Int) throws -> String? {
        try optional(key, "a string") { try Self.text($0, maxLength: maxLength, at: $1) }
    }

    /// One of an enumeration's raw values.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: Key, as type: Choice.Type = Choice.self) throws -> Choice
    where Choice.RawValue == String {
        try required(key, "a string") { try Self.choice($0, at: $1) }
    }

    func optionalChoice<Choice: RawRepresentable & CaseIterable>(_ key: Key, as type: Choice.Type = Choice.self) throws -> Choice?
    where Choice.RawValue == String {
        try optional(key, "a string") { try Self.choice($0, at: $1) }
    }

    /// One of `allowed`.
    func optionalChoice(_ key: Key, from allowed: [String]) throws -> String? {
        try optional(key, "a string") { member, path in
            guard case .string(let text) = member else { return nil }
            guard allowed.contains(text) else { throw Self.notOneOf(allowed, text, at: path) }
            return text
        }
    }

    /// An RFC 3339 timestamp with its offset.
    func timestamp(_ key: Key) throws -> (date: Date, offset: UTCOffset) {
        try required(key, "a string", Self.timestamp)
    }

    func optionalTimestamp(_ key: Key) throws -> (date: Date, offset: UTCOffset)? {
        try optional(key, "a string", Self.timestamp)
    }

    /// An object of strings, such as `metadata`.
    func optionalStringMap(_ key: Key, maxEntries: Int) throws -> [String: String]? {
        try optional(key, "an object") { member, path in
            guard case .object(let entries) = member else { return nil }
            if entries.count > maxEntries { throw InvalidField(path: path, reason: "has more than \(maxEntries) entries") }
            return try entries.sorted { $0.key < $1.key }.reduce(into: [:]) { map, entry in
                guard case .string(let text) = entry.value, text.count <= 1000 else {
                    throw InvalidField(path: InvalidField.join(path, entry.key), reason: "must be a string of at most 1000 characters")
                }
                map[entry.key] = text
            }
        }
    }

    // MARK: Lists of values

    func optionalTextList(_ key: Key, maxLength: Int, maxCount: Int) throws -> [String]? {
        try optional(key, "an array") { member, path in
            try Self.elements(of: member, maxCount: maxCount, at: path, "a string") { try Self.text($0, maxLength: maxLength, at: $1) }
        }
    }

    /// An array of an enumeration's raw values.
    func choices<Choice: RawRepresentable & CaseIterable>(_ key: Key, maxCount: Int) throws -> [Choice] where Choice.RawValue == String {
        try required(key, "an array") { member, path in
            try Self.elements(of: member, maxCount: maxCount, at: path, "a string") { try Self.choice($0, at: $1) }
        }
    }

    // MARK: Numbers and flags

    func optionalBool(_ key: Key) throws -> Bool? {
        try optional(key, "true or false") { member, _ in
            guard case .bool(let flag) = member else { return nil }
            return flag
        }
    }

    func optionalNumber(_ key: Key) throws -> Double? {
        try optional(key, "a number") { member, _ in
            guard case .number(let number) = member else { return nil }
            return number
        }
    }

    func optionalInteger(_ key: Key, in range: ClosedRange<Int>) throws -> Int? {
        try optional(key, "an integer") { member, path in
            guard case .number(let number) = member else { return nil }
            guard let integer = Int(exactly: number), range.contains(integer) else {
                throw InvalidField(path: path, reason: "must be an integer from \(range.lowerBound) to \(range.upperBound)")
            }
            return integer
        }
    }

    // MARK: Nested requests

    func optionalObject<Nested: Decodable>(_ key: Key, as type: Nested.Type = Nested.self) throws -> Nested? {
        try optional(key, "an object") { member, _ in
            guard case .object = member else { return nil }
            return try container.decode(Nested.self, forKey: key)
        }
    }

    func list<Element: Decodable>(_ key: Key, of type: Element.Type = Element.self, maxCount: Int) throws -> [Element] {
        try required(key, "an array") { try decodedList($0, key, maxCount: maxCount, at: $1) }
    }

    func optionalList<Element: Decodable>(_ key: Key, of type: Element.Type = Element.self, maxCount: Int) throws -> [Element]? {
        try optional(key, "an array") { try decodedList($0, key, maxCount: maxCount, at: $1) }
    }

    // MARK: Presence

    /// The value of a field that must be present and not null; `expected` names its type for the
    /// error when `read` does not recognise the value.
    private func required<Value>(_ key: Key, _ expected: String, _ read: (JSONValue, String) throws -> Value?) throws -> Value {
        let path = InvalidField.join(self.path, key.stringValue)
        guard let member = members[key.stringValue] else { throw InvalidField(path: path, reason: "is required") }
        if member == .null { throw InvalidField(path: path, reason: "is required and may not be null") }
        guard let value = try read(member, path) else { throw InvalidField(path: path, reason: "must be \(expected)") }
        return value
    }

    /// The value of a field that may be absent or null.
    private func optional<Value>(_ key: Key, _ expected: String, _ read: (JSONValue, String) throws -> Value?) throws -> Value? {
        let path = InvalidField.join(self.path, key.stringValue)
        guard let member = members[key.stringValue], member != .null else { return nil }
        guard let value = try read(member, path) else { throw InvalidField(path: path, reason: "must be \(expected)") }
        return value
    }

    private static func timestamp(_ member: JSONValue, at path: String) throws -> (date: Date, offset: UTCOffset)? {
        guard case .string(let text) = member else { return nil }
        guard let parsed = Timestamp.parse(text) else {
            throw InvalidField(path: path, reason: "must be an RFC 3339 timestamp with offset, e.g. 2026-11-20T14:05:00+01:00; got \"\(text)\"")
        }
        return parsed
    }

    /// The items of an array of at most `maxCount`, each read by `read` (`expected` names its type).
    private static func elements<Element>(
        of member: JSONValue, maxCount: Int, at path: String, _ expected: String, _ read: (JSONValue, String) throws -> Element?
    ) throws -> [Element]? {
        guard case .array(let items) = member else { return nil }
        if items.count > maxCount { throw InvalidField(path: path, reason: "has more than \(maxCount) items") }
        return try items.enumerated().map { index, item in
            let itemPath = "\(path)[\(index)]"
            guard let element = try read(item, itemPath) else { throw InvalidField(path: itemPath, reason: "must be \(expected)") }
            return element
        }
    }

    private static func text(_ member: JSONValue, maxLength: Int, at path: String) throws -> String? {
        guard case .string(let text) = member else { return nil }
        if text.count > maxLength { throw InvalidField(path: path, reason: "is longer than \(maxLength) characters") }
        return text
    }

    private static func choice<Choice: RawRepresentable & CaseIterable>(_ member: JSONValue, at path: String) throws -> Choice?
    where Choice.RawValue == String {
        guard case .string(let text) = member else { return nil }
        guard let choice = Choice(rawValue: text) else { throw notOneOf(Choice.allCases.map(\.rawValue), text, at: path) }
        return choice
    }

    private static func notOneOf(_ allowed: [String], _ text: String, at path: String) -> InvalidField {
        InvalidField(path: path, reason: "must be one of \(allowed.joined(separator: ", ")); got \"\(text)\"")
    }

    private func decodedList<Element: Decodable>(_ member: JSONValue, _ key: Key, maxCount: Int, at path: String) throws -> [Element]? {
        guard case .array(let items) = member else { return nil }
        if items.count > maxCount { throw InvalidField(path: path, reason: "has more than \(maxCount) items") }
        return try container.decode([Element].self, forKey: key)
    }
}
