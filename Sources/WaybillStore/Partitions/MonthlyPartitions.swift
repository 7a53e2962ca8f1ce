import Foundation

/// The tables partitioned by month on PostgreSQL (migration 15): by the time Waybill received or
/// recorded a row, never the carrier's time, which can be missing or implausible. A partition
/// holds one UTC month, `<table>_pYYYY_MM`, and `<table>_default` holds anything else, so that an
/// insert never fails for want of a partition.
enum MonthlyPartitions {
    struct Table: Sendable {
        let name: String
        let timeColumn: String
    }

    static let events = Table(name: "events", timeColumn: "recorded_at")
    static let rawPayloads = Table(name: "raw_payloads", timeColumn: "received_at")
    static let tables = [rawPayloads, events]
    /// Partitions made ahead of the current month, so that a slow maintenance loop never leaves
    /// new rows in the default partition.
    static let monthsAhead = 3

    /// A UTC calendar month.
    struct Month: Comparable, Hashable, Sendable, CustomStringConvertible {
        let year: Int
        let month: Int

        init(year: Int, month: Int) {
            self.year = year + (month - 1).floorDivided(by: 12)
            self.month = (month - 1).floorModulo(12) + 1
        }

        init(containing date: Date) {
            let parts = Self.calendar.dateComponents([.year, .month], from: date)
            self.init(year: parts.year ?? 1970, month: parts.month ?? 1)
        }

        /// The month of a partition's name (`events_p2026_03`), nil for another name.
        init?(partitionName name: String, of table: String) {
            let prefix = "\(table)_p"
            guard name.hasPrefix(prefix) else { return nil }
            let parts = name.dropFirst(prefix.count).split(separator: "_")
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
                  let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            self.init(year: year, month: month)
        }

        func adding(_ months: Int) -> Month { Month(year: year, month: month + months) }

        /// The first instant of the month as stored (times are UTC ISO 8601 text, so a month's
        /// rows sort between its start and the next month's).
        var start: String { String(format: "%04d-%02d-01", year, month) }
        var startDate: Date { Self.calendar.date(from: DateComponents(year: year, month: month, day: 1)) ?? .distantPast }
        var description: String { String(format: "%04d_%02d", year, month) }

        static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }

        private static let calendar: Calendar = {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            return calendar
        }()
    }

    static func partitionName(_ table: Table, _ month: Month) -> String { "\(table.name)_p\(month)" }

    static func createPartition(_ table: Table, _ month: Month) -> String {
        """
        CREATE TABLE IF NOT EXISTS \(partitionName(table, month)) PARTITION OF \(table.name)
        FOR VALUES FROM ('\(month.start)') TO ('\(month.adding(1).start)')
        """
    }
}

private extension Int {
    func floorDivided(by divisor: Int) -> Int { Int((Double(self) / Double(divisor)).rounded(.down)) }
    func floorModulo(_ divisor: Int) -> Int { ((self % divisor) + divisor) % divisor }
}
