import WaybillCore

/// The one installation key tests put in `SecretBoxSource.shared`: tests run in one process, so
/// every test that installs it must install the same key, or values one sealed would not open.
public enum TestSecretKey {
    public static let base64 = "q8Dw0m2nqZq0w3zC2b0bVd7r6m9eRk1uXw4sTa5yL0o="

    public static func installShared() throws {
        SecretBoxSource.shared.install(try SecretBox(base64Key: base64))
    }
}
