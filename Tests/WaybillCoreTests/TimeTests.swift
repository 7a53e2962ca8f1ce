import Foundation
import Testing
@testable import WaybillCore

@Suite("Timestamp")
struct TimestampTests {
    /// An RFC 3339 input, its UTC storage form, and the offset it was given in.
    struct RoundTrip: Sendable, CustomTestStringConvertible {
        let input: String
        let utc: String
        let offsetSeconds: Int
        var testDescription: String { input }
    }

    static let roundTrips: [RoundTrip] = [
        RoundTrip(input: "2026-11-26T05:15:02Z", utc: "2026-11-26T05:15:02.000Z", offsetSeconds: 0),
        RoundTrip(input: "2026-11-26t05:15:02z", utc: "2026-11-26T05:15:02.000Z", offsetSeconds: 0),
        RoundTrip(input: "2026-11-26 05:15:02Z", utc: "2026-11-26T05:15:02.000Z", offsetSeconds: 0),
        RoundTrip(input: "2026-11-26T05:15:02+00:00", utc: "2026-11-26T05:15:02.000Z", offsetSeconds: 0),
        RoundTrip(input: "2026-11-26T10:45:02+05:30", utc: "2026-11-26T05:15:02.000Z", offsetSeconds: 19800),
        RoundTrip(input: "2026-11-26T10:45:02+0530", utc: "2026-11-26T05:15:02.000Z", offsetSeconds: 19800),
        RoundTrip(input: "2026-11-26T02:15:02-03:00", utc: "2026-11-26T05:15:02.000Z", offsetSeconds: -10800),
        RoundTrip(input: "2026-11-26T01:45:02-0330", utc: "2026-11-26T05:15:02.000Z", offsetSeconds: -12600),
        RoundTrip(input: "2026-11-26T08:15:02+03", utc: "2026-11-26T05:15:02.000Z", offsetSeconds: 10800),
        RoundTrip(input: "2026-11-26T11:00:02+05:45", utc: "2026-11-26T05:15:02.000Z", offsetSeconds: 20700),
        RoundTrip(input: "2026-11-26T05:15:02.5Z", utc: "2026-11-26T05:15:02.500Z", offsetSeconds: 0),
        RoundTrip(input: "2026-11-26T05:15:02.05Z", utc: "2026-11-26T05:15:02.050Z", offsetSeconds: 0),
        RoundTrip(input: "2026-11-26T05:15:02.123Z", utc: "2026-11-26T05:15:02.123Z", offsetSeconds: 0),
        RoundTrip(input: "2026-11-26T05:15:02.001Z", utc: "2026-11-26T05:15:02.001Z", offsetSeconds: 0),
        RoundTrip(input: "2026-11-26T05:15:02.999Z", utc: "2026-11-26T05:15:02.999Z", offsetSeconds: 0),
        RoundTrip(input: "2026-11-26T05:15:02.123456789Z", utc: "2026-11-26T05:15:02.123Z", offsetSeconds: 0),
        RoundTrip(input: "2026-11-26T06:15:02.250+01:00", utc: "2026-11-26T05:15:02.250Z", offsetSeconds: 3600),
        // Offsets that cross midnight, month and year ends.
        RoundTrip(input: "2026-01-01T01:00:00+05:30", utc: "2025-12-31T19:30:00.000Z", offsetSeconds: 19800),
        RoundTrip(input: "2025-12-31T22:00:00-03:00", utc: "2026-01-01T01:00:00.000Z", offsetSeconds: -10800),
        RoundTrip(input: "2026-03-01T00:30:00+01:00", utc: "2026-02-28T23:30:00.000Z", offsetSeconds: 3600),
        RoundTrip(input: "2024-02-29T23:30:00-01:00", utc: "2024-03-01T00:30:00.000Z", offsetSeconds: -3600),
        RoundTrip(input: "2024-03-01T00:30:00+01:00", utc: "2024-02-29T23:30:00.000Z", offsetSeconds: 3600),
        // Leap days.
        RoundTrip(input: "2000-02-29T12:00:00Z", utc: "2000-02-29T12:00:00.000Z", offsetSeconds: 0),
        RoundTrip(input: "2024-02-29T00:00:00Z", utc: "2024-02-29T00:00:00.000Z", offsetSeconds: 0),
        // Before 1970.
        RoundTrip(input: "1969-12-31T23:59:59Z", utc: "1969-12-31T23:59:59.000Z", offsetSeconds: 0),
        RoundTrip(input: "1969-12-31T23:59:59.123Z", utc: "1969-12-31T23:59:59.123Z", offsetSeconds: 0),
        RoundTrip(input: "1969-12-31T23:59:59.999Z", utc: "1969-12-31T23:59:59.999Z", offsetSeconds: 0),
        RoundTrip(input: "1970-01-01T00:00:00.001Z", utc: "1970-01-01T00:00:00.001Z", offsetSeconds: 0),
        RoundTrip(input: "1970-01-01T00:30:00+01:00", utc: "1969-12-31T23:30:00.000Z", offsetSeconds: 3600),
        RoundTrip(input: "1969-07-20T16:17:40.250-04:00", utc: "1969-07-20T20:17:40.250Z", offsetSeconds: -14400),
        RoundTrip(input: "1900-01-01T00:00:00Z", utc: "1900-01-01T00:00:00.000Z", offsetSeconds: 0),
        RoundTrip(input: "1600-02-29T12:00:00.007Z", utc: "1600-02-29T12:00:00.007Z", offsetSeconds: 0),
        RoundTrip(input: "0001-01-01T00:00:00Z", utc: "0001-01-01T00:00:00.000Z", offsetSeconds: 0),
        RoundTrip(input: "9999-12-31T23:59:59.999Z", utc: "9999-12-31T23:59:59.999Z", offsetSeconds: 0),
    ]

