/// Tracking numbers as carriers print them: any case, with spaces or dashes. Stored upper case
/// without separators, so that "1z 999 aa1" and "1Z999AA1" are one shipment.
public enum TrackingNumber {
    public static func normalize(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "-" }).uppercased()
    }

    /// Why a tracking number is unacceptable, or nil when it is fine. A number is written with
    /// letters, digits, spaces and hyphens only (the last two are dropped by `normalize`), so no
    /// number can carry `/`, `.`, `%` or `?` into a carrier's request path or anywhere else.
    public static func problem(with normalized: String) -> String? {
        if normalized.isEmpty { return "tracking_number is empty" }
        if normalized.count > 64 { return "tracking_number is longer than 64 characters" }
        if !normalized.unicodeScalars.allSatisfy(isLetterOrDigit) {
            return "tracking_number may contain only letters, digits, spaces and hyphens"
        }
        return nil
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
