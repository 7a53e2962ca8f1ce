import Foundation

/// What a customer's contact and preference fields must look like, wherever they come in
/// (the API, a CSV file of shipments).
extension Customer {
    /// One `@`, something before it, a dot after it, no spaces.
    public static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].includes(".") && !text.contains(where: \.isWhitespace)
    }

    /// A BCP 47 tag such as `fr-FR`: a 2–3 letter language, then subtags of 1–8 letters or digits.
    public static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
            && parts.first.map { (2...3).contains($0.count) && $0.allSatisfy(\.isLetter) } == true
    }

    /// An IANA zone name such as `Europe/Paris` (or `UTC`), known to this system's tz database.
    public static func isTimeZone(_ text: String) -> Bool {
        (text.includes("/") || text == "UTC") && TimeZone(identifier: text) != nil
    }
}
