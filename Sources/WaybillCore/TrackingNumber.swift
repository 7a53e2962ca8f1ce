/// Tracking numbers as carriers print them: any case, with spaces or dashes. Stored upper case
/// without separators, so that "1z 999 aa1" and "1Z999AA1" are one shipment.
public enum TrackingNumber {
    public static func normalize(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "-" }).uppercased()
    }

    /// Why a tracking number is unacceptable, or nil when it is fine.
    public static func problem(with normalized: String) -> String? {
        if normalized.isEmpty { return "tracking_number is empty" }
        if normalized.count > 64 { return "tracking_number is longer than 64 characters" }
        if !normalized.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "/") }) {
            return "tracking_number may contain only letters, digits, '.', '_' and '/'"
        }
        return nil
    }
}
