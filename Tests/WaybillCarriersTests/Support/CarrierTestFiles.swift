import Foundation
import Testing
import WaybillCarriers
import WaybillCore

/// Where carrier bodies for tests live: the shared real samples (`../shared/carrier-samples`,
/// read at test time, never copied), the project's own fixtures (`Fixtures/<carrier id>/`) and
/// the expected normalized output of both (`Golden/<carrier id>/<file>.json`).
enum CarrierTestFiles {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let sharedSamples = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/carrier-samples")

    static var sharedSamplesAvailable: Bool { FileManager.default.fileExists(atPath: sharedSamples.path) }
    static let sharedSamplesMissing: Comment = "../shared/carrier-samples is absent, so the real-sample cases are skipped"

    /// The shared samples that belong to each adapter: (folder, file name prefix).
    static let sharedSampleSources: [String: [(folder: String, prefix: String)]] = [
        "ups": [("ups", ""), ("karrio-fixtures/ups", "")],
        "fedex": [("fedex", ""), ("karrio-fixtures/fedex", "")],
        "usps": [("usps", ""), ("karrio-fixtures/usps", "")],
        "dhl": [("dhl", "unified-"), ("karrio-fixtures/dhl_universal", "")],
        "dhl_express": [("dhl", "express-"), ("karrio-fixtures/dhl_express", "")],
        "canada_post": [("canadapost", ""), ("karrio-fixtures/canadapost", "")],
        "australia_post": [("australiapost", "")],
        "postnl": [("postnl", "")],
        "dpd": [("dpd", "")],
        "gls": [("gls", "")],
        "royal_mail": [("royalmail", "")],
        "la_poste": [("laposte", "")],
        "amazon": [("amazon", "")],
        "easypost": [("easypost", "")],
        "aftership": [("aftership", "")],
    ]

    /// The shared sample files of an adapter (empty when ../shared is absent).
    static func sharedSamples(for carrier: String) -> [URL] {
        (sharedSampleSources[carrier] ?? []).flatMap { source in
            files(in: sharedSamples.appendingPathComponent(source.folder)).filter {
                $0.lastPathComponent.hasPrefix(source.prefix) && !$0.lastPathComponent.hasPrefix("upstream_expected")
            }
        }
    }

    /// The project's own fixtures of an adapter.
    static func fixtures(for carrier: String) -> [URL] {
        files(in: testsDirectory.appendingPathComponent("Fixtures/\(carrier)"))
    }

    static func files(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { $0.hasSuffix(".json") || $0.hasSuffix(".xml") }.map { directory.appendingPathComponent($0) }
    }

    /// Compares the normalized output of `result` with `Golden/<carrier>/<name>.json`; with
    /// `WAYBILL_UPDATE_GOLDEN=1` it writes the file instead (review the diff before committing).
    static func expectGolden(_ result: CarrierParseResult, carrier: String, name: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = testsDirectory.appendingPathComponent("Golden/\(carrier)/\(name).json")
        var actual = NormalizedDocument.render(result).encoded(pretty: true)
        actual.append(UInt8(ascii: "\n"))
        if ProcessInfo.processInfo.environment["WAYBILL_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("no golden file \(url.path); run the test with WAYBILL_UPDATE_GOLDEN=1 and review it", sourceLocation: sourceLocation)
            return
        }
        #expect(String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
                "normalized output of \(carrier)/\(name) differs from its golden file", sourceLocation: sourceLocation)
    }
}
