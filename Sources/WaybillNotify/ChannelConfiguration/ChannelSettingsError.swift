import WaybillCore

/// A channel setting that is missing or invalid, naming the field as the API spells it.
public struct ChannelSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field) \(message)" }
}

/// Reads typed fields out of a settings object, throwing `ChannelSettingsError` that names the field.
struct SettingsReader {
    let object: [String: JSONValue]

    init(_ value: JSONValue) throws(ChannelSettingsError) {
        guard case .object(let object) = value else { throw ChannelSettingsError(field: "$", "must be a JSON object") }
        self.object = object
    }

    func string(_ field: String, required: Bool = true, maxLength: Int = 1000) throws(ChannelSettingsError) -> String? {
        switch object[field] {
        case .none, .null?:
            if required { throw ChannelSettingsError(field: field, "is required") }
            return nil
        case .string(let text)?:
            let trimmed = text.trimmed
            if trimmed.isEmpty {
                if required { throw ChannelSettingsError(field: field, "must not be empty") }
                return nil
            }
            guard trimmed.count <= maxLength else { throw ChannelSettingsError(field: field, "is longer than \(maxLength) characters") }
            return trimmed
        default:
            throw ChannelSettingsError(field: field, "must be a string")
        }
    }

    func integer(_ field: String, in range: ClosedRange<Int>, default defaultValue: Int? = nil) throws(ChannelSettingsError) -> Int {
        switch object[field] {
        case .none, .null?:
            guard let defaultValue else { throw ChannelSettingsError(field: field, "is required") }
            return defaultValue
        case .number(let number)?:
            guard let integer = Int(exactly: number), range.contains(integer) else {
                throw ChannelSettingsError(field: field, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
            }
            return integer
        default:
            throw ChannelSettingsError(field: field, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    func bool(_ field: String, default defaultValue: Bool) throws(ChannelSettingsError) -> Bool {
        switch object[field] {
        case .none, .null?: return defaultValue
        case .bool(let flag)?: return flag
        default: throw ChannelSettingsError(field: field, "must be true or false")
        }
    }

    /// Rejects fields not in `known`, so a typo is not silently ignored.
    func rejectUnknown(_ known: Set<String>) throws(ChannelSettingsError) {
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw ChannelSettingsError(field: unknown, "is not a known field")
        }
    }
}
