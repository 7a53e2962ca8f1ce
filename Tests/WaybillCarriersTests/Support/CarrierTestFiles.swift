import Foundation
import Testing
import WaybillTestSupport
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
        "dhl": [("dhl", "unified-"), ("dhl", "parcel-de-"), ("karrio-fixtures/dhl_universal", "")],
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
        if let problem = try GoldenFile.problem(with: result, at: url) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }
}