    @Test(arguments: roundTrips)
    func parsesAndFormatsAsUTC(_ row: RoundTrip) throws {
        let parsed = try #require(Timestamp.parse(row.input))
        #expect(Timestamp.utcString(parsed.date) == row.utc)
        #expect(parsed.offset.seconds == row.offsetSeconds)
        // The storage form parses back to the same instant and formats identically.
        let stored = try #require(Timestamp.parse(row.utc))
        #expect(stored.offset.seconds == 0)
        #expect(Timestamp.utcString(stored.date) == row.utc)
        // With the original offset it parses back to the same instant and offset.
        let withOffset = Timestamp.string(parsed.date, offsetSeconds: row.offsetSeconds)
        let reparsed = try #require(Timestamp.parse(withOffset))
        #expect(Timestamp.utcString(reparsed.date) == row.utc)
        #expect(reparsed.offset == parsed.offset)
    }

    @Test(arguments: [
        ("2026-11-26T05:15:02Z", 1_795_670_102.0),
        ("1970-01-01T00:00:00Z", 0),
        ("1970-01-01T01:00:00+01:00", 0),
        ("1969-07-20T20:17:40Z", -14_182_940),
        ("1969-12-31T23:59:59Z", -1),
        ("1900-01-01T00:00:00Z", -2_208_988_800),
        ("1600-03-01T00:00:00Z", -11_670_912_000),
        ("0001-01-01T00:00:00Z", -62_135_596_800),
        ("2000-02-29T12:00:00Z", 951_825_600),
        ("2024-02-29T00:00:00Z", 1_709_164_800),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
    ])
    func parsesToTheRightInstant(_ text: String, _ secondsSince1970: Double) throws {
        let parsed = try #require(Timestamp.parse(text))
        #expect(parsed.date.timeIntervalSince1970 == secondsSince1970)
    }

