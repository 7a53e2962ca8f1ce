/// A setting of the environment that cannot be used, with what is wrong in it.
struct ConfigurationError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
