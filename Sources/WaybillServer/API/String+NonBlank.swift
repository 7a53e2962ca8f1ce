import WaybillCore

extension String {
    /// The text without surrounding white space; nil when nothing is left.
    var nonBlank: String? {
        let trimmed = trimmed
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension Optional<String> {
    /// The text without surrounding white space; nil when absent or nothing is left.
    var nonBlank: String? { self?.nonBlank }
}