    @Test("the ISO 8601 variants carriers write", arguments: [
        ("2024-08-12T15:18:10 -0500", "2024-08-12T20:18:10.000Z"),
        ("2024-08-12T15:18:10-0500", "2024-08-12T20:18:10.000Z"),
        ("2024-08-12T15:18:10+01", "2024-08-12T14:18:10.000Z"),
        ("2024-08-12T15:18-05:00", "2024-08-12T20:18:00.000Z"),
        ("2024-08-12 15:18:10 UTC", "2024-08-12T15:18:10.000Z"),
        ("2024-08-12T15:18:10 GMT+02:00", "2024-08-12T13:18:10.000Z"),
        ("2024-08-12T15:18:10,5Z", "2024-08-12T15:18:10.500Z"),
        ("2024-08-12t15:18:10z", "2024-08-12T15:18:10.000Z"),
    ])
    func parsesCarrierVariants(_ text: String, _ utc: String) throws {
        let parsed = try #require(Timestamp.parseLenient(text))
        #expect(Timestamp.utcString(parsed.date) == utc)
    }

    @Test("a time without a zone is not an instant", arguments: [
        "2024-08-12T15:18:10", "2024-08-12T15:18:10 ", "2024-08-12T15:18", "2024-08-12", "2024-08-12T15:18:10 CET", "2024-08-12T15:18:10 +5",
    ])
    func refusesTimesWithoutZone(_ text: String) {
        #expect(Timestamp.parseLenient(text) == nil)
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (-0.001, "1969-12-31T23:59:59.999Z"),
        (-1, "1969-12-31T23:59:59.000Z"),
        (-86_400, "1969-12-31T00:00:00.000Z"),
        (-86_400.5, "1969-12-30T23:59:59.500Z"),
        (-14_182_940, "1969-07-20T20:17:40.000Z"),
        (-2_208_988_800, "1900-01-01T00:00:00.000Z"),
        (-62_135_596_800, "0001-01-01T00:00:00.000Z"),
        (1_795_670_102.123, "2026-11-26T05:15:02.123Z"),
        (1_709_164_800, "2024-02-29T00:00:00.000Z"),
    ])
    func formatsInstantsAsUTC(_ secondsSince1970: Double, _ expected: String) {
        #expect(Timestamp.utcString(Date(timeIntervalSince1970: secondsSince1970)) == expected)
    }

    @Test(arguments: [-20_000, 978_297_200_000, 1_795_670_102_000] as [Int64])
    func everyMillisecondSurvivesFormattingAndParsing(_ start: Int64) throws {
        // Dates near 1970 lose precision in `Date`'s Double; no millisecond may be lost to it.
        for millis in start..<(start + 40_000) {
            let date = Date(timeIntervalSince1970: TimeInterval(millis) / 1000)
            #expect(Timestamp.milliseconds(date) == millis)
            let text = Timestamp.utcString(date)
            let parsed = try #require(Timestamp.parse(text))
            #expect(Timestamp.utcString(parsed.date) == text)
            #expect(LocalDateTime(instant: date, offset: UTCOffset(seconds: 0)).description + "Z"
                == text.replacingOccurrences(of: ".000Z", with: "Z"))
        }
    }

    @Test func utcStringsSortAsText() {
        let dates = [-86_400.5, -1, -0.001, 0, 0.001, 1, 951_825_600, 1_795_670_102.5, 253_402_300_799]
            .map { Date(timeIntervalSince1970: $0) }
        let strings = dates.map(Timestamp.utcString)
        #expect(strings == strings.sorted())
        #expect(Set(strings.map(\.count)) == [24])
    }

    @Test func formatsWithAnOffset() {
        let date = instant("2026-11-26T05:15:02Z")
        #expect(Timestamp.string(date, offsetSeconds: 0) == "2026-11-26T05:15:02.000+00:00")
        #expect(Timestamp.string(date, offsetSeconds: 3600) == "2026-11-26T06:15:02.000+01:00")
        #expect(Timestamp.string(date, offsetSeconds: 19800) == "2026-11-26T10:45:02.000+05:30")
        #expect(Timestamp.string(date, offsetSeconds: -10800) == "2026-11-26T02:15:02.000-03:00")
        #expect(Timestamp.string(instant("2026-01-01T02:00:00Z"), offsetSeconds: -18000) == "2025-12-31T21:00:00.000-05:00")
    }

    @Test(arguments: [
        "",
        "garbage",
        "2026-11-26",
        "2026-11-26T05:15",
        "2026-11-26T05:15Z",
        "2026-11-26T05:15:02",
        "2026-11-26T05:15:02.123",
        "2026-11-26T05:15:02.",
        "2026-11-26T05:15:02.Z",
        "2026-11-26T05:15:02ZZ",
        "2026-11-26T05:15:02UTC",
        "2026-11-26T05:15:02 +01:00",
        "2026-11-26T05:15:02+01:00 ",
        "2026-11-26T05:15:02+5:30",
        "2026-11-26T05:15:02+05:3",
        "2026-11-26T05:15:02+25:00",
        "2026-11-26T05:15:02+05:60",
        "2026-13-01T00:00:00Z",
        "2026-00-10T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2025-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-11-00T00:00:00Z",
        "2026-11-26T24:00:00Z",
        "2026-11-26T05:60:00Z",
        "2026-11-26T05:15:61Z",
        "0000-01-01T00:00:00Z",
        "26-11-2026T05:15:02Z",
        "2026/11/26T05:15:02Z",
        "2026-11-26X05:15:02Z",
        "2026-1-26T05:15:02Z",
        "-2026-11-26T05:15:02Z",
        "2026-11-26T05:15:02,5Z",
        "2026-11-26T05:15:02.12a Z",
        "１９７０-01-01T00:00:00Z",
    ])
    func rejects(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}

