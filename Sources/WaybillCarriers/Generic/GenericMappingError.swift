/// A mapping file the generic adapter cannot use, with the field at fault
/// (`codes.DLV.status`, `time.format`) and what is wrong with it.
public struct GenericMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "mapping file: \(field.isEmpty ? "document" : field): \(reason)" }
}
