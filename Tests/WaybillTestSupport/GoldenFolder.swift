import Foundation
import Testing
import WaybillCarriers

/// A test target's golden files, `Golden/<format id>/<name>.json` beside its tests.
public struct GoldenFolder: Sendable {
    public let url: URL

    public init(testsDirectory: URL) {
        url = testsDirectory.appendingPathComponent("Golden")
    }

    /// Records an issue at the caller when `result` does not render as `<format>/<name>.json`
    /// (with `WAYBILL_UPDATE_GOLDEN=1` the file is written instead; review the diff).
    public func expect(_ result: CarrierParseResult, format: String, name: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = url.appendingPathComponent(format).appendingPathComponent(name + ".json")
        if let problem = try GoldenFile.problem(with: result, at: file) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }

    /// The names (without `.json`) of the golden files of `format`.
    public func names(format: String) -> Set<String> {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent(format).path)) ?? []
        return Set(files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(".json".count)) })
    }
}
