import Foundation
import SQLKit
import WaybillCore

/// Typed column reads with errors that name the column.
extension SQLRow {
    func text(_ column: String) throws -> String {
        try decode(column: column, as: String.self)
    }

    func optionalText(_ column: String) throws -> String? {
        try decode(column: column, as: String?.self)
    }

    func int(_ column: String) throws -> Int {
        try decode(column: column, as: Int.self)
    }

    func optionalDouble(_ column: String) throws -> Double? {
        try decode(column: column, as: Double?.self)
    }

    func bool(_ column: String) throws -> Bool {
        try int(column) != 0
    }

    func date(_ column: String) throws -> Date {
        let text = try text(column)
        guard let parsed = Timestamp.parse(text) else {
            throw StoreError.corrupt("column \(column) holds \(text), not an RFC 3339 timestamp")
        }
        return parsed.date
    }

    func optionalDate(_ column: String) throws -> Date? {
        guard let text = try optionalText(column) else { return nil }
        guard let parsed = Timestamp.parse(text) else {
            throw StoreError.corrupt("column \(column) holds \(text), not an RFC 3339 timestamp")
        }
        return parsed.date
    }

    func enumValue<T: RawRepresentable>(_ column: String, as type: T.Type) throws -> T where T.RawValue == String {
        let raw = try text(column)
        guard let value = T(rawValue: raw) else { throw StoreError.corrupt("column \(column) holds unknown value \(raw)") }
        return value
    }

    func optionalEnum<T: RawRepresentable>(_ column: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let raw = try optionalText(column) else { return nil }
        guard let value = T(rawValue: raw) else { throw StoreError.corrupt("column \(column) holds unknown value \(raw)") }
        return value
    }
}

/// Storage forms of domain values.
enum Column {
    static func time(_ date: Date) -> String { Timestamp.utcString(date) }
    static func time(_ date: Date?) -> String? { date.map(Timestamp.utcString) }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func decodeJSON<T: Decodable>(_ text: String, as type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("stored JSON does not decode as \(T.self): \(error)")
        }
    }
}
