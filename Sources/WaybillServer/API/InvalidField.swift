/// A request field a client must fix, with its path (`events[2].location.country`, empty for the
/// whole body). Thrown wherever a request is read; the error middleware answers it as
/// `400 invalid_request` with the path in `details`.
struct InvalidField: Error, Sendable, Equatable {
    var path: String
    var reason: String

    /// `events[2].location`: indices in brackets, keys joined with dots.
    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.reduce("") { path, key in
            if let index = key.intValue { return "\(path)[\(index)]" }
            return join(path, key.stringValue)
        }
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
