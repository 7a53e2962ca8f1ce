import Foundation

/// Where the server finds its `SecretBox`: the box installed at start (by `waybill serve`,
/// after resolving `WAYBILL_SECRET_KEY` or the SQLite key file), else `WAYBILL_SECRET_KEY`
/// read on first use. Without either, using it fails with a message that says what to set.
public final class SecretBoxSource: @unchecked Sendable {
    /// The process's source, used by the API and the delivery worker unless given another.
    public static let shared = SecretBoxSource()

    private let lock = NSLock()
    private var installed: SecretBox?

    public init(_ box: SecretBox? = nil) {
        installed = box
    }

    public func install(_ box: SecretBox) {
        lock.withLock { installed = box }
    }

    public func box() throws(SecretBoxError) -> SecretBox {
        if let box = lock.withLock({ installed }) { return box }
        guard let box = try SecretBox.fromEnvironment() else {
            throw .missingKey("""
                no secret key to encrypt channel credentials: set \(SecretBox.environmentVariable) to 32 random bytes \
                in base64 (openssl rand -base64 32)
                """)
        }
        lock.withLock { installed = box }
        return box
    }
}
