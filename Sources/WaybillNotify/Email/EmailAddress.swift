import Foundation
import WaybillCore

/// An email address (`local@domain`), checked for the shape SMTP can carry: no spaces, angle
/// brackets or control characters, one `@`, a dotted or bracketed domain.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public let local: String
    public let domain: String

    public init?(_ text: String) {
        let trimmed = text.trimmed
        guard trimmed.utf8.count <= 254, let at = trimmed.lastIndex(of: "@") else { return nil }
        let local = String(trimmed[..<at])
        let domain = String(trimmed[trimmed.index(after: at)...])
        guard !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty else { return nil }
        let forbidden: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("),
                                     UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\\"),
                                     UInt8(ascii: "\""), UInt8(ascii: "@"), UInt8(ascii: "[")]
        guard local.utf8.allSatisfy({ $0 > 32 && $0 != 127 && !forbidden.contains($0) }) else { return nil }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.includes("..") else { return nil }
        if domain.hasPrefix("[") {
            guard domain.hasSuffix("]"), domain.utf8.count > 2 else { return nil }
        } else {
            let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
            guard labels.count >= 2, labels.allSatisfy({ label in
                !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.utf8.allSatisfy { $0 >= 128 || $0 == UInt8(ascii: "-") || isAlphanumeric($0) }
            }) else { return nil }
        }
        self.local = local
        self.domain = domain
    }

    public var description: String { local + "@" + domain }
}

/// A sender as configured: `shop@example.com` or `Example Shop <shop@example.com>`.
public struct Mailbox: Sendable, Hashable, CustomStringConvertible {
    public var displayName: String?
    public var address: EmailAddress

    public init(displayName: String?, address: EmailAddress) {
        self.displayName = displayName
        self.address = address
    }

    /// Parses `addr@domain` or `Display Name <addr@domain>` (the name may be quoted).
    public init?(_ text: String) {
        let trimmed = text.trimmed
        guard !trimmed.contains(where: { $0 == "\r" || $0 == "\n" }) else { return nil }
        if let open = trimmed.lastIndex(of: "<") {
            guard trimmed.hasSuffix(">"), let address = EmailAddress(String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])) else {
                return nil
            }
            var name = String(trimmed[..<open]).trimmed
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            self.init(displayName: name.isEmpty ? nil : name, address: address)
        } else {
            guard let address = EmailAddress(trimmed) else { return nil }
            self.init(displayName: nil, address: address)
        }
    }

    public var description: String {
        guard let displayName else { return address.description }
        return "\(displayName) <\(address)>"
    }
}

private func isAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
}
