import Foundation
import WaybillCore

/// USPS's text, date and place spellings.
enum USPSText {
    static func clean(_ text: String?) -> String? {
        CarrierText.clean(text)
    }

    /// `USPS Ground Advantage<SUP>&#153;</SUP>` → `USPS Ground Advantage™`.
    static func plain(_ html: String?) -> String? {
        guard let text = clean(html) else { return nil }
        return clean(USPSMarkup.strip(text))
    }

    /// What follows the first comma (`Delivered, Parcel Locker` → `Parcel Locker`), trimmed, as
    /// `split(separator: ",", maxSplits: 1)` reads it: empty pieces do not count as the first.
    /// ASCII text is read on its bytes, where characters and bytes draw the same boundaries.
    static func afterFirstComma(_ text: String) -> String? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(separator: ",", maxSplits: 1).dropFirst().first.map { $0.trimmed }
        }
        let bytes = text.utf8
        var pieceStart = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: ",") {
                let next = bytes.index(after: index)
                if pieceStart != index { return next == bytes.endIndex ? nil : Substring(bytes[next...]).trimmed }
                pieceStart = next
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]

    /// `March 9, 2015` with an optional `9:24 am`.
    static func legacyLocal(date: String?, time: String?) -> LocalDateTime? {
        guard let date = clean(date) else { return nil }
        let parts = date.replacingOccurrences(of: ",", with: " ").split(separator: " ")
        guard parts.count == 3, let month = months.firstIndex(of: parts[0].lowercased()),
              let day = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        guard let time = legacyTime(time) else { return LocalDateTime(year: year, month: month + 1, day: day) }
        return LocalDateTime(year: year, month: month + 1, day: day, time: time)
    }

    /// `9:24 am`, `10:45 pm`, `12:05 am`.
    static func legacyTime(_ text: String?) -> LocalDateTime.TimeOfDay? {
        guard let text = clean(text)?.lowercased() else { return nil }
        let isPM = text.hasSuffix("pm")
        guard isPM || text.hasSuffix("am") else { return nil }
        let parts = text.dropLast(2).trimmed.split(separator: ":")
        guard parts.count == 2 || parts.count == 3, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (1...12).contains(hour), (0...59).contains(minute) else { return nil }
        let second = parts.count == 3 ? Int(parts[2]) ?? 0 : 0
        return LocalDateTime.TimeOfDay(hour: hour % 12 + (isPM ? 12 : 0), minute: minute, second: second)
    }

    /// `-05:00`, `-7:00`, `-0500`.
    static func offset(_ text: String?) -> UTCOffset? {
        guard var text = clean(text) else { return nil }
        if text.count == 5, text.dropFirst().firstIndex(of: ":").map({ text.distance(from: text.startIndex, to: $0) == 2 }) == true {
            text.insert("0", at: text.index(after: text.startIndex))
        }
        return UTCOffset(parsing: text)
    }

    static let usStates: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
        "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI",
        "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "VI", "GU", "AS", "MP",
    ]

    /// An event place. USPS leaves the country empty at home, and names facilities
    /// ("OAK CREEK WI DISTRIBUTION CENTER") with no state: the state is read from the name.
    static func location(city: String?, state: String?, zip: String?, country: String?) -> Location? {
        let city = clean(city)
        var state = clean(state)?.uppercased()
        if state == nil, let city, city.uppercased().includes("DISTRIBUTION CENTER") {
            let words = city.uppercased().split(separator: " ").map(String.init)
            if let index = words.firstIndex(where: { $0 == "DISTRIBUTION" || $0 == "NETWORK" || $0 == "REGIONAL" || $0 == "PROCESSING" }),
               index > 0, usStates.contains(words[index - 1]) {
                state = words[index - 1]
            }
        }
        var countryCode: String?
        if let country = clean(country)?.uppercased() {
            if country.count == 2 { countryCode = country } else if country == "UNITED STATES" || country == "USA" { countryCode = "US" }
        } else if let state, usStates.contains(state) {
            countryCode = "US"
        } else if clean(zip) != nil {
            countryCode = "US"
        }
        let location = Location(city: city, region: state, postalCode: clean(zip), country: countryCode)
        return location.isEmpty ? nil : location
    }
}
