import Foundation

extension JSONValue {
    /// The tree of an `Encodable` value, written with the conventions of every Waybill interface:
    /// an absent optional is `null` (synthesized conformances would drop it), a `Date` is
    /// `Timestamp.utcString`. Encoding into the same encoder twice merges the objects, so a
    /// representation can extend another one.
    public init(encoding value: some Encodable) throws {
        self = try JSONTreeNode.encoding(value, at: []).json
    }
}

/// A value while it is being encoded: containers keep their node and fill it later.
private final class JSONTreeNode {
    var scalar: JSONValue = .null
    var members: [String: JSONTreeNode]?
    var elements: [JSONTreeNode]?

    var json: JSONValue {
        if let members { return .object(members.mapValues(\.json)) }
        if let elements { return .array(elements.map(\.json)) }
        return scalar
    }

    static func encoding(_ value: some Encodable, at codingPath: [any CodingKey]) throws -> JSONTreeNode {
        let node = JSONTreeNode()
        switch value {
        case let json as JSONValue: node.scalar = json
        case let date as Date: node.scalar = .time(date)
        default: try value.encode(to: JSONTreeEncoder(node: node, codingPath: codingPath))
        }
        return node
    }
}

private struct JSONTreeEncoder: Encoder {
    let node: JSONTreeNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.members == nil { node.members = [:] }
        return KeyedEncodingContainer(JSONTreeKeyedContainer(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if node.elements == nil { node.elements = [] }
        return JSONTreeUnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONTreeSingleValueContainer(node: node, codingPath: codingPath)
    }
}

private struct JSONTreeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONTreeNode
    let codingPath: [any CodingKey]

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try store(value, key)
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try storeOptional(value, key)
    }

    mutating func encodeNil(forKey key: Key) throws {
        node.members?[key.stringValue] = JSONTreeNode()
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        JSONTreeEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        JSONTreeEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        JSONTreeEncoder(node: node, codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        JSONTreeEncoder(node: child(key), codingPath: codingPath + [key])
    }

    private func store(_ value: some Encodable, _ key: Key) throws {
        let child = try JSONTreeNode.encoding(value, at: codingPath + [key])
        node.members?[key.stringValue] = child
    }

    private func storeOptional(_ value: (some Encodable)?, _ key: Key) throws {
        if let value { try store(value, key) } else { node.members?[key.stringValue] = JSONTreeNode() }
    }

    private func child(_ key: Key) -> JSONTreeNode {
        let child = JSONTreeNode()
        node.members?[key.stringValue] = child
        return child
    }

    // The primitive requirements go through the generic path and end in the single-value container.
    mutating func encode(_ value: Bool, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try store(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try store(value, key) }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try storeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try storeOptional(value, key) }
}

private struct JSONTreeUnkeyedContainer: UnkeyedEncodingContainer {
    let node: JSONTreeNode
    let codingPath: [any CodingKey]
    var count: Int { node.elements?.count ?? 0 }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try append(value)
    }

    mutating func encodeNil() throws {
        node.elements?.append(JSONTreeNode())
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        nestedEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        nestedEncoder().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        nestedEncoder()
    }

    private func append(_ value: some Encodable) throws {
        // Encoded before the append: reading `count` while `elements` is being modified is an exclusivity violation.
        let child = try JSONTreeNode.encoding(value, at: codingPath + [IndexKey(count)])
        node.elements?.append(child)
    }

    private func nestedEncoder() -> JSONTreeEncoder {
        let path = codingPath + [IndexKey(count)]
        let child = JSONTreeNode()
        node.elements?.append(child)
        return JSONTreeEncoder(node: child, codingPath: path)
    }

    mutating func encode(_ value: Bool) throws { try append(value) }
    mutating func encode(_ value: String) throws { try append(value) }
    mutating func encode(_ value: Double) throws { try append(value) }
    mutating func encode(_ value: Float) throws { try append(value) }
    mutating func encode(_ value: Int) throws { try append(value) }
    mutating func encode(_ value: Int8) throws { try append(value) }
    mutating func encode(_ value: Int16) throws { try append(value) }
    mutating func encode(_ value: Int32) throws { try append(value) }
    mutating func encode(_ value: Int64) throws { try append(value) }
    mutating func encode(_ value: UInt) throws { try append(value) }
    mutating func encode(_ value: UInt8) throws { try append(value) }
    mutating func encode(_ value: UInt16) throws { try append(value) }
    mutating func encode(_ value: UInt32) throws { try append(value) }
    mutating func encode(_ value: UInt64) throws { try append(value) }
}

private struct JSONTreeSingleValueContainer: SingleValueEncodingContainer {
    let node: JSONTreeNode
    let codingPath: [any CodingKey]

    mutating func encode<T: Encodable>(_ value: T) throws {
        let encoded = try JSONTreeNode.encoding(value, at: codingPath)
        node.scalar = encoded.scalar
        node.members = encoded.members
        node.elements = encoded.elements
    }

    mutating func encodeNil() throws { node.scalar = .null }
    mutating func encode(_ value: Bool) throws { node.scalar = .bool(value) }
    mutating func encode(_ value: String) throws { node.scalar = .string(value) }
    mutating func encode(_ value: Double) throws { node.scalar = .number(value) }
    mutating func encode(_ value: Float) throws { node.scalar = .number(Double(value)) }
    mutating func encode(_ value: Int) throws { node.scalar = .number(Double(value)) }
    mutating func encode(_ value: Int8) throws { node.scalar = .number(Double(value)) }
    mutating func encode(_ value: Int16) throws { node.scalar = .number(Double(value)) }
    mutating func encode(_ value: Int32) throws { node.scalar = .number(Double(value)) }
    mutating func encode(_ value: Int64) throws { node.scalar = .number(Double(value)) }
    mutating func encode(_ value: UInt) throws { node.scalar = .number(Double(value)) }
    mutating func encode(_ value: UInt8) throws { node.scalar = .number(Double(value)) }
    mutating func encode(_ value: UInt16) throws { node.scalar = .number(Double(value)) }
    mutating func encode(_ value: UInt32) throws { node.scalar = .number(Double(value)) }
    mutating func encode(_ value: UInt64) throws { node.scalar = .number(Double(value)) }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { return nil }
}
