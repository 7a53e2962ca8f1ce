import Foundation
import WaybillStore

/// Fonts a tenant may pick: system stacks only, so no third-party font is ever loaded.
enum BrandingFont: String, CaseIterable, Sendable {
    case system, serif, humanist, geometric, monospace

    var stack: String {
        switch self {
        case .system: #"system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif"#
        case .serif: #"Georgia, Cambria, "Times New Roman", Times, serif"#
        case .humanist: #"Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", sans-serif"#
        case .geometric: #"Avenir, Montserrat, Corbel, "URW Gothic", source-sans-pro, sans-serif"#
        case .monospace: #"ui-monospace, "Cascadia Code", Menlo, Consolas, "DejaVu Sans Mono", monospace"#
        }
    }
}

/// What a branding value may be. The API rejects anything else, and the renderer checks again,
/// so a value that reached the database some other way still cannot inject markup or CSS.
enum BrandingRules {
    static func isColor(_ text: String) -> Bool {
        let chars = Array(text.utf8)
        guard chars.first == UInt8(ascii: "#"), chars.count == 4 || chars.count == 7 else { return false }
        return chars.dropFirst().allSatisfy { (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0) }
    }

    /// An absolute https URL (http only for localhost) without characters that could break out
    /// of an attribute or a CSS value.
    static func safeURL(_ text: String) -> String? {
        guard text.count <= 2000, !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "\"'<>`\\(){}".unicodeScalars.contains($0) }),
              let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else { return nil }
        switch scheme {
        case "https": return text
        case "http" where host == "localhost" || host == "127.0.0.1": return text
        default: return nil
        }
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !text.unicodeScalars.contains(where: { $0.value <= 0x20 || "\"'<>()[]\\,;:".unicodeScalars.contains($0) }) else { return false }
        return true
    }

    static func isPhone(_ text: String) -> Bool {
        text.count <= 40 && text.contains(where: \.isNumber)
            && text.allSatisfy { $0.isASCII && ($0.isNumber || " +-().".contains($0)) }
    }

    /// A host name: letters, digits, hyphens and dots, at least one dot.
    static func isDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard text.count <= 253, labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// `https://host[:port]` (http for localhost), nothing after the authority.
    static func normalizedOrigin(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty,
              components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil,
              components.user == nil, components.password == nil,
              scheme == "https" || (scheme == "http" && (host == "localhost" || host == "127.0.0.1" || isDomain(host)))
        else { return nil }
        guard host == "localhost" || isDomain(host) || host.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    /// WCAG relative luminance contrast ratio of two `#rgb`/`#rrggbb` colours.
    static func contrast(_ first: String, _ second: String) -> Double? {
        guard let a = luminance(first), let b = luminance(second) else { return nil }
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    private static func luminance(_ color: String) -> Double? {
        guard isColor(color) else { return nil }
        var hex = String(color.dropFirst())
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        guard let value = Int(hex, radix: 16) else { return nil }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    /// The brand's CSS custom properties, built only from values that pass the rules; nil when none do.
    static func css(_ branding: Branding?) -> String? {
        guard let branding else { return nil }
        var declarations: [String] = []
        func add(_ property: String, _ value: String?) {
            if let value, isColor(value) { declarations.append("\(property): \(value.lowercased())") }
        }
        add("--wb-primary", branding.primaryColor)
        add("--wb-accent", branding.accentColor)
        add("--wb-bg", branding.backgroundColor)
        add("--wb-text", branding.textColor)
        if let font = branding.font.flatMap(BrandingFont.init(rawValue:)) {
            declarations.append("--wb-font: \(font.stack)")
        }
        guard !declarations.isEmpty else { return nil }
        return ":root { " + declarations.joined(separator: "; ") + "; }"
    }
}