@Suite("UTC offsets")
struct UTCOffsetTests {
    @Test(arguments: [
        ("Z", 0), ("z", 0), ("+00:00", 0), ("-00:00", 0), ("+0000", 0), ("+00", 0),
        ("+01:00", 3600), ("+05:30", 19800), ("+0530", 19800), ("+05", 18000), ("+05:45", 20700),
        ("-03:00", -10800), ("-0330", -12600), ("-09", -32400), ("+14:00", 50400), ("-12:00", -43200),
        ("+18:00", 64800),
    ])
    func parses(_ text: String, _ seconds: Int) throws {
        let offset = try #require(UTCOffset(parsing: text))
        #expect(offset.seconds == seconds)
    }

    @Test(arguments: [
        "", "UTC", "GMT", "05:30", "+5:30", "+5", "+530", "+05:3", "+05:300", "+0:530", "+05:", "+:0530",
        "+19:00", "+05:60", "+ab:cd", "+05-30", "++05:00", "Z+01:00", " +01:00",
    ])
    func rejects(_ text: String) {
        #expect(UTCOffset(parsing: text) == nil)
    }

    @Test(arguments: [
        (0, "+00:00"), (3600, "+01:00"), (19800, "+05:30"), (20700, "+05:45"), (-10800, "-03:00"),
        (-12600, "-03:30"), (50400, "+14:00"), (-43200, "-12:00"),
    ])
    func describes(_ seconds: Int, _ text: String) throws {
        let offset = UTCOffset(seconds: seconds)
        #expect(offset.description == text)
        #expect(UTCOffset(parsing: text) == offset)
    }

    @Test func codableAsText() throws {
        let offsets = [UTCOffset(seconds: 19800), UTCOffset(seconds: -10800), UTCOffset(seconds: 0)]
        let json = try JSONEncoder().encode(offsets)
        #expect(String(decoding: json, as: UTF8.self) == #"["+05:30","-03:00","+00:00"]"#)
        #expect(try JSONDecoder().decode([UTCOffset].self, from: json) == offsets)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([UTCOffset].self, from: Data(#"["+25:00"]"#.utf8))
        }
    }
}

