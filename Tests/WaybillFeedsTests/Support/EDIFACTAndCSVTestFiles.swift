import Foundation
import Testing
import WaybillCarriers

/// Test files of the IFTSTA and CSV formats: the shared real samples (`../shared/edi-samples`,
/// read at test time, never copied), the project's own fixtures (`Fixtures/<format>/`) and the
/// expected normalized output of both (`Golden/<format>/<file>.json`).
enum EDIFACTAndCSVTestFiles {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let ediSamples = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/edi-samples")

    static var ediSamplesAvailable: Bool { FileManager.default.fileExists(atPath: ediSamples.path) }
    static let ediSamplesMissing: Comment = "../shared/edi-samples is absent, so the real-sample cases are skipped"

    /// The shared IFTSTA samples (`*.edifact`); empty when ../shared is absent.
    static var iftstaSamples: [URL] { files(in: ediSamples, extension: "edifact") }

    static func fixtures(_ format: String, extension ext: String) -> [URL] {
        files(in: testsDirectory.appendingPathComponent("Fixtures/\(format)"), extension: ext)
    }

    static func fixture(_ format: String, _ name: String) throws -> Data {
        try Data(contentsOf: testsDirectory.appendingPathComponent("Fixtures/\(format)/\(name)"))
    }

    static func files(in directory: URL, extension ext: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { $0.hasSuffix("." + ext) }.map { directory.appendingPathComponent($0) }
    }

    /// Compares the normalized output of `result` with `Golden/<format>/<name>.json`; with
    /// `WAYBILL_UPDATE_GOLDEN=1` it writes the file instead (review the diff before committing).
    static func expectGolden(_ result: CarrierParseResult, format: String, name: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = testsDirectory.appendingPathComponent("Golden/\(format)/\(name).json")
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
                "normalized output of \(format)/\(name) differs from its golden file", sourceLocation: sourceLocation)
    }
}

/// SplitMix64, so a failing mutation can be reproduced (same as WaybillCarriersTests' generator).
struct EDIFACTAndCSVFuzzGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
