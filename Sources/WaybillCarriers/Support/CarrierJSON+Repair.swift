import Foundation
import WaybillCore

/// Lenient decoding: a field of an odd type never rejects a whole document. When the strict
/// decode fails, the value at the failing path is repaired (a number where text is expected
/// becomes text, a numeric string a number, an object where a list is expected a list of one)
/// or, when nothing can be made of it, removed; a required field that is missing drops the
/// smallest enclosing list element or object. Each repair leaves a warning naming the path, and
/// the decode is retried. The strict decode is tried first, so well-formed bodies cost nothing.
extension CarrierJSON {
    /// Decodes `data`, repairing what the strict decode refuses; warnings for every repair are
    /// appended to `notices`. Throws only when nothing can be read (malformed JSON, or the root
    /// itself unusable), naming the place of the first problem.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, carrier: String,
                                            notices: inout [CarrierNotice]) throws(CarrierParseError) -> T {
        let firstError: DecodingError
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            firstError = error
        } catch {
            throw CarrierParseError(carrier: carrier, location: "", reason: "\(error)")
        }
        guard var tree = try? JSONValue.parse(data) else {
            throw CarrierParseError(carrier: carrier, location: path(of: firstError), reason: reason(of: firstError))
        }
        var error = firstError
        var repairs: [CarrierNotice] = []
        // Each repair removes or simplifies one value, so this ends; the bound is a safety net.
        for _ in 0..<200 {
            guard let repair = JSONRepair.repair(error, in: tree) else { break }
            tree = repair.tree
            repairs.append(.warning(repair.message, path: repair.path))
            do {
                let value = try JSONDecoder().decode(T.self, from: tree.encoded())
                notices.append(contentsOf: repairs)
                return value
            } catch let next as DecodingError {
                error = next
            } catch {
                break
            }
        }
        throw CarrierParseError(carrier: carrier, location: path(of: firstError), reason: reason(of: firstError))
    }
}

/// One repair of a JSON tree for one decoding error.
struct JSONRepair {
    let tree: JSONValue
    let path: String
    let message: String

    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    static func repair(_ error: DecodingError, in tree: JSONValue) -> JSONRepair? {
        switch error {
        case .typeMismatch(let expected, let context):
            let steps = steps(of: context.codingPath)
            guard !steps.isEmpty, let value = tree.value(at: steps) else { return nil }
            if let coerced = coerce(value, to: "\(expected)") {
                return JSONRepair(tree: tree.replacing(at: steps, with: coerced), path: render(steps),
                                  message: "\(kind(of: value)) where \(describe("\(expected)")) was expected; read as \(describe("\(expected)"))")
            }
            return JSONRepair(tree: tree.removing(at: steps), path: render(steps),
                              message: "\(kind(of: value)) where \(describe("\(expected)")) was expected; ignored")
        case .valueNotFound(let expected, let context):
            let steps = steps(of: context.codingPath)
            guard !steps.isEmpty else { return nil }
            return JSONRepair(tree: tree.removing(at: steps), path: render(steps),
                              message: "null where \(describe("\(expected)")) was expected; ignored")
        case .keyNotFound(let key, let context):
            // The object at the context lacks a field its reader needs: drop that object.
            let steps = steps(of: context.codingPath)
            guard !steps.isEmpty else { return nil }
            return JSONRepair(tree: tree.removing(at: steps), path: render(steps),
                              message: "missing field \(key.stringValue); this part was skipped")
        case .dataCorrupted(let context):
            let steps = steps(of: context.codingPath)
            guard !steps.isEmpty, context.underlyingError == nil || tree.value(at: steps) != nil else { return nil }
            return JSONRepair(tree: tree.removing(at: steps), path: render(steps),
                              message: "unreadable value (\(context.debugDescription)); ignored")
        @unknown default:
            return nil
        }
    }

    static func steps(of codingPath: [any CodingKey]) -> [Step] {
        codingPath.map { key in key.intValue.map(Step.index) ?? .key(key.stringValue) }
    }

    static func render(_ steps: [Step]) -> String {
        var path = ""
        for step in steps {
            switch step {
            case .index(let index): path += "[\(index)]"
            case .key(let key): path += (path.isEmpty ? "" : ".") + key
            }
        }
        return path
    }

    /// The value converted to the type the reader expected, when that loses nothing.
    static func coerce(_ value: JSONValue, to expected: String) -> JSONValue? {
        switch (value, expected) {
        case (.number(let number), "String"):
            return .string(number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number))
        case (.bool(let flag), "String"):
            return .string(flag ? "true" : "false")
        case (.string(let text), "Int"), (.string(let text), "Int64"), (.string(let text), "Int32"):
            return Int64(text.trimmingCharacters(in: .whitespaces)).map { .number(Double($0)) }
        case (.string(let text), "Double"), (.string(let text), "Float"), (.string(let text), "Decimal"):
            return Double(text.trimmingCharacters(in: .whitespaces)).map(JSONValue.number)
        case (.string(let text), "Bool"):
            switch text.lowercased() {
            case "true", "yes", "y", "1": return .bool(true)
            case "false", "no", "n", "0": return .bool(false)
            default: return nil
            }
        case (.number(let number), "Bool") where number == 0 || number == 1:
            return .bool(number == 1)
        case (.object, let type) where type.hasPrefix("Array"):
            return .array([value])
        default:
            return nil
        }
    }

    static func describe(_ type: String) -> String {
        if type.hasPrefix("Array") { return "a list" }
        if type.hasPrefix("Dictionary") { return "an object" }
        switch type {
        case "String": return "text"
        case "Bool": return "true or false"
        case "Int", "Int64", "Int32", "Double", "Float", "Decimal": return "a number"
        default: return type
        }
    }

    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "true or false"
        case .number: "a number"
        case .string(let text): text.isEmpty ? "empty text" : "the text \"\(text.prefix(40))\""
        case .array: "a list"
        case .object: "an object"
        }
    }
}

extension JSONValue {
    func value(at steps: [JSONRepair.Step]) -> JSONValue? {
        var current = self
        for step in steps {
            switch (step, current) {
            case (.key(let key), .object(let fields)):
                guard let next = fields[key] else { return nil }
                current = next
            case (.index(let index), .array(let items)) where items.indices.contains(index):
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    func replacing(at steps: [JSONRepair.Step], with replacement: JSONValue) -> JSONValue {
        guard let step = steps.first else { return replacement }
        let rest = Array(steps.dropFirst())
        switch (step, self) {
        case (.key(let key), .object(var fields)):
            guard let child = fields[key] else { return self }
            fields[key] = child.replacing(at: rest, with: replacement)
            return .object(fields)
        case (.index(let index), .array(var items)) where items.indices.contains(index):
            items[index] = items[index].replacing(at: rest, with: replacement)
            return .array(items)
        default:
            return self
        }
    }

    /// The tree without the value at `steps`: a key is removed from its object, an element
    /// from its list.
    func removing(at steps: [JSONRepair.Step]) -> JSONValue {
        guard let step = steps.first else { return self }
        let rest = Array(steps.dropFirst())
        switch (step, self) {
        case (.key(let key), .object(var fields)):
            if rest.isEmpty { fields[key] = nil } else if let child = fields[key] { fields[key] = child.removing(at: rest) }
            return .object(fields)
        case (.index(let index), .array(var items)) where items.indices.contains(index):
            if rest.isEmpty { items.remove(at: index) } else { items[index] = items[index].removing(at: rest) }
            return .array(items)
        default:
            return self
        }
    }
}