@Suite("Local date and time")
struct LocalDateTimeTests {
    @Test(arguments: [
        ("2026-11-20", "2026-11-20", false),
        ("2026-11-20T14:05", "2026-11-20T14:05:00", true),
        ("2026-11-20t14:05", "2026-11-20T14:05:00", true),
        ("2026-11-20 14:05:07", "2026-11-20T14:05:07", true),
        ("2026-11-20T14:05:07", "2026-11-20T14:05:07", true),
        ("2026-11-20T14:05:07.250", "2026-11-20T14:05:07.250", true),
        ("2026-11-20T14:05:07.5", "2026-11-20T14:05:07.500", true),
        ("2026-11-20T14:05:07.05", "2026-11-20T14:05:07.050", true),
        ("2026-11-20T14:05:07.000", "2026-11-20T14:05:07", true),
        ("2026-11-20T14:05:07.123456", "2026-11-20T14:05:07.123", true),
        ("2026-11-20T00:00", "2026-11-20T00:00:00", true),
        ("2026-11-20T23:59:59.999", "2026-11-20T23:59:59.999", true),
        ("2024-02-29", "2024-02-29", false),
        ("2000-02-29T12:00", "2000-02-29T12:00:00", true),
        ("1969-07-20T20:17:40", "1969-07-20T20:17:40", true),
        ("0001-01-01", "0001-01-01", false),
        ("9999-12-31T23:59:59.999", "9999-12-31T23:59:59.999", true),
    ])
    func parses(_ text: String, _ description: String, _ hasTime: Bool) throws {
        let value = try #require(LocalDateTime(parsing: text))
        #expect(value.description == description)
        #expect(value.hasTime == hasTime)
        #expect(LocalDateTime(parsing: description) == value)
    }

    @Test func parsesIntoFields() throws {
        let value = try #require(LocalDateTime(parsing: "2026-11-20T14:05:07.250"))
        #expect(value.year == 2026)
        #expect(value.month == 11)
        #expect(value.day == 20)
        #expect(value.time == LocalDateTime.TimeOfDay(hour: 14, minute: 5, second: 7, millisecond: 250))
        let date = try #require(LocalDateTime(parsing: "2026-11-20"))
        #expect(date.time == nil)
        #expect(value.date == date)
        #expect(date.date == date)
    }

    @Test(arguments: [
        "", "2026", "2026-11", "2026-11-2", "2026-11-20T", "2026-11-20T14", "2026-11-20T14:5", "2026-11-20T14:05:0",
        "2026-11-20T14:05:07.", "2026-11-20T14:05:07.5Z", "2026-11-20T14:05:07Z", "2026-11-20T14:05:07+01:00",
        "2026-11-20Z", "2026-11-20 ", "2026-13-01", "2026-00-01", "2026-02-30", "2023-02-29", "1900-02-29",
        "2026-06-31", "2026-11-00", "0000-01-01", "2026-11-20T24:00", "2026-11-20T12:60", "2026-11-20T12:00:61",
        "2026-11-20X14:05", "20261120", "2026/11/20", "2026-11-20T14:05:07,5", "2026-11-20T14-05", "abcd-ef-gh",
    ])
    func rejects(_ text: String) {
        #expect(LocalDateTime(parsing: text) == nil)
    }

