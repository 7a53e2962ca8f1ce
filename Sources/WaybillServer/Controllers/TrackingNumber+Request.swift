import WaybillCore

extension TrackingNumber {
    /// A tracking number from a request, normalized; `InvalidField` at `path` when it cannot be one.
    static func checked(_ text: String, path: String) throws -> String {
        let number = normalize(text)
        if let problem = problem(with: number) {
            throw InvalidField(path: path, reason: String(problem.dropFirst("tracking_number ".count)))
        }
        return number
    }
}
