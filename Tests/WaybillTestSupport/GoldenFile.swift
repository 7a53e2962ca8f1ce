import Foundation
import WaybillCarriers

/// Expected normalized output kept in the repository. With `WAYBILL_UPDATE_GOLDEN=1` the file
/// is written instead of compared (review the diff before committing it).
public enum GoldenFile {
    /// nil when `result` renders exactly as the file at `url` (or the file was just written),
    /// else what is wrong.
    public static func problem(with result: CarrierParseResult, at url: URL) throws -> String? {
        var actual = try NormalizedDocument.render(result).encoded(pretty: true)
        actual.append(UInt8(ascii: "\n"))
        if ProcessInfo.processInfo.environment["WAYBILL_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url)
            return nil
        }
        guard let expected = try? Data(contentsOf: url) else {
            return "no golden file \(url.path); run the test with WAYBILL_UPDATE_GOLDEN=1 and review it"
        }
        guard actual != expected else { return nil }
        let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        let got = line < actualLines.count ? String(actualLines[line]) : "(end)"
        let wanted = line < expectedLines.count ? String(expectedLines[line]) : "(end)"
        return "normalized output differs from \(url.lastPathComponent) at line \(line + 1): got \(got), expected \(wanted)"
    }
}