    @Test func memberwiseInitializerValidates() {
        #expect(LocalDateTime(year: 2026, month: 11, day: 20) != nil)
        #expect(LocalDateTime(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDateTime(year: 2023, month: 2, day: 29) == nil)
        #expect(LocalDateTime(year: 2100, month: 2, day: 29) == nil)
        #expect(LocalDateTime(year: 2026, month: 11, day: 31) == nil)
        #expect(LocalDateTime(year: 2026, month: 12, day: 31) != nil)
        #expect(LocalDateTime(year: 0, month: 1, day: 1) == nil)
        #expect(LocalDateTime(year: 10_000, month: 1, day: 1) == nil)
        #expect(LocalDateTime(year: 2026, month: 0, day: 1) == nil)
        #expect(LocalDateTime(year: 2026, month: 1, day: 0) == nil)
        typealias Time = LocalDateTime.TimeOfDay
        #expect(LocalDateTime(year: 2026, month: 1, day: 1, time: Time(hour: 23, minute: 59, second: 59, millisecond: 999)) != nil)
        #expect(LocalDateTime(year: 2026, month: 1, day: 1, time: Time(hour: 24, minute: 0)) == nil)
        #expect(LocalDateTime(year: 2026, month: 1, day: 1, time: Time(hour: 12, minute: 60)) == nil)
        #expect(LocalDateTime(year: 2026, month: 1, day: 1, time: Time(hour: 12, minute: 0, second: 61)) == nil)
        #expect(LocalDateTime(year: 2026, month: 1, day: 1, time: Time(hour: 12, minute: 0, millisecond: 1000)) == nil)
        #expect(LocalDateTime(year: 2026, month: 1, day: 1, time: Time(hour: -1, minute: 0)) == nil)
    }

