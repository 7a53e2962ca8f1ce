import Foundation
import Testing
import WaybillTestSupport
import WaybillCarriers

/// Test files of the IFTSTA and CSV formats: the shared real samples (`../shared/edi-samples`,
/// read at test time, never copied), the project's own fixtures (`Fixtures/<format>/`) and the
/// expected normalized output of both (`Golden/<format>/<file>.json`).
enum EDIFACTAndCSVTestFiles {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let golden = GoldenFolder(testsDirectory: testsDirectory)
    static let ediSamples = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/edi-samples")

    static var ediSamplesAvailable: Bool { FileManager.default.fileExists(atPath: ediSamples.path) }
    static let ediSamplesMissing: Comment = "../shared/edi-samples is absent, so the real-sample cases are skipped"

    /// The shared IFTSTA samples (`*.edifact`); empty when ../shared is absent.
    static var iftstaSamples: [URL] { files(in: ediSamples, extension: "edifact") }

    /// The real-world IFTSTA interchanges (`../shared/carrier-samples/realworld/iftsta`); empty when absent.
    static var realWorldIFTSTA: [URL] {
        files(in: ediSamples.deletingLastPathComponent().appendingPathComponent("carrier-samples/realworld/iftsta"), extension: "edifact")
    }

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

}
