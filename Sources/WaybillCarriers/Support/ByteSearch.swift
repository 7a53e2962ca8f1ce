import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search on bytes: the C library's `memchr` finds each candidate, `memcmp` checks it.
/// Foundation's `Data.range(of:)` on Linux was an eighth of the time of parsing a USPS
/// response, for one key probe.
enum ByteSearch {
    static func contains(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Bool {
        guard !needle.isEmpty else { return true }
        guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
        // Candidates are found by a byte other than a quote where there is one: JSON is full of quotes.
        let anchor = needle.firstIndex { $0 != UInt8(ascii: "\"") } ?? 0
        return needle.withUnsafeBytes { pattern in
            let lastStart = haystack.count - needle.count
            var start = 0
            while start <= lastStart {
                guard let hit = memchr(base + start + anchor, Int32(needle[anchor]), lastStart - start + 1) else { return false }
                let candidate = base.distance(to: UnsafeRawPointer(hit)) - anchor
                if memcmp(base + candidate, pattern.baseAddress!, needle.count) == 0 { return true }
                start = candidate + 1
            }
            return false
        }
    }
}

extension Data {
    /// Whether `needle` occurs in the bytes.
    func containsBytes(_ needle: [UInt8]) -> Bool {
        withUnsafeBytes { ByteSearch.contains(needle, in: $0) }
    }
}