    @Test func ordersByDateThenTimeWithADateBeforeItsTimes() {
        let ordered = [
            "1969-12-31T23:59:59.999", "2026-11-19T23:59:59.999", "2026-11-20", "2026-11-20T00:00",
            "2026-11-20T00:00:00.001", "2026-11-20T09:30", "2026-11-20T14:05", "2026-11-20T14:05:00.5", "2026-11-21",
            "2026-11-21T00:00", "2026-12-01", "2027-01-01T00:00",
        ].map(local)
        #expect(ordered.reversed().sorted() == ordered)
        #expect([ordered[5], ordered[0], ordered[9], ordered[2], ordered[11], ordered[7]].sorted()
            == [ordered[0], ordered[2], ordered[5], ordered[7], ordered[9], ordered[11]])
        for (earlier, later) in zip(ordered, ordered.dropFirst()) {
            #expect(earlier < later)
            #expect(!(later < earlier))
        }
    }

    @Test func equalityAndIrreflexiveOrder() {
        #expect(local("2026-11-20T14:05") == local("2026-11-20T14:05:00.000"))
        #expect(local("2026-11-20") != local("2026-11-20T00:00"))
        #expect(!(local("2026-11-20") < local("2026-11-20")))
        #expect(!(local("2026-11-20T14:05") < local("2026-11-20T14:05:00")))
        #expect(local("2026-11-20") < local("2026-11-20T00:00"))
        #expect(!(local("2026-11-20T00:00") < local("2026-11-20")))
        #expect(local("2026-11-20T23:59") < local("2026-11-21"))
    }

    @Test(arguments: [
        ("2026-11-20T14:05", 3600, "2026-11-20T13:05:00.000Z"),
        ("2026-11-20T14:05", 0, "2026-11-20T14:05:00.000Z"),
        ("2026-11-20T14:05:07.250", -18000, "2026-11-20T19:05:07.250Z"),
        ("2026-11-20", -18000, "2026-11-20T05:00:00.000Z"),
        ("2026-11-20", 32400, "2026-11-19T15:00:00.000Z"),
        ("2026-01-01T03:00", 19800, "2025-12-31T21:30:00.000Z"),
        ("2025-12-31T22:00", -10800, "2026-01-01T01:00:00.000Z"),
        ("2024-02-29T23:30", -3600, "2024-03-01T00:30:00.000Z"),
        ("2024-03-01T00:30", 3600, "2024-02-29T23:30:00.000Z"),
        ("1970-01-01T00:30", 3600, "1969-12-31T23:30:00.000Z"),
        ("1969-07-20T16:17:40", -14400, "1969-07-20T20:17:40.000Z"),
        ("1969-12-31T23:59:59.123", 0, "1969-12-31T23:59:59.123Z"),
        ("1900-01-01", 0, "1900-01-01T00:00:00.000Z"),
    ])
    func namesAnInstantAtAnOffset(_ text: String, _ offsetSeconds: Int, _ utc: String) {
        let value = local(text)
        let offset = UTCOffset(seconds: offsetSeconds)
        let date = value.instant(atOffset: offset)
        #expect(Timestamp.utcString(date) == utc)
        #expect(date == instant(utc))
        if value.hasTime {
            #expect(Timestamp.parse(value.description + offset.description)?.date == date)
            // Reading the instant back at the same offset gives the same wall clock.
            #expect(LocalDateTime(instant: date, offset: offset) == value)
        } else {
            #expect(LocalDateTime(instant: date, offset: offset) == local(text + "T00:00"))
        }
    }

    @Test(arguments: [
        (0.0, 0, "1970-01-01T00:00:00"),
        (-1, 0, "1969-12-31T23:59:59"),
        (-1, 3600, "1970-01-01T00:59:59"),
        (-0.001, 0, "1969-12-31T23:59:59.999"),
        (-0.5, 0, "1969-12-31T23:59:59.500"),
        (1_795_670_102, 19800, "2026-11-26T10:45:02"),
        (1_795_670_102, -10800, "2026-11-26T02:15:02"),
        (1_795_670_102.25, 0, "2026-11-26T05:15:02.250"),
        (-2_208_988_800, -3600, "1899-12-31T23:00:00"),
    ])
    func readsTheWallClockOfAnInstant(_ secondsSince1970: Double, _ offsetSeconds: Int, _ expected: String) {
        let value = LocalDateTime(instant: Date(timeIntervalSince1970: secondsSince1970), offset: UTCOffset(seconds: offsetSeconds))
        #expect(value.description == expected)
    }

    @Test(arguments: [
        (2024, 366), (2023, 365), (2000, 366), (1900, 365), (2100, 365), (1600, 366), (1968, 366), (1969, 365),
    ])
    func yearLengthsFollowTheGregorianLeapRule(_ year: Int, _ days: Int) throws {
        let start = try #require(LocalDateTime(year: year, month: 1, day: 1))
        let end = try #require(LocalDateTime(year: year + 1, month: 1, day: 1))
        let utc = UTCOffset(seconds: 0)
        #expect(end.instant(atOffset: utc).timeIntervalSince(start.instant(atOffset: utc)) == Double(days) * 86_400)
        let leap = days == 366
        #expect((LocalDateTime(year: year, month: 2, day: 29) != nil) == leap)
        let february28 = try #require(LocalDateTime(year: year, month: 2, day: 28))
        let march1 = try #require(LocalDateTime(year: year, month: 3, day: 1))
        #expect(march1.instant(atOffset: utc).timeIntervalSince(february28.instant(atOffset: utc)) == (leap ? 2 : 1) * 86_400)
    }

    @Test func everyDayOfACenturyRoundTrips() {
        // Walk day by day from 1899 to 2101 and back through the calendar arithmetic.
        let utc = UTCOffset(seconds: 0)
        var date = local("1899-01-01").instant(atOffset: utc)
        var previous: LocalDateTime?
        let end = local("2101-01-01").instant(atOffset: utc)
        var days = 0
        while date < end {
            let value = LocalDateTime(instant: date, offset: utc).date
            #expect(value.instant(atOffset: utc) == date)
            if let previous { #expect(previous < value) }
            previous = value
            date += 86_400
            days += 1
        }
        #expect(days == 73_779)
    }

    @Test func codableAsText() throws {
        let values = [local("2026-11-20"), local("2026-11-20T14:05:07.250")]
        let json = try JSONEncoder().encode(values)
        #expect(String(decoding: json, as: UTF8.self) == #"["2026-11-20","2026-11-20T14:05:07.250"]"#)
        #expect(try JSONDecoder().decode([LocalDateTime].self, from: json) == values)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDateTime].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
