import WaybillCore

/// DPD's `date/content`, whose format follows the request's `messageLanguage`: `8/17/2021
/// 7:11:26 PM` for en_US (12-hour clock: karrio reads it as 24-hour and loses 12 hours), or
/// `17.08.2021 19:11:26` for de_DE. Always the depot's local time, without a zone.
enum DPDDateTime {
    static func parse(_ text: String) -> LocalDateTime? {
        let parts = text.split(separator: " ").map(String.init)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let dateFields: [Int]
        let isDotted = parts[0].contains(".")
        if isDotted {
            dateFields = parts[0].split(separator: ".", omittingEmptySubsequences: false).compactMap { Int($0) }
        } else {
            dateFields = parts[0].split(separator: "/", omittingEmptySubsequences: false).compactMap { Int($0) }
        }
        guard dateFields.count == 3 else { return nil }
        let (day, month) = isDotted ? (dateFields[0], dateFields[1]) : (dateFields[1], dateFields[0])
        let timeFields = parts[1].split(separator: ":", omittingEmptySubsequences: false).compactMap { Int($0) }
        guard timeFields.count == 2 || timeFields.count == 3 else { return nil }
        var hour = timeFields[0]
        if parts.count == 3 {
            let meridiem = parts[2].uppercased()
            guard (1...12).contains(hour), meridiem == "AM" || meridiem == "PM" else { return nil }
            hour = hour % 12 + (meridiem == "PM" ? 12 : 0)
        }
        let time = LocalDateTime.TimeOfDay(hour: hour, minute: timeFields[1], second: timeFields.count == 3 ? timeFields[2] : 0)
        return LocalDateTime(year: dateFields[2], month: month, day: day, time: time)
    }
}
